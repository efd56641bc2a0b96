package org.qualitycity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.internal.EmbeddedPostgresDataSource;
import org.qualitycity.platform.internal.Totp;
import org.qualitycity.platform.internal.TwoFactor;
import org.qualitycity.platform.internal.UserService;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.TestClockConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance (issue 11): <b>a second city runs without a Java change.</b> A fictional city, Riverside (河畔市, code
 * 990000, three districts 990001–990003, a quality office and market regulators), is installed by configuration only
 * — its unit tree file and its plan file from {@code src/test/resources/cities/riverside/}, demo data off — on an
 * empty database of its own. A public complaint runs on its clock, tasks are generated from its plan, indicators
 * recompute and the assessment ranks its three districts; none of it shows a unit of Xianning.
 */
class CityAsDataTest {

    static final String SECRET = "QCRIVERSIDECITYADMINTOTPKEYAAAAA";
    static final String PASSWORD = "Demo@2026";

    static Path dir;
    static ConfigurableApplicationContext app;
    static MutableClock clock;
    static TestApi api;

    @BeforeAll
    static void installRiverside() throws IOException {
        dir = Files.createTempDirectory("qc-riverside");
        app = new SpringApplicationBuilder(QualityCityApplication.class, TestClockConfig.class).run(
                "--server.port=0", "--qc.data-dir=" + dir, "--qc.demo=false", "--spring.jmx.enabled=false",
                "--qc.city.units=classpath:cities/riverside/units.yaml",
                "--qc.city.plan=classpath:cities/riverside/plan.yaml",
                "--qc.admin-password=" + PASSWORD, "--qc.admin-totp-secret=" + SECRET);
        clock = app.getBean(MutableClock.class);
        api = new TestApi(((WebServerApplicationContext) app).getWebServer().getPort());
        // the city's business administrator (demo data is off: the installation has only the system administrator)
        app.getBean(TransactionTemplate.class).executeWithoutResult(s -> {
            long id = app.getBean(UserService.class).createBySystem("rsadmin", "Riverside admin", "990000-QO", PASSWORD,
                    List.of("CITY_ADMIN"));
            app.getBean(TwoFactor.class).setFixedSecret(id, SECRET);
        });
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        EmbeddedPostgresDataSource.stop(dir);
        org.springframework.util.FileSystemUtils.deleteRecursively(dir);
    }

