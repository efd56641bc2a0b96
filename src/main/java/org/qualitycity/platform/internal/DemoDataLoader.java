package org.qualitycity.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates the demo data set once, on the first start with demo data enabled ({@code QC_DEMO}),
 * deterministically from a fixed seed, in two transactions: the accounts (contributors ordered below
 * {@link #BACKGROUND_FROM}) before the application is ready, so that logins work at readiness, and then all other
 * contributors in one transaction — by default on a background thread after readiness ({@code qc.demo-background},
 * {@code QC_DEMO_BACKGROUND}; pages show a banner meanwhile and {@code /actuator/info} the progress), synchronously
 * when it is false (the tests). A start that finds the accounts but not the rest (the process ended while generating)
 * generates the rest again. Marks the database so that pages show the "demo data" badge and a restart does not
 * generate it again. Without demo data, it creates the first administrator instead (password from
 * {@code QC_ADMIN_PASSWORD} or a generated one printed once to the log).
 */
@Component
@Order(0)
class DemoDataLoader implements ApplicationRunner {

    static final long SEED = 20170510L; // the plan's date of issue

    /** Contributors ordered below this (the accounts) run before readiness, the others after it. */
    static final int BACKGROUND_FROM = 200;

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final QcProperties props;
    private final List<DemoDataContributor> contributors;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UserService users;
    private final DemoStatus status;
    private final TwoFactor twoFactor;
    private final UnitService units;
    private final boolean background;
    private final ObjectProvider<ApplicationRunner> runners;
    private final ObjectProvider<DataSource> dataSource;
    private volatile boolean closing;

    DemoDataLoader(QcProperties props, List<DemoDataContributor> contributors, JdbcClient jdbc, TransactionTemplate tx,
                   UserService users, DemoStatus status, TwoFactor twoFactor, UnitService units,
                   @Value("${qc.demo-background:true}") boolean background, ObjectProvider<ApplicationRunner> runners,
                   ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
        this.units = units;
        this.background = background;
        this.runners = runners;
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
            generateAccounts();
        } else if (users.count() == 0) {
            createFirstAdministrator();
        }
        status.refresh();
        if (props.demoEnabled() && status.generating()) {
            if (background) {
                Thread t = new Thread(this::generateInBackground, "demo-data");
                t.setDaemon(true);
                t.start();
            } else {
                generateRest();
            }
        }
    }

    @EventListener(ContextClosedEvent.class)
    void onClose() {
        closing = true;
    }

    private List<DemoDataContributor> sorted(boolean accounts) {
        return contributors.stream().filter(c -> (c.order() < BACKGROUND_FROM) == accounts)
                .sorted(Comparator.comparingInt(DemoDataContributor::order)).toList();
    }

    /** The demo accounts, and the marker that the rest is still to come. */
    private void generateAccounts() {
        long t0 = System.nanoTime();
        tx.executeWithoutResult(s -> {
            // a second node starting at the same time waits here and then finds the data present
            jdbc.sql("SELECT pg_advisory_xact_lock(20170510)").query(Object.class).single();
            if (users.count() > 0) {
                return;
            }
            Random random = new Random(SEED);
            sorted(true).forEach(c -> run(c, random));
            jdbc.sql("INSERT INTO platform_demo (id, seed, complete) VALUES (1, :seed, false)").param("seed", SEED).update();
        });
        log.info("Demo accounts generated ({} ms). Demo accounts are listed in the README.", (System.nanoTime() - t0) / 1_000_000);
    }

    private void run(DemoDataContributor c, Random random) {
        long c0 = System.nanoTime();
        c.generate(random);
        log.info("Demo data contributor {} (order {}): {} ms", c.getClass().getSimpleName(), c.order(),
                (System.nanoTime() - c0) / 1_000_000);
    }

    /** All other contributors in one transaction, from the same seed (the accounts draw no random numbers). */
    private void generateRest() {
        long t0 = System.nanoTime();
        List<DemoDataContributor> rest = sorted(false);
        status.progress(0, rest.size());
        tx.executeWithoutResult(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(20170510)").query(Object.class).single();
            if (Boolean.TRUE.equals(jdbc.sql("SELECT complete FROM platform_demo WHERE id = 1").query(Boolean.class)
                    .optional().orElse(null))) {
                return; // another node generated it meanwhile
            }
            Random random = new Random(SEED);
            for (int i = 0; i < rest.size(); i++) {
                run(rest.get(i), random);
                status.progress(i + 1, rest.size());
            }
            jdbc.sql("UPDATE platform_demo SET complete = true, generated_at = now() WHERE id = 1").update();
        });
        status.refresh();
        log.info("Demo data generated ({} contributors, {} ms).", rest.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Issue 13 (memory on a small machine): the bulk generation leaves its database sessions holding megabytes each
     * (catalog caches of every table it touched, sort memory) and the heap grown by its garbage. Once it is done, the
     * pool's idle connections are replaced by fresh ones as they are needed (soft eviction: a connection in use is
     * closed when it is returned) and one full collection lets the heap shrink to what is live
     * ({@code -XX:MaxHeapFreeRatio} of README's command). Runs once, after the background generation only.
     */
    private void releaseGenerationMemory() {
        long t0 = System.nanoTime();
        DataSource ds = dataSource.getIfAvailable();
        try {
            if (ds != null && ds.isWrapperFor(HikariDataSource.class)) {
                HikariPoolMXBean pool = ds.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                if (pool != null) {
                    pool.softEvictConnections();
                }
            }
        } catch (java.sql.SQLException e) {
            log.debug("Connection pool not evicted: {}", e.toString());
        }
        System.gc();
        log.info("Demo data generation's memory released ({} ms)", (System.nanoTime() - t0) / 1_000_000);
    }

    private void generateInBackground() {
        try {
            generateRest();
            // what runs after the demo data on a synchronous start (e.g. encrypting the bulk-loaded personal data)
            // runs again now: those runners are idempotent and find their work only now
            runners.orderedStream().filter(r -> r != this && order(r) > 0).forEach(r -> {
                try {
                    r.run(new DefaultApplicationArguments());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            releaseGenerationMemory();
        } catch (RuntimeException e) {
            status.failed();
            if (closing) {
                log.info("Demo data generation stopped by the shutdown; the next start generates it again");
            } else {
                log.error("Demo data generation failed; the next start tries again", e);
            }
        }
    }

    private static int order(ApplicationRunner r) {
        if (r instanceof Ordered o) {
            return o.getOrder();
        }
        return OrderUtils.getOrder(AopUtils.getTargetClass(r), Ordered.LOWEST_PRECEDENCE);
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
