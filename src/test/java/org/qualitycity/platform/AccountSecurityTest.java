package org.qualitycity.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.internal.Totp;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, findings 7 and 8 (passwords, lock-out, per-address throttle) and sessions (idle and absolute
 * timeouts, at most three per account, one's own sessions listed and ended).
 */
@QcIntegrationTest
class AccountSecurityTest {

    private static final String PASSWORD = "Start#2026x";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Value("${qc.security.address-max-failures}")
    int addressMaxFailures;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String newUser(TestApi api, String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 6);
        var r = api.post("/api/v1/users", Map.of("username", username, "displayName", "安全测试", "unitCode", "421222",
                "password", PASSWORD, "roles", List.of("DISTRICT_OFFICER")), api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    private static String token(TestApi api, String username, String password) {
        var r = api.login(username, password);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("token").asText();
    }

    private static boolean signedIn(WebSession s) {
        return s.get("/me").status() == 200;
    }

    // ---- finding 7

    @Test
    void changingOnesPasswordEndsEveryOtherTokenAndSessionButKeepsTheOneItCameThrough() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "chg");
        String used = token(api, username, PASSWORD);
        String other = token(api, username, PASSWORD);
        WebSession browser = WebSession.loggedIn(port, username, PASSWORD);
        assertThat(signedIn(browser)).isTrue();

        var r = api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "Changed#2026y"), used);
        assertThat(r.status()).as(r.body()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", used).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", other).status()).isEqualTo(401);
        assertThat(signedIn(browser)).as("the browser session ended").isFalse();

        // through a page: the session it came through stays, the others end
        WebSession first = WebSession.loggedIn(port, username, "Changed#2026y");
        WebSession second = WebSession.loggedIn(port, username, "Changed#2026y");
        String third = token(api, username, "Changed#2026y");
        first.get("/me");
        assertThat(first.postForm("/me/password", Map.of("currentPassword", "Changed#2026y",
                "newPassword", "Again#2026zz")).status()).isEqualTo(302);
        assertThat(signedIn(first)).isTrue();
        assertThat(signedIn(second)).isFalse();
        assertThat(api.get("/api/v1/me", third).status()).isEqualTo(401);
    }

    @Test
    void aPasswordResetByAnAdministratorEndsEveryTokenAndSession() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "rst");
        String t = token(api, username, PASSWORD);
        WebSession browser = WebSession.loggedIn(port, username, PASSWORD);
        long id = api.get("/api/v1/me", t).json().get("id").asLong();

        var r = api.post("/api/v1/users/" + id + "/password", Map.of("password", "Reset#2026q"), api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", t).status()).isEqualTo(401);
        assertThat(signedIn(browser)).isFalse();
    }

    @Test
    void wrongCurrentPasswordsCountTowardTheLockOutWhichLeavesIssuedTokensValid() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "cur");
        String t = token(api, username, PASSWORD);
        for (int i = 0; i < 5; i++) {
            var r = api.post("/api/v1/me/password", Map.of("currentPassword", "Guess#2026" + i, "newPassword",
                    "Whatever#2026w"), t);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
        }
        // locked: no new login, not even with the right password, and no password change either
        assertThat(api.login(username, PASSWORD).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "Whatever#2026w"),
                t).status()).isEqualTo(400);
        // finding 8: the lock does not revoke what was issued, so a stranger cannot cut the user off
        assertThat(api.get("/api/v1/me", t).status()).isEqualTo(200);
        List<String> reasons = jdbc.sql("SELECT reason FROM platform_login_log WHERE username = :u AND NOT success")
                .param("u", username).query(String.class).list();
        assertThat(reasons).contains("BAD_CURRENT_PASSWORD", "LOCKED_NOW");
    }

    // ---- finding 8

    @Test
    void aLockedAccountAndAnUnknownNameGetTheSameAnswer() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "same");
        String t = token(api, username, PASSWORD);
        for (int i = 0; i < 5; i++) {
            api.login(username, "Wrong#pass1");
        }
        var locked = api.login(username, PASSWORD);
        var unknown = api.login("nobody" + UUID.randomUUID().toString().substring(0, 6), PASSWORD);
        assertThat(locked.status()).isEqualTo(401).isEqualTo(unknown.status());
        assertThat(locked.json().get("type")).isEqualTo(unknown.json().get("type"));
        assertThat(locked.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        assertThat(new WebSession(port).login(username, PASSWORD).location())
                .isEqualTo(new WebSession(port).login("nobody-at-all", PASSWORD).location());
        assertThat(api.get("/api/v1/me", t).status()).as("issued tokens survive a lock").isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressThrottleItsLoginsOnBothPaths() {
        TestApi api = new TestApi(port);
        // far from the real time, so that the failures made here throttle nobody else
        Instant t0 = Instant.parse("2031-05-01T02:00:00Z");
        clock.set(t0);
        assertThat(api.login("nobody-throttle", "Wrong#pass1").status()).isEqualTo(401);
        String ip = jdbc.sql("SELECT ip FROM platform_login_log WHERE username = 'nobody-throttle' ORDER BY id DESC LIMIT 1")
                .query(String.class).single();
        // as if an attacker had tried many names from this address (rows like the login writes)
        for (int i = 1; i < addressMaxFailures; i++) {
            jdbc.sql("INSERT INTO platform_login_log (at, username, ip, channel, success, reason) "
                            + "VALUES (:at, :u, :ip, 'API', false, 'BAD_CREDENTIALS')")
                    .param("at", Timestamp.from(t0.plusSeconds(i % 60))).param("u", "spray" + i).param("ip", ip).update();
        }
        clock.set(t0.plusSeconds(90));
        var refused = api.login("tongcheng", TestApi.DEMO_PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asText()).endsWith("login-throttled");
        assertThat(new WebSession(port).login("tongcheng", TestApi.DEMO_PASSWORD).location()).contains("/login?throttled");
        // the window passes
        clock.set(t0.plus(Duration.ofMinutes(12)));
        assertThat(api.login("tongcheng", TestApi.DEMO_PASSWORD).status()).isEqualTo(200);
    }

    // ---- sessions

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        String username = newUser(new TestApi(port), "idle");
        clock.set(Instant.parse("2031-06-01T01:00:00Z"));
        WebSession s = WebSession.loggedIn(port, username, PASSWORD);
        clock.advance(Duration.ofMinutes(29));
        assertThat(signedIn(s)).isTrue();
        clock.advance(Duration.ofMinutes(29));
        assertThat(signedIn(s)).as("29 minutes after the last request").isTrue();
        clock.advance(Duration.ofMinutes(31));
        assertThat(s.get("/me").location()).contains("/login");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverBusy() {
        String username = newUser(new TestApi(port), "abs");
        Instant t0 = Instant.parse("2031-06-02T01:00:00Z");
        clock.set(t0);
        WebSession s = WebSession.loggedIn(port, username, PASSWORD);
        while (clock.instant().plus(Duration.ofMinutes(25)).isBefore(t0.plus(Duration.ofHours(12)))) {
            clock.advance(Duration.ofMinutes(25));
            assertThat(signedIn(s)).as("at " + clock.instant()).isTrue();
        }
        clock.set(t0.plus(Duration.ofHours(12)).plusSeconds(1));
        assertThat(signedIn(s)).isFalse();
    }

    @Test
    void aFourthSignInEndsTheOldestOfThreeSessions() {
        String username = newUser(new TestApi(port), "max");
        WebSession first = WebSession.loggedIn(port, username, PASSWORD);
        WebSession second = WebSession.loggedIn(port, username, PASSWORD);
        WebSession third = WebSession.loggedIn(port, username, PASSWORD);
        assertThat(signedIn(first) && signedIn(second) && signedIn(third)).isTrue();
        WebSession fourth = WebSession.loggedIn(port, username, PASSWORD);
        assertThat(signedIn(first)).isFalse();
        assertThat(signedIn(second) && signedIn(third) && signedIn(fourth)).isTrue();
    }

    @Test
    void aUserSeesAndEndsItsOwnSessionsByApiAndPage() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "own");
        String t = token(api, username, PASSWORD);
        WebSession laptop = WebSession.loggedIn(port, username, PASSWORD);
        WebSession phone = WebSession.loggedIn(port, username, PASSWORD);
        laptop.get("/me");
        phone.get("/me");

        var list = api.get("/api/v1/me/sessions", t).json();
        assertThat(list.size()).isEqualTo(2);
        // the page marks the current session and offers to end the other one
        String page = laptop.get("/me/sessions").body();
        assertThat(page).contains("id=\"sessions\"").contains("当前会话");
        String laptopView = list.get(0).get("id").asText();
        String other = null;
        for (var s : list) {
            if (!page.contains("/me/sessions/" + s.get("id").asText() + "/end")) {
                laptopView = s.get("id").asText();
            } else {
                other = s.get("id").asText();
            }
        }
        assertThat(other).isNotNull();
        assertThat(laptop.postForm("/me/sessions/" + other + "/end", Map.of()).status()).isEqualTo(302);
        assertThat(signedIn(phone)).isFalse();
        assertThat(signedIn(laptop)).isTrue();

        // by API
        assertThat(api.delete("/api/v1/me/sessions/" + laptopView, t).status()).isEqualTo(204);
        assertThat(signedIn(laptop)).isFalse();
        assertThat(api.delete("/api/v1/me/sessions/" + laptopView, t).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me/sessions", t).json().size()).isZero();
    }

    // ---- finding 12 through the API

    @Test
    void commonPasswordsAndControlCharactersAreRefusedWithTheField() {
        TestApi api = new TestApi(port);
        for (String bad : List.of("P@ssw0rd", "Qwerty123", "Good#Pass\u0007word1")) {
            var r = api.post("/api/v1/users", Map.of("username", "pol" + UUID.randomUUID().toString().substring(0, 6),
                    "displayName", "策略", "unitCode", "421222", "password", bad, "roles", List.of()), api.token("admin"));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
        }
    }

    static String code(String secret, MutableClock clock) {
        return Totp.code(secret, clock.instant());
    }
}
