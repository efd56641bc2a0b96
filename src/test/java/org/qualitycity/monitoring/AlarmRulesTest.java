package org.qualitycity.monitoring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.monitoring.internal.AlarmEngine;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2: "temperature > 80 for 5 minutes" raises once, survives a restart mid-way and clears on its clear
 * condition. The restart is modelled by the engine forgetting its in-memory state, so that it resumes from what it
 * wrote to the database (a real process restart is exercised by TelemetryCrashTest).
 */
@QcIntegrationTest
@RecordApplicationEvents
class AlarmRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    TelemetryWriter writer;
    @Autowired
    AlarmEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    JsonNode rule(TestApi api, Map<String, Object> body) {
        var r = api.post("/api/v1/alarm-rules", body, api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    List<JsonNode> alarms(TestApi api, long device) {
        List<JsonNode> list = new ArrayList<>();
        api.get("/api/v1/alarms?state=ALL&deviceId=" + device, api.token("admin")).json().get("items")
                .forEach(list::add);
        return list;
    }

    void write(long device, String metric, Instant t, double v) {
        writer.write(List.of(new Point(device, metric, t, v)));
    }

    @Test
    void temperatureAbove80ForFiveMinutesRaisesOnceSurvivesARestartAndClears() {
        TestApi api = new TestApi(port);
        String metric = "temperature";
        String code = unique("temp-high");
        Map<String, Object> body = new HashMap<>(Map.of("profile", "ENERGY_METER", "code", code, "severity", "MAJOR",
                "kind", "DURATION", "metric", metric, "operator", ">", "threshold", 80, "durationSeconds", 300));
        body.put("clearOperator", "<");
        body.put("clearThreshold", 70);
        rule(api, body);
        long device = TelemetryHttpTest.register(api, "ENERGY_METER", unique("TEMP"), "temp-secret");
        Instant t0 = Instant.parse("2025-07-01T08:00:00Z");
        write(device, metric, t0, 85);
        write(device, metric, t0.plusSeconds(120), 90);
        assertThat(alarms(api, device)).isEmpty();
        // restart mid-way: the evaluator starts again from the database
        engine.forgetState();
        write(device, metric, t0.plusSeconds(240), 88);
        assertThat(alarms(api, device)).isEmpty();
        write(device, metric, t0.plusSeconds(300), 86);
        List<JsonNode> raised = alarms(api, device);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).get("state").asText()).isEqualTo("RAISED");
        assertThat(raised.get(0).get("rule").asText()).isEqualTo(code);
        long alarm = raised.get(0).get("id").asLong();
        assertThat(events.stream(AlarmChanged.class).filter(e -> e.alarmId() == alarm && e.state().equals("RAISED")))
                .hasSize(1);
        write(device, metric, t0.plusSeconds(360), 95);
        engine.forgetState();
        write(device, metric, t0.plusSeconds(420), 75); // below 80 but not below 70: still active
        assertThat(alarms(api, device)).hasSize(1);
        var ack = api.post("/api/v1/alarms/" + alarm + "/ack", null, api.token("admin"));
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("alarm").get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(api.post("/api/v1/alarms/" + alarm + "/ack", null, api.token("admin")).status()).isEqualTo(409);
        write(device, metric, t0.plusSeconds(480), 65);
        List<JsonNode> after = alarms(api, device);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("state").asText()).isEqualTo("CLEARED");
        JsonNode detail = api.get("/api/v1/alarms/" + alarm, api.token("admin")).json();
        List<String> steps = new ArrayList<>();
        detail.get("history").forEach(s -> steps.add(s.get("action").asText()));
        assertThat(steps).containsExactly("ACKNOWLEDGE", "CLEAR");
        assertThat(api.get("/api/v1/alarms", api.token("admin")).body()).doesNotContain("\"id\":" + alarm + ",");
    }

    @Test
    void repeatingRulesCountHitsInTheirWindowAndThresholdsMayComeFromTheDevice() {
        TestApi api = new TestApi(port);
        String metric = unique("vib").replace("-", "_");
        String code = unique("vib-repeat");
        rule(api, Map.of("profile", "ELEVATOR", "code", code, "severity", "MINOR", "kind", "REPEATING",
                "metric", metric, "operator", ">=", "thresholdAttribute", "vibrationLimit", "repeatCount", 3,
                "windowSeconds", 600));
        var reg = api.post("/api/v1/devices", Map.of("profile", "ELEVATOR", "code", unique("LIFT"), "name", "lift",
                "unitCode", "421281", "credential", "lift-secret", "attributes", Map.of("vibrationLimit", "5")),
                api.token("admin"));
        long device = reg.json().get("id").asLong();
        Instant t0 = Instant.parse("2025-07-02T08:00:00Z");
        write(device, metric, t0, 6);
        write(device, metric, t0.plusSeconds(400), 7);
        write(device, metric, t0.plusSeconds(1100), 8); // the first hit is out of the 10-minute window
        assertThat(alarms(api, device)).isEmpty();
        write(device, metric, t0.plusSeconds(1200), 4.9);
        write(device, metric, t0.plusSeconds(1300), 5);
        assertThat(alarms(api, device)).as("two hits in the window").isEmpty();
        write(device, metric, t0.plusSeconds(1400), 5.5);
        assertThat(alarms(api, device)).as("the third hit within 10 minutes").hasSize(1);
    }

    @Test
    void noDataForTheDevicesHoursRaisesAndFreshDataClears() {
        TestApi api = new TestApi(port);
        String attribute = unique("silentHours").replace("-", "");
        rule(api, Map.of("profile", "WATER_SECTION", "code", unique("no-data"), "severity", "WARNING",
                "kind", "NO_DATA", "thresholdAttribute", attribute));
        var reg = api.post("/api/v1/devices", Map.of("profile", "WATER_SECTION", "code", unique("SEC"), "name", "sec",
                "unitCode", "421281", "credential", "sec-secret", "attributes", Map.of(attribute, "3")),
                api.token("admin"));
        long device = reg.json().get("id").asLong();
        clock.set(Instant.now().plus(Duration.ofHours(2)));
        engine.sweepNoData();
        assertThat(alarms(api, device)).isEmpty();
        clock.set(Instant.now().plus(Duration.ofHours(4)));
        engine.sweepNoData();
        engine.sweepNoData();
        List<JsonNode> raised = alarms(api, device);
        assertThat(raised).hasSize(1);
        write(device, "w01001", clock.instant(), 7.1);
        assertThat(alarms(api, device).get(0).get("state").asText()).isEqualTo("CLEARED");
    }
}