    static String token(String username) {
        TestApi.Response r = api.post("/api/v1/auth/token", Map.of("username", username, "password", PASSWORD,
                "totp", Totp.code(SECRET, clock.instant())), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("token").asText();
    }

    /** 10:00 in the city's zone (UTC+8) on the day. */
    static void at(String day) {
        clock.set(Instant.parse(day + "T02:00:00Z"));
    }

    static JsonNode awaitJob(long id, String token) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                () -> api.get("/api/v1/jobs/" + id, token).json(),
                j -> j.get("status").asText().equals("SUCCEEDED") || j.get("status").asText().equals("FAILED"));
    }

    static Map<String, Object> complaint(String district, String respondent, String phone) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "COMPLAINT");
        m.put("category", "GOODS");
        m.put("subcategory", "家用电器");
        m.put("respondentName", respondent);
        m.put("respondentAddress", "滨河路1号");
        m.put("district", district);
        m.put("facts", "购买的电热水器使用一周后漏水，商家拒绝退换。");
        m.put("request", "退货退款");
        m.put("amount", 1999);
        m.put("name", "李四");
        m.put("phone", phone);
        m.put("address", "河畔市西岸区某小区3栋");
        return m;
    }

    @Test
    void aSecondCityRunsOnItsOwnUnitsPlanClockTasksIndicatorsAndAssessment() throws IOException {
        // the login page is titled with the city of the unit register, not with a city written in the bundles
        assertThat(api.get("/login?lang=zh-CN", null).body()).contains("河畔市质量强市工作平台").doesNotContain("咸宁");
        assertThat(api.get("/login?lang=en", null).body()).contains("Riverside City quality programme platform");
        String admin = token("admin");
        String city = token("rsadmin");

        // 1. the unit register is the city's file: its codes, its roles, no unit of the bundled city
        JsonNode units = api.get("/api/v1/units", admin).json();
        List<String> codes = new ArrayList<>();
        units.forEach(u -> codes.add(u.get("code").asText()));
        assertThat(codes).containsExactlyInAnyOrder("990000", "990001", "990002", "990003", "990000-MR", "990000-STAT",
                "990000-QO", "990001-MR", "990002-MR", "990003-MR");
        assertThat(units.get(0).get("code").asText()).as("the city is the root").isEqualTo("990000");
        assertThat(api.get("/api/v1/me", admin).json().get("unit").get("code").asText())
                .as("the first administrator sits in the unit with the role QUALITY_OFFICE").isEqualTo("990000-QO");
        // the plan is the city's file
        JsonNode plan = api.get("/api/v1/plans/current", city).json();
        assertThat(plan.get("id").asText()).isEqualTo("riverside-2025");

        // 2. tasks are generated from its plan: two measure tasks, one sub-task per district of the measure that
        //    involves the districts, and one implementation-plan task per district and department (due 2025-03-31)
        JsonNode tasks = api.get("/api/v1/tasks?size=200", city).json();
        Map<String, List<String>> byKind = new HashMap<>();
        tasks.get("items").forEach(t -> byKind.computeIfAbsent(t.get("kind").asText(), k -> new ArrayList<>())
                .add(t.get("measureCode").asText("") + "@" + t.get("leadUnit").asText() + "@" + t.get("deadline").asText()));
        assertThat(byKind.get("MEASURE")).containsExactlyInAnyOrder("M01.1@990000-QO@2026-12-31",
                "M02.1@990000-MR@2026-12-31");
        assertThat(byKind.get("SUB")).containsExactlyInAnyOrder("M01.1@990001@2026-12-31", "M01.1@990002@2026-12-31",
                "M01.1@990003@2026-12-31");
        assertThat(byKind.get("WORK_PLAN")).containsExactlyInAnyOrder("M01.1@990001@2025-03-31",
                "M01.1@990002@2025-03-31", "M01.1@990003@2025-03-31", "M01.1@990000-MR@2025-03-31",
                "M01.1@990000-STAT@2025-03-31");

        // 3. a public complaint runs on the legal clock in working days: received the day before the National Day
        //    holiday of 2025, acceptance is due 7 working days later (2025-10-16), after the holiday
        at("2025-09-30");
        TestApi.Response west = api.post("/api/v1/public/complaints", complaint("990002", "西岸电器行", "13900990002"), null);
        assertThat(west.status()).as(west.body()).isEqualTo(201);
        assertThat(west.json().get("acceptDue").asText()).isEqualTo("2025-10-16");
        TestApi.Response east = api.post("/api/v1/public/complaints", complaint("990001", "东岸电器行", "13900990001"), null);
        assertThat(east.json().get("acceptDue").asText()).isEqualTo("2025-10-16");
        TestApi.Response north = api.post("/api/v1/public/complaints", complaint("990003", "北山电器行", "13900990003"),
                null);
        assertThat(north.status()).as(north.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/public/complaints", complaint("421222", "通城县电器行", "13900990009"), null)
                .status()).as("a district of another city is unknown here").isEqualTo(400);
        long westId = api.get("/api/v1/complaints?q=" + west.json().get("trackingCode").asText(), city).json()
                .get("items").get(0).get("id").asLong();
        long eastId = api.get("/api/v1/complaints?q=" + east.json().get("trackingCode").asText(), city).json()
                .get("items").get(0).get("id").asLong();
        JsonNode received = api.get("/api/v1/complaints/" + westId, city).json();
        assertThat(received.get("unitCode").asText()).as("received by the unit with the role COMPLAINT_INTAKE")
                .isEqualTo("990000-MR");
        at("2025-10-09");
        TestApi.Response accepted = api.post("/api/v1/complaints/" + westId + "/actions", Map.of("action", "ACCEPT"), city);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        TestApi.Response dispatched = api.post("/api/v1/complaints/" + westId + "/actions", Map.of("action", "DISPATCH"),
                city);
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        assertThat(dispatched.json().get("unitCode").asText()).as("the district's market regulator (a unit role)")
                .isEqualTo("990002-MR");
        long northId = api.get("/api/v1/complaints?q=" + north.json().get("trackingCode").asText(), city).json()
                .get("items").get(0).get("id").asLong();
        assertThat(api.post("/api/v1/complaints/" + northId + "/actions", Map.of("action", "ACCEPT"), city).status())
                .isEqualTo(200);
        at("2025-10-17");
        assertThat(api.get("/api/v1/complaints/" + eastId, city).json().get("deadline").get("state").asText())
                .as("East Bank's complaint was not accepted in time").isEqualTo("RED");

        // 4. indicators recompute: W2a (complaints accepted) from the complaint module, per district and up the tree
        TestApi.Response recompute = api.post("/api/v1/indicators/recompute?year=2025", null, city);
        assertThat(recompute.status()).as(recompute.body()).isEqualTo(202);
        assertThat(awaitJob(recompute.json().get("jobId").asLong(), city).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(w2a("990002", city)).isEqualTo("1/1 100 MET");
        assertThat(w2a("990001", city)).as("the limit passed without a decision").isEqualTo("0/1 0 NOT_MET");
        assertThat(w2a("990003", city)).isEqualTo("1/1 100 MET");
        assertThat(w2a("990000", city)).as("the city: 2 of 3 accepted").isEqualTo("2/3 66.6667 NOT_MET");

        // 5. the assessment ranks the three districts (North Hill with a bonus for an award, recorded with evidence)
        TestApi.Response bonus = api.post("/api/v1/assessments/2025/entries", Map.of("unitCode", "990003", "kind",
                "BONUS", "points", 5, "reason", "省级质量奖"), city);
        assertThat(bonus.status()).as(bonus.body()).isIn(200, 201);
        TestApi.Response run = api.post("/api/v1/assessments/2025/run", null, city);
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        assertThat(awaitJob(run.json().get("jobId").asLong(), city).get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode assessment = api.get("/api/v1/assessments/2025", city).json();
        List<String> ranking = new ArrayList<>();
        assessment.get("districts").forEach(s -> ranking.add(s.get("unitCode").asText() + "#" + s.get("rank").asText()
                + "=" + s.get("total").asText()));
        assertThat(ranking).as("North Hill: indicators 50 of 50, scaled to 90, plus the bonus; West Bank: 90; East "
                + "Bank: its only indicator not met").containsExactly("990003#1=95.0", "990002#2=90.0", "990001#3=0.0");

        // the circular (通报) names this city, its plan and no other
        StringBuilder circular = new StringBuilder();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(api.getBytes("/api/v1/assessments/2025/circular",
                city)))) {
            doc.getParagraphs().forEach(p -> circular.append(p.getText()).append('\n'));
        }
        assertThat(circular.toString()).contains("关于2025年度质量强市工作考核结果的通报", "《河畔市质量强市工作方案》",
                "河畔市质量强市工作委员会办公室").doesNotContain("咸宁");
    }

    /** The W2a result of a unit for 2025. */
    static String w2a(String unit, String token) {
        TestApi.Response r = api.get("/api/v1/indicators/W2a/units/" + unit + "/periods/2025", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        return result.get("numerator").decimalValue().stripTrailingZeros().toPlainString() + "/"
                + result.get("denominator").decimalValue().stripTrailingZeros().toPlainString() + " "
                + result.get("value").decimalValue().stripTrailingZeros().toPlainString() + " "
                + result.get("status").asText();
    }
}
