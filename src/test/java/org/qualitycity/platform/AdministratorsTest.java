package org.qualitycity.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.internal.Totp;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9: 三权分立 (system, security and audit administrators) and two-factor login (TOTP, RFC 6238). */
@QcIntegrationTest
class AdministratorsTest {

    private static final String PASSWORD = "Start#2026x";
    private static final Instant T0 = Instant.parse("2026-03-02T01:00:10Z");

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String newUser(String prefix, String role) {
        TestApi api = new TestApi(port);
        String username = prefix + UUID.randomUUID().toString().substring(0, 6);
        // administrator roles are designated by the system administrator, others by the city administrator
        String by = role.endsWith("_ADMIN") ? "sysadmin" : "admin";
        var r = api.post("/api/v1/users", Map.of("username", username, "displayName", "管理员测试", "unitCode", "421200-ZQB",
                "password", PASSWORD, "roles", List.of(role)), api.token(by));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    private static Map<String, String> body(String username, String password, String totp) {
        Map<String, String> m = new HashMap<>(Map.of("username", username, "password", password));
        if (totp != null) {
            m.put("totp", totp);
        }
        return m;
    }

    // ---- two-factor login

    @Test
    void anAdministratorGetsATokenOnlyWithTheCodeOfTheCurrentStep() {
        TestApi api = new TestApi(port);
        clock.set(T0);
        String secret = TestApi.DEMO_TOTP_SECRETS.get("secadmin");
        var none = api.post("/api/v1/auth/token", body("secadmin", TestApi.DEMO_PASSWORD, null), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(none.json().get("type").asText()).endsWith("/totp-required");

        String old = Totp.code(secret, T0.minusSeconds(60));
        var wrong = api.post("/api/v1/auth/token", body("secadmin", TestApi.DEMO_PASSWORD, old), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("type").asText()).endsWith("/bad-credentials");
        // a wrong password with the right code tells nothing about the code
        assertThat(api.post("/api/v1/auth/token", body("secadmin", "Wrong#2026x", Totp.code(secret, T0)), null)
                .json().get("type").asText()).endsWith("/bad-credentials");

        for (Instant at : List.of(T0.minusSeconds(30), T0, T0.plusSeconds(30))) {
            var ok = api.post("/api/v1/auth/token", body("secadmin", TestApi.DEMO_PASSWORD, Totp.code(secret, at)), null);
            assertThat(ok.status()).as("code of " + at).isEqualTo(200);
        }
        // the failures above do not add up to a lock: a completed login resets the count
        assertThat(jdbc.sql("SELECT failed_attempts FROM platform_user WHERE username = 'secadmin'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void formLoginAsksForTheCodeOnASecondStepAndGivesNoSessionBefore() {
        clock.set(T0);
        WebSession s = new WebSession(port);
        s.get("/login");
        var first = s.postForm("/login", Map.of("username", "auditadmin", "password", TestApi.DEMO_PASSWORD));
        assertThat(first.location()).endsWith("/login/totp");
        // nothing is reachable with the password alone
        assertThat(s.get("/audit").location()).contains("/login");
        assertThat(s.get("/api/v1/me").status()).isEqualTo(401);

        var step = s.get("/login/totp?lang=zh-CN");
        assertThat(step.status()).isEqualTo(200);
        assertThat(step.body()).contains("两步验证").doesNotContain("totp-enrol");
        assertThat(s.postForm("/login/totp", Map.of("code", "000000")).location()).contains("/login/totp?error");
        assertThat(s.get("/audit").location()).contains("/login");

        var done = s.postForm("/login/totp",
                Map.of("code", Totp.code(TestApi.DEMO_TOTP_SECRETS.get("auditadmin"), T0)));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).doesNotContain("login");
        assertThat(s.get("/audit").status()).isEqualTo(200);
    }

    @Test
    void aNewAdministratorEnrolsByQrCodeAtItsFirstSignInAndGetsTenRecoveryCodes() throws Exception {
        String username = newUser("newsec", "SEC_ADMIN");
        TestApi api = new TestApi(port);
        // no token before enrolment
        var api401 = api.post("/api/v1/auth/token", body(username, PASSWORD, "123456"), null);
        assertThat(api401.status()).isEqualTo(401);
        assertThat(api401.json().get("type").asText()).endsWith("/totp-enrollment-required");

        clock.set(T0);
        WebSession s = new WebSession(port);
        s.get("/login");
        assertThat(s.postForm("/login", Map.of("username", username, "password", PASSWORD)).location())
                .endsWith("/login/totp");
        String page = s.get("/login/totp").body();
        assertThat(page).contains("id=\"totp-enrol\"").contains("otpauth://totp/");
        Matcher qr = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(page);
        assertThat(qr.find()).isTrue();
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(qr.group(1))))).isNotNull();
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
        assertThat(secret.find()).isTrue();

        var done = s.postForm("/login/totp", Map.of("code", Totp.code(secret.group(1), T0)));
        assertThat(done.status()).isEqualTo(200);
        Matcher codes = Pattern.compile("<li>([a-z0-9]{5}-[a-z0-9]{5})</li>").matcher(done.body());
        List<String> recovery = new java.util.ArrayList<>();
        while (codes.find()) {
            recovery.add(codes.group(1));
        }
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(s.get("/roles").status()).isEqualTo(200);
        // stored hashed only
        assertThat(jdbc.sql("SELECT string_agg(code_hash, ',') FROM platform_recovery_code rc "
                + "JOIN platform_user u ON u.id = rc.user_id WHERE u.username = :u").param("u", username)
                .query(String.class).single()).doesNotContain(recovery.get(0)).doesNotContain(recovery.get(0).replace("-", ""));

        // the API now wants the code; a recovery code works once
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, null), null).json().get("type").asText())
                .endsWith("/totp-required");
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, Totp.code(secret.group(1), T0)), null)
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, recovery.get(3)), null).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, recovery.get(3)), null).status())
                .isEqualTo(401);
    }

    @Test
    void anOrdinaryUserMayEnrolByApiAndThenNeedsTheCode() {
        TestApi api = new TestApi(port);
        String username = newUser("opt", "DEPT_OFFICER");
        var first = api.post("/api/v1/auth/token", body(username, PASSWORD, null), null);
        assertThat(first.status()).as("optional: no code needed before enrolment").isEqualTo(200);
        String token = first.json().get("token").asText();

        clock.set(T0);
        var enrolment = api.post("/api/v1/me/totp", null, token);
        assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
        String secret = enrolment.json().get("secret").asText();
        assertThat(enrolment.json().get("otpauthUri").asText()).startsWith("otpauth://totp/")
                .contains("secret=" + secret).contains(username);
        assertThat(enrolment.json().get("qrCode").asText()).startsWith("data:image/png;base64,");
        // not in force until confirmed
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, null), null).status()).isEqualTo(200);

        var bad = api.post("/api/v1/me/totp/confirm", Map.of("code", "000000"), token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("code");
        var ok = api.post("/api/v1/me/totp/confirm", Map.of("code", Totp.code(secret, T0)), token);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("recoveryCodes").size()).isEqualTo(10);

        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, null), null).json().get("type").asText())
                .endsWith("/totp-required");
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, Totp.code(secret, T0)), null).status())
                .isEqualTo(200);
    }

    @Test
    void wrongCodesCountTowardTheLockOut() {
        String username = newUser("brute", "AUDIT_ADMIN");
        // enrol through the API after a first page sign-in is not possible without a code: use the page flow
        clock.set(T0);
        WebSession s = new WebSession(port);
        s.get("/login");
        s.postForm("/login", Map.of("username", username, "password", PASSWORD));
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(s.get("/login/totp").body());
        assertThat(secret.find()).isTrue();
        assertThat(s.postForm("/login/totp", Map.of("code", Totp.code(secret.group(1), T0))).status()).isEqualTo(200);

        TestApi api = new TestApi(port);
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/auth/token", body(username, PASSWORD, String.format("%06d", i)), null);
        }
        assertThat(api.post("/api/v1/auth/token", body(username, PASSWORD, Totp.code(secret.group(1), T0)), null)
                .status()).as("locked after five wrong codes").isEqualTo(401);
    }

    // ---- 三权分立

    @Test
    void noAccountHoldsTwoAdministratorRoles() {
        TestApi api = new TestApi(port);
        String sys = api.token("sysadmin");
        var both = api.post("/api/v1/users", Map.of("username", "two" + UUID.randomUUID().toString().substring(0, 6),
                "displayName", "x", "unitCode", "421200-ZQB", "password", PASSWORD,
                "roles", List.of("SEC_ADMIN", "AUDIT_ADMIN")), sys);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").get(0).get("field").asText()).isEqualTo("roles");

        String username = newUser("one", "AUDIT_ADMIN");
        long id = api.get("/api/v1/users?q=" + username, sys).json().get("items").get(0).get("id").asLong();
        for (String second : List.of("SEC_ADMIN", "SYS_ADMIN", "CITY_ADMIN")) {
            var r = api.put("/api/v1/users/" + id, Map.of("displayName", "x", "unitCode", "421200-ZQB", "active", true,
                    "roles", List.of("AUDIT_ADMIN", second)), sys);
            assertThat(r.status()).as(second).isEqualTo(400);
        }
        // the city administrator cannot designate administrators at all
        var byCity = api.post("/api/v1/users", Map.of("username", "cty" + UUID.randomUUID().toString().substring(0, 6),
                "displayName", "x", "unitCode", "421200-ZQB", "password", PASSWORD, "roles", List.of("SYS_ADMIN")),
                api.token("admin"));
        assertThat(byCity.status()).isEqualTo(400);
        // nor can the security administrator widen an administrator role
        var widen = api.put("/api/v1/roles/" + roleId(api, "SYS_ADMIN"), Map.of("code", "SYS_ADMIN", "nameZh", "系统管理员",
                "nameEn", "System administrator", "dataScope", "ALL", "permissions", List.of("*")), api.token("secadmin"));
        assertThat(widen.status()).isEqualTo(400);
    }

    private static long roleId(TestApi api, String code) {
        for (var r : api.get("/api/v1/roles", api.token("secadmin")).json()) {
            if (r.get("code").asText().equals(code)) {
                return r.get("id").asLong();
            }
        }
        throw new AssertionError("no role " + code);
    }

    @Test
    void eachAdministratorIsRefusedTheOtherTwosActionsByApi() {
        TestApi api = new TestApi(port);
        String sys = api.token("sysadmin");
        String sec = api.token("secadmin");
        String aud = api.token("auditadmin");
        String city = api.token("admin");
        String role = "{\"code\":\"X_" + System.nanoTime() % 100000 + "\",\"nameZh\":\"x\",\"nameEn\":\"x\","
                + "\"dataScope\":\"UNIT\",\"permissions\":[\"platform:unit:view\"]}";
        String user = "{\"username\":\"u" + System.nanoTime() % 100000 + "\",\"displayName\":\"x\","
                + "\"unitCode\":\"421222\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}";

        // system administrator: users and units yes; audit trail and roles no
        assertThat(api.get("/api/v1/users", sys).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit", sys).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/export", sys).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/verify", sys).status()).isEqualTo(403);
        assertThat(api.postRaw("/api/v1/roles", role, sys).status()).isEqualTo(403);
        // security administrator: roles yes; users, units, audit trail and business data no
        assertThat(api.get("/api/v1/roles/permissions", sec).status()).isEqualTo(200);
        assertThat(api.postRaw("/api/v1/users", user, sec).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/units", Map.of("code", "SEC-X", "nameZh", "x", "nameEn", "x", "kind", "SUBUNIT",
                "parentCode", "421222"), sec).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", sec).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/complaints", sec).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/enterprises", sec).status()).isEqualTo(403);
        // audit administrator: reads, verifies and exports the trail; changes nothing else
        assertThat(api.get("/api/v1/audit", aud).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/verify", aud).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/export", aud).status()).isEqualTo(200);
        assertThat(api.postRaw("/api/v1/users", user, aud).status()).isEqualTo(403);
        assertThat(api.postRaw("/api/v1/roles", role, aud).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/units/421222-SCJG", Map.of("nameZh", "x", "nameEn", "x"), aud).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/complaints", aud).status()).isEqualTo(403);
        // the city administrator keeps business administration, without the three powers' audit and roles
        assertThat(api.get("/api/v1/complaints", city).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit", city).status()).isEqualTo(403);
        assertThat(api.postRaw("/api/v1/roles", role, city).status()).isEqualTo(403);
    }

    @Test
    void eachAdministratorIsRefusedTheOtherTwosPages() {
        WebSession sys = WebSession.loggedIn(port, "sysadmin");
        assertThat(sys.get("/users/new").status()).isEqualTo(200);
        assertThat(sys.get("/audit").status()).isEqualTo(403);
        assertThat(sys.get("/audit/export").status()).isEqualTo(403);
        sys.get("/users");
        assertThat(sys.postForm("/roles/1", Map.of("nameZh", "x")).status()).isEqualTo(403);

        WebSession sec = WebSession.loggedIn(port, "secadmin");
        assertThat(sec.get("/roles/1").status()).isEqualTo(200);
        assertThat(sec.get("/audit").status()).isEqualTo(403);
        assertThat(sec.get("/users/new").status()).isEqualTo(403);
        assertThat(sec.get("/units/new").status()).isEqualTo(403);
        assertThat(sec.get("/complaints").status()).isEqualTo(403);

        WebSession aud = WebSession.loggedIn(port, "auditadmin");
        assertThat(aud.get("/audit").status()).isEqualTo(200);
        assertThat(aud.get("/users/new").status()).isEqualTo(403);
        assertThat(aud.get("/roles/1").status()).isEqualTo(403);
        assertThat(aud.get("/units/new").status()).isEqualTo(403);

        WebSession city = WebSession.loggedIn(port, "admin");
        assertThat(city.get("/audit").status()).isEqualTo(403);
        assertThat(city.get("/login-log").status()).isEqualTo(403);
    }
}
