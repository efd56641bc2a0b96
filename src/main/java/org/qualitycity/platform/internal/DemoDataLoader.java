package org.qualitycity.platform.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates the demo data set once, on the first start with demo data enabled ({@code QC_DEMO}),
 * deterministically from a fixed seed, all contributors in one transaction; then marks the database
 * so that pages show the "demo data" badge and a restart does not generate it again. Without demo
 * data, it creates the first administrator instead (password from {@code QC_ADMIN_PASSWORD} or a
 * generated one printed once to the log).
 */
@Component
@Order(0)
class DemoDataLoader implements ApplicationRunner {

    static final long SEED = 20170510L; // the plan's date of issue

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final QcProperties props;
    private final List<DemoDataContributor> contributors;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UserService users;
    private final DemoStatus status;
    private final TwoFactor twoFactor;
    private final UnitService units;

    DemoDataLoader(QcProperties props, List<DemoDataContributor> contributors, JdbcClient jdbc, TransactionTemplate tx,
                   UserService users, DemoStatus status, TwoFactor twoFactor, UnitService units) {
        this.units = units;
        this.twoFactor = twoFactor;
        this.props = props;
        this.contributors = contributors;
        this.jdbc = jdbc;
        this.tx = tx;
        this.users = users;
        this.status = status;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (props.demoEnabled() && users.count() == 0) {
            generate();
        } else if (users.count() == 0) {
            createFirstAdministrator();
        }
        status.refresh();
    }

    private void generate() {
        long t0 = System.nanoTime();
        tx.executeWithoutResult(s -> {
            // a second node starting at the same time waits here and then finds the data present
            jdbc.sql("SELECT pg_advisory_xact_lock(20170510)").query(Object.class).single();
            if (users.count() > 0) {
                return;
            }
            Random random = new Random(SEED);
            contributors.stream().sorted(Comparator.comparingInt(DemoDataContributor::order)).forEach(c -> {
                long c0 = System.nanoTime();
                c.generate(random);
                log.info("Demo data contributor {} (order {}): {} ms", c.getClass().getSimpleName(), c.order(),
                        (System.nanoTime() - c0) / 1_000_000);
            });
            jdbc.sql("INSERT INTO platform_demo (id, seed) VALUES (1, :seed)").param("seed", SEED).update();
        });
        log.info("Demo data generated ({} contributors, {} ms). Demo accounts are listed in the README.",
                contributors.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void createFirstAdministrator() {
        String password = props.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = generatePassword();
        }
        String pw = password;
        String totpSecret = props.adminTotpSecret();
        boolean fixedSecret = totpSecret != null && !totpSecret.isBlank();
        tx.executeWithoutResult(s -> {
            long id = users.createBySystem("admin", Texts.render(Text.of("users.admin.display-name"), Texts.DEFAULT), units.withRole(
                    org.qualitycity.platform.Unit.Role.QUALITY_OFFICE).orElseGet(units::city).code(), pw, List.of("SYS_ADMIN"));
            if (fixedSecret) {
                twoFactor.setFixedSecret(id, totpSecret.trim().toUpperCase(java.util.Locale.ROOT));
            }
        });
        if (generated) {
            log.warn("Created the first administrator 'admin' with the generated password: {}  (change it after login)", pw);
        } else {
            log.info("Created the first administrator 'admin' with the password from QC_ADMIN_PASSWORD");
        }
        // 三权分立 (GB/T 22239-2019 level 3): the first account is the system administrator only
        log.warn("'admin' is the SYSTEM administrator (users, units, configuration); it cannot edit roles or read the "
                + "audit trail. Sign in at /login: {}. Then, under Users, create one account each for the security "
                + "administrator (role SEC_ADMIN), the audit administrator (AUDIT_ADMIN) and the city administrator "
                + "(CITY_ADMIN); each enrols its own TOTP at its first sign-in. No account may hold two of these roles. "
                + "See docs/operations.md, 'Administrators'.",
                fixedSecret ? "two-factor login uses the TOTP secret of QC_ADMIN_TOTP_SECRET"
                        : "it enrols two-factor login (TOTP) with an authenticator app first");
    }

    private static String generatePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("Qc-");
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.append("7a").toString();
    }
}
