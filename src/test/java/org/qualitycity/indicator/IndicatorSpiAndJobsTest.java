package org.qualitycity.indicator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Computed values arrive through the SPI; recompute runs as a job; units are told when a value turns red. */
@QcIntegrationTest
class IndicatorSpiAndJobsTest {

    @LocalServerPort
    int port;
    @Autowired
    TestComputedProvider provider;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static JsonNode find(JsonNode items, String period, String unit) {
        for (JsonNode r : items) {
            if (r.get("period").asText().equals(period) && r.get("unit").asText().equals(unit)) {
                return r;
            }
        }
        return null;
    }

    private JsonNode waitForJob(TestApi api, String token, long id) throws InterruptedException {
        return Await.jobFinished(api, id, token);
    }

    @Test
    void computedValuesArriveThroughTheSpiIncrementallyWithALinkToTheRecords() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        // the provider's records: 通山县 has 40 (×10⁴ ha) of land in 2013, 39 of it forest
        long unitId = unitId("421224");
        provider.put(TestComputedProvider.NUM, new ComputedElementProvider.ElementValue(unitId, Period.parse("2013"),
                BigDecimal.valueOf(39)));
        provider.put(TestComputedProvider.DEN, new ComputedElementProvider.ElementValue(unitId, Period.parse("2013"),
                BigDecimal.valueOf(40)));
        tx.executeWithoutResult(s -> events.publishEvent(new ComputedDataChanged(
                Set.of(TestComputedProvider.NUM, TestComputedProvider.DEN), Set.of(2013))));
        JsonNode row = Await.until("the incremental recompute after ComputedDataChanged",
                () -> find(api.get("/api/v1/analytics?dx=G3&pe=2013&ou=421224;421200", admin).json()
                        .get("items"), "2013", "421224"),
                r -> r != null && !r.get("value").isNull());
        assertThat(row.get("value").decimalValue()).isEqualByComparingTo("97.5");
        assertThat(row.get("status").asText()).isEqualTo("MET");
        var drill = api.get("/api/v1/indicators/G3/units/421224/periods/2013", admin).json();
        assertThat(drill.get("recordLinks").get(0).get("href").asText()).isEqualTo("/test-records/G3_FOREST_AREA/421224/2013");
        assertThat(drill.get("inputs").findValuesAsString("source")).containsOnly("COMPUTED");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long unitId(String code) {
        return jdbc.sql("SELECT id FROM platform_unit WHERE code = :c").param("c", code).query(Long.class).single();
    }

    @Test
    void recomputeRunsAsAJobWithProgress() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        var started = api.post("/api/v1/indicators/recompute?year=2019", null, admin);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().get("jobId").asLong();
        JsonNode job = waitForJob(api, admin, id);
        assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("percent").asInt()).isEqualTo(100);
        assertThat(job.get("result").get("results").asInt()).isPositive();
        assertThat(api.post("/api/v1/indicators/recompute?year=2019", null, api.token("tongcheng")).status()).isEqualTo(403);
    }

    @Test
    void aUnitIsToldWhenOneOfItsValuesTurnsRed() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = "RED-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/units", Map.of("code", code, "nameZh", "告警测试区", "nameEn", "Alert test",
                "kind", "DISTRICT", "parentCode", "421200"), admin).status()).isEqualTo(201);
        String username = "red" + UUID.randomUUID().toString().substring(0, 6);
        api.post("/api/v1/users", Map.of("username", username, "displayName", "告警接收人", "unitCode", code,
                "password", "Start#2026x", "roles", List.of("DISTRICT_OFFICER")), admin);
        String officer = api.post("/api/v1/auth/token", Map.of("username", username, "password", "Start#2026x"), null)
                .json().get("token").asText();
        clock.set(Instant.parse("2026-11-15T02:00:00Z"));
        submit(api, officer, code, "2026Q1", 100, 100);
        // the recompute after Q1 creates the rows; Q2 at 50 % turns the half year and the year red
        submit(api, officer, code, "2026Q2", 50, 100);
        var inbox = api.get("/api/v1/notifications?size=50", officer);
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        assertThat(inbox.body()).contains("G4").contains("未达标");
    }

    private static void submit(TestApi api, String token, String unit, String period, int treated, int villages) {
        var saved = api.put("/api/v1/indicator-values", Map.of("unitCode", unit, "period", period, "values", List.of(
                Map.of("element", "G4_VILLAGES_TREATED", "value", treated), Map.of("element", "G4_VILLAGES", "value", villages))),
                token);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        var submitted = api.post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", List.of(
                Map.of("element", "G4_VILLAGES_TREATED", "unitCode", unit, "period", period),
                Map.of("element", "G4_VILLAGES", "unitCode", unit, "period", period))), token);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    }
}
