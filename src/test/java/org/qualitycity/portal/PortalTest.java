package org.qualitycity.portal;

import org.junit.jupiter.api.Test;
import org.qualitycity.indicator.ResultsRecomputed;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.qualitycity.portal.internal.PortalFigures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, the public portal: an anonymous visitor gets the portal at {@code /}, a signed-in user the workbench;
 * the portal's figures are exactly the approved analytics and nothing unapproved or personal shows; the credit
 * look-up, the hot topics with their moderation, the QR look-up and the big screen's data.
 */
@QcIntegrationTest
class PortalTest {

    private static final Pattern ROW = Pattern.compile("data-indicator=\"([^\"]+)\" data-value=\"([^\"]*)\"");
    /** A mainland mobile number (demo complainants and enterprise contacts have them), not inside a longer number. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PortalFigures figures;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Devices devices;
    @Autowired
    TelemetryWriter writer;
    @Autowired
    java.time.Clock clock;

    @Test
    void anAnonymousVisitorGetsThePortalAtTheRootAndASignedInUserTheWorkbench() {
        var anonymous = new WebSession(port).get("/?lang=zh-CN");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("id=\"portal\"").contains("id=\"public-complaint\"")
                .contains("href=\"/login\"").doesNotContain("id=\"qc-sidebar\"");
        // the staff still sign in at /login, which links back to the portal
        assertThat(new WebSession(port).get("/login").body()).contains("name=\"username\"").contains("id=\"public-portal\"");
        var staff = WebSession.loggedIn(port, "tongcheng").get("/?lang=zh-CN");
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.body()).doesNotContain("id=\"portal\"").contains("id=\"qc-sidebar\"");
        // the anonymous home page creates no session (no form, no CSRF token): every visitor gets the same cached bytes
        var client = java.net.http.HttpClient.newHttpClient();
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/")).build();
            var first = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            var second = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(first.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(second.body()).contains("id=\"portal-figures\"").isEqualTo(first.body());
            assertThat(second.headers().allValues("Set-Cookie")).isEmpty();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        // pages that need a login still send anonymous visitors to the login page
        var units = new WebSession(port).get("/units");
        assertThat(units.status()).isEqualTo(302);
        assertThat(units.location()).endsWith("/login");
    }

    @Test
    void thePortalShowsExactlyTheApprovedFiguresAndNothingUnapprovedOrPersonal() {
        TestApi api = new TestApi(port);
        figures.clear();
        String page = new WebSession(port).get("/?lang=zh-CN").body();
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        assertThat(shown).as("the demo data has approved figures").isNotEmpty();
        Matcher y = Pattern.compile("id=\"figures-year\">([0-9]{4})").matcher(page);
        assertThat(y.find()).isTrue();
        String year = y.group(1);

        // the same question to the public analytics API: every indicator, that year, the city
        String dx = String.join(";", shown.keySet());
        JsonNode approved = api.get("/api/v1/public/analytics?dx=" + dx + "&pe=" + year + "&ou=421200&size=10000", null)
                .json().get("items");
        Map<String, String> expected = new HashMap<>();
        approved.forEach(r -> expected.put(r.get("indicator").asText(),
                r.get("value").isNull() ? "" : r.get("value").decimalValue().toPlainString()));
        shown.forEach((code, value) -> {
            if (value.isEmpty()) {
                assertThat(expected.get(code)).as(code + " has no approved city value").isNullOrEmpty();
            } else {
                assertThat(expected).as("portal figure " + code).containsKey(code);
                assertThat(new BigDecimal(value)).as(code).isEqualByComparingTo(new BigDecimal(expected.get(code)));
            }
        });
        // every approved city value is on the portal
        expected.forEach((code, value) -> {
            if (!value.isEmpty()) {
                assertThat(shown).as("approved " + code).containsKey(code);
            }
        });

        // nothing unapproved: the portal shows no value of a result that is not approved
        List<Map<String, Object>> unapproved = jdbc.sql("""
                        SELECT r.indicator_code, r.value FROM indicator_result r JOIN platform_unit u ON u.id = r.unit_id
                        WHERE u.code = '421200' AND r.period = :year AND NOT r.approved AND r.value IS NOT NULL""")
                .param("year", year).query().listOfRows();
        for (var row : unapproved) {
            assertThat(shown.get((String) row.get("indicator_code"))).as("unapproved " + row.get("indicator_code"))
                    .isNullOrEmpty();
        }
        // make one approved city value unapproved: after the recompute event the portal no longer shows it
        String victim = shown.entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst().orElseThrow().getKey();
        jdbc.sql("UPDATE indicator_result SET approved = false WHERE indicator_code = :c AND period = :y AND unit_id = "
                        + "(SELECT id FROM platform_unit WHERE code = '421200')")
                .param("c", victim).param("y", year).update();
        try {
            String stale = new WebSession(port).get("/?lang=zh-CN").body();
            assertThat(stale).as("cached until a recompute commits").contains("data-indicator=\"" + victim + "\" data-value=\"" + shown.get(victim));
            events.publishEvent(new ResultsRecomputed(Integer.parseInt(year)));
            String fresh = new WebSession(port).get("/?lang=zh-CN").body();
            assertThat(fresh).doesNotContain("data-indicator=\"" + victim + "\" data-value=\"" + shown.get(victim) + "\"");
        } finally {
            jdbc.sql("UPDATE indicator_result SET approved = true WHERE indicator_code = :c AND period = :y AND unit_id = "
                            + "(SELECT id FROM platform_unit WHERE code = '421200')")
                    .param("c", victim).param("y", year).update();
            figures.clear();
        }

        // nothing personal on any portal page, in either language
        for (String path : List.of("/?lang=zh-CN", "/?lang=en", "/public/hot-topics", "/public/credit?q=有限公司",
                "/public/scan")) {
            String body = new WebSession(port).get(path).body();
            assertThat(MOBILE.matcher(body).find()).as("a mobile number on " + path).isFalse();
        }
    }

    @Test
    void theCreditLookUpAnswersThePublicGradeAndPublishedListingsOnly() {
        TestApi api = new TestApi(port);
        var e = jdbc.sql("SELECT credit_code, name, legal_rep FROM enterprise ORDER BY id LIMIT 1").query().singleRow();
        String code = (String) e.get("credit_code");
        var byCode = api.get("/api/v1/public/enterprises?q=" + code, null);
        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.json().get(0).get("creditCode").asText()).isEqualTo(code);
        assertThat(byCode.json().get(0).get("grade").asText()).matches("[A-D]");
        assertThat(byCode.body()).doesNotContain((String) e.get("legal_rep")).doesNotContain("contact")
                .doesNotContain("reasons");
        assertThat(MOBILE.matcher(byCode.body()).find()).isFalse();
        String part = ((String) e.get("name")).substring(0, 3);
        var byName = api.get("/api/v1/public/enterprises?q=" + java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().size()).isPositive();
        // a wildcard is a literal
        assertThat(api.get("/api/v1/public/enterprises?q=%25%25", null).json().size()).isZero();
        var bad = api.get("/api/v1/public/enterprises?q=x", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"q\"");
        // the page
        String pageBody = new WebSession(port).get("/public/credit?q=" + code).body();
        assertThat(pageBody).contains("data-code=\"" + code + "\"");
        assertThat(new WebSession(port).get("/public/credit?q=x").status()).isEqualTo(400);
    }

    @Test
    void aProposedHotTopicIsPublishedOnlyAfterModerationAndWithoutPersonalData() {
        TestApi api = new TestApi(port);
        String title = "热点" + UUID.randomUUID().toString().substring(0, 8);
        var bad = api.post("/api/v1/public/hot-topics", Map.of("category", "NOPE", "title", "", "body", "x"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"category\"").contains("\"field\":\"title\"");
        var r = api.post("/api/v1/public/hot-topics", Map.of("category", "PRODUCT", "title", title,
                "body", "小区电梯经常故障，请联系我 13912345678 了解情况。"), null);
        assertThat(r.status()).isEqualTo(202);
        long id = jdbc.sql("SELECT id FROM portal_hot_topic WHERE title = :t").param("t", title).query(Long.class).single();
        assertThat(new WebSession(port).get("/").body()).doesNotContain(title);
        assertThat(new WebSession(port).get("/public/hot-topics").body()).doesNotContain(title);

        // the quality office sees it on its workbench and its moderation page; a district officer cannot moderate
        WebSession admin = WebSession.loggedIn(port, "admin");
        assertThat(admin.get("/?lang=zh-CN").body()).contains("/portal/hot-topics");
        assertThat(admin.get("/portal/hot-topics").body()).contains(title).contains("13912345678");
        WebSession district = WebSession.loggedIn(port, "tongcheng");
        assertThat(district.get("/portal/hot-topics").status()).isEqualTo(403);
        assertThat(district.postForm("/portal/hot-topics/" + id + "/publish", Map.of()).status()).isEqualTo(403);

        var published = admin.postForm("/portal/hot-topics/" + id + "/publish", Map.of());
        assertThat(published.status()).isEqualTo(302);
        String portal = new WebSession(port).get("/").body();
        assertThat(portal).contains(title).doesNotContain("13912345678");
        assertThat(new WebSession(port).get("/public/hot-topics").body()).contains(title).doesNotContain("13912345678");
        // moderated once: a second decision is a conflict
        assertThat(admin.postForm("/portal/hot-topics/" + id + "/reject", Map.of("reason", "重复")).status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'portal' AND entity_id = :id")
                .param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(2);
        // moderation is a step of the hot-topic workflow (portal.hot-topic): recorded with its states and audited once
        assertThat(jdbc.sql("""
                        SELECT action || ':' || from_state || '>' || to_state FROM platform_workflow_step
                        WHERE workflow = 'portal.hot-topic' AND entity_id = :id""")
                .param("id", String.valueOf(id)).query(String.class).list()).containsExactly("PUBLISH:PENDING>PUBLISHED");

        // the page form (with its CSRF token) and a rejected one never shows
        WebSession citizen = new WebSession(port);
        citizen.get("/public/hot-topics");
        String other = "热点表单" + UUID.randomUUID().toString().substring(0, 6);
        var sent = citizen.postForm("/public/hot-topics", Map.of("category", "SERVICE", "title", other, "body", "排队时间太长"));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(citizen.postForm("/public/hot-topics", Map.of("category", "SERVICE", "title", "", "body", "x")).status())
                .isEqualTo(400);
        long otherId = jdbc.sql("SELECT id FROM portal_hot_topic WHERE title = :t").param("t", other).query(Long.class).single();
        assertThat(admin.postForm("/portal/hot-topics/" + otherId + "/reject", Map.of("reason", "不属于质量问题")).status())
                .isEqualTo(302);
        assertThat(new WebSession(port).get("/public/hot-topics").body()).doesNotContain(other);
    }

    @Test
    void theQrLookUpGoesToTheScanPagesOfThisSiteOnly() {
        WebSession s = new WebSession(port);
        var code = s.get("/public/scan?code=TR-2025-000123");
        assertThat(code.status()).isEqualTo(302);
        assertThat(code.location()).endsWith("/t/TR-2025-000123");
        var link = s.get("/public/scan?code=" + java.net.URLEncoder.encode("https://evil.example/01/06901234567892/10/LOT7?x=1",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(link.status()).isEqualTo(302);
        assertThat(link.location()).isEqualTo("/01/06901234567892/10/LOT7");
        var bad = s.get("/public/scan?code=" + java.net.URLEncoder.encode("<script>", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid-feedback");
    }

    @Test
    void theBigScreenDataIsTheQualityOfficesOnly() {
        TestApi api = new TestApi(port);
        var r = api.get("/api/v1/big-screen", api.token("admin"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("choices").size()).isPositive();
        assertThat(r.json().get("map").get("areas").size()).isPositive();
        assertThat(r.json().get("alarms").get("available").asBoolean()).isTrue();
        assertThat(r.json().get("tasks").size()).isPositive();
        assertThat(MOBILE.matcher(r.body()).find()).isFalse();
        assertThat(api.get("/api/v1/big-screen", api.token("tongcheng")).status()).isEqualTo(403);
        assertThat(WebSession.loggedIn(port, "admin").get("/big-screen").body()).contains("id=\"bs-map\"")
                .contains("id=\"bs-alarms\"");
    }

    /**
     * An alarm raised through the monitoring module's API (a rule, a device, a point over the threshold) is on the big
     * screen's data at once (the screen's cache is cleared by {@code AlarmChanged}), with its unit and severity; once
     * cleared it is gone.
     */
    @Test
    void anAlarmRaisedInMonitoringIsOnTheBigScreen() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String metric = "bs_temp_" + tag;
        // the screen has been read (and cached) before the alarm
        assertThat(api.get("/api/v1/big-screen", admin).status()).isEqualTo(200);
        var rule = new HashMap<String, Object>(Map.of("profile", "ENERGY_METER", "code", "bs-" + tag,
                "severity", "CRITICAL", "kind", "SIMPLE", "metric", metric, "operator", ">", "threshold", 80));
        rule.put("clearOperator", "<");
        rule.put("clearThreshold", 70);
        var created = api.post("/api/v1/alarm-rules", rule, admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Device device = devices.register(DeviceProfile.ENERGY_METER, "BS-" + tag, "大屏测试表" + tag,
                jdbc.sql("SELECT id FROM platform_unit WHERE code = '421281'").query(Long.class).single(),
                "bs-secret-" + tag, Map.of(), false);
        java.time.Instant now = clock.instant();
        writer.write(List.of(new Point(device.id(), metric, now, 95)));

        JsonNode alarms = api.get("/api/v1/big-screen", admin).json().get("alarms");
        JsonNode row = null;
        for (JsonNode a : alarms.get("rows")) {
            if (a.get("rule").asText().equals("bs-" + tag)) {
                row = a;
            }
        }
        assertThat(row).as("the raised alarm is on the big screen: " + alarms).isNotNull();
        assertThat(row.get("device").asText()).isEqualTo("大屏测试表" + tag);
        assertThat(row.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(row.get("state").asText()).isEqualTo("RAISED");
        assertThat(alarms.get("total").asLong()).isPositive();

        writer.write(List.of(new Point(device.id(), metric, now.plusSeconds(60), 50)));
        assertThat(api.get("/api/v1/big-screen", admin).body()).doesNotContain("bs-" + tag);
    }
}
