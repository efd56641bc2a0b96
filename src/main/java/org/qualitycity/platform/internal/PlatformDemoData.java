package org.qualitycity.platform.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Random;

/** Demo accounts, one per role (documented in the README with the shared demo password). */
@Component
class PlatformDemoData implements DemoDataContributor {

    /** The one password of all demo accounts; demo data only. */
    static final String DEMO_PASSWORD = "Demo@2026";

    /**
     * Fixed TOTP secrets (base32) of the demo administrators, listed in the README so that testers and scripts
     * can compute codes ({@code oathtool --totp -b SECRET}); demo data only.
     */
    static final java.util.Map<String, String> DEMO_TOTP_SECRETS = java.util.Map.of(
            "admin", "QCDEMOCITYADMINTOTPKEYAAAAAAAAAA",
            "sysadmin", "QCDEMOSYSADMINTOTPKEYAAAAAAAAAAA",
            "secadmin", "QCDEMOSECADMINTOTPKEYAAAAAAAAAAA",
            "auditadmin", "QCDEMOAUDITADMINTOTPKEYAAAAAAAAA");

    private final UserService users;
    private final TwoFactor twoFactor;

    private final org.springframework.security.crypto.password.PasswordEncoder encoder;

    PlatformDemoData(UserService users, TwoFactor twoFactor,
                     org.springframework.security.crypto.password.PasswordEncoder encoder) {
        this.encoder = encoder;
        this.users = users;
        this.twoFactor = twoFactor;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void generate(Random random) {
        // one hash of the shared, published demo password for every account (BCrypt costs ~0.1 s a time)
        String hash = encoder.encode(DEMO_PASSWORD);
        long admin = users.createBySystem("admin", "市质强办管理员", "421200-ZQB", DEMO_PASSWORD, hash, List.of("CITY_ADMIN"));
        twoFactor.setFixedSecret(admin, DEMO_TOTP_SECRETS.get("admin"));
        // 三权分立: one system, one security and one audit administrator
        twoFactor.setFixedSecret(users.createBySystem("sysadmin", "市质强办 系统管理员", "421200-ZQB", DEMO_PASSWORD, hash,
                List.of("SYS_ADMIN")), DEMO_TOTP_SECRETS.get("sysadmin"));
        twoFactor.setFixedSecret(users.createBySystem("secadmin", "市质强办 安全管理员", "421200-ZQB", DEMO_PASSWORD, hash,
                List.of("SEC_ADMIN")), DEMO_TOTP_SECRETS.get("secadmin"));
        twoFactor.setFixedSecret(users.createBySystem("auditadmin", "市质强办 审计管理员", "421200-ZQB", DEMO_PASSWORD, hash,
                List.of("AUDIT_ADMIN")), DEMO_TOTP_SECRETS.get("auditadmin"));
        users.createBySystem("scjg", "市市场监管局 王科长", "421200-SCJG", DEMO_PASSWORD, hash,
                List.of("DEPT_OFFICER", "MARKET_CITYWIDE"));
        users.createBySystem("tongcheng", "通城县 李专干", "421222", DEMO_PASSWORD, hash, List.of("DISTRICT_OFFICER"));
        users.createBySystem("chibi", "赤壁市 张专干", "421281", DEMO_PASSWORD, hash, List.of("DISTRICT_OFFICER"));
        users.createBySystem("auditor", "第三方审计 陈审计", "421200-ZQB", DEMO_PASSWORD, hash, List.of("AUDITOR"));
        users.createBySystem("zhujian", "市住建局 刘科长", "421200-ZJJ", DEMO_PASSWORD, hash, List.of("DEPT_OFFICER"));
        // a sub-unit officer of 赤壁市, so that scope tests have records below a district
        // an enterprise's quality manager in 通城县; the enterprise module links it to one of its demo enterprises
        users.createBySystem("qiye", "通城县企业 质量负责人", "421222", DEMO_PASSWORD, hash, List.of("ENTERPRISE"));
        users.createBySystem("chibi-scj", "赤壁市市场监管局 周科员", "421281-SCJG", DEMO_PASSWORD, hash,
                List.of("DISTRICT_OFFICER"));
    }
}
