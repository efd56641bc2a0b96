package org.qualitycity.elevator;

import org.junit.jupiter.api.Test;
import org.qualitycity.elevator.internal.RescueOrders;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.qualitycity.support.Await;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 5 of issue 16: a trapped-passenger sequence opens a rescue order with both timers (3-minute response,
 * 30-minute arrival) that escalate when missed; an elevator first used in 2019-06 has the right inspection years.
 */
@QcIntegrationTest
class ElevatorRescueTest {

    @LocalServerPort
    int port;
    @Autowired
    Devices devices;
    @Autowired
    TelemetryWriter writer;
    @Autowired
    RescueOrders orders;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    private long unitId(String code) {
        return jdbc.sql("SELECT id FROM platform_unit WHERE code = :c").param("c", code).query(Long.class).single();
    }

    /** The status of GB/T 24476 at one moment: moving, in the door zone, doors closed, passenger inside. */
    private static List<Point> status(long device, Instant t, int moving, int doorZone, int doorClosed, int passenger) {
        return List.of(new Point(device, "moving", t, moving), new Point(device, "door_zone", t, doorZone),
                new Point(device, "door_closed", t, doorClosed), new Point(device, "passenger", t, passenger));
    }

    private static JsonNode orderOf(JsonNode page, long deviceId) {
        for (JsonNode o : page.get("items")) {
            if (o.get("deviceId").asLong() == deviceId) {
                return o;
            }
        }
        return null;
    }

    @Test
    void aTrappedPassengerOpensARescueOrderWithBothTimersThatEscalateWhenMissed() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String tag = Long.toString(System.nanoTime() % 1_000_000);
        long tongshan = unitId("421224");
        Device car = devices.register(DeviceProfile.ELEVATOR, "ELV-T-" + tag, "测试电梯" + tag + "号", tongshan, "secret",
                Map.of("registrationCode", "31109999" + tag, "code96333", "9" + tag, "address", "通山县测试路1号",
                        "firstUseDate", "2019-06-18"), false);
        Device stopsAtFloor = devices.register(DeviceProfile.ELEVATOR, "ELV-T-" + tag + "-B", "测试电梯乙" + tag + "号", tongshan,
                "secret", Map.of("firstUseDate", "2019-06-18"), false);
        Instant t0 = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // stored to the microsecond
        List<Point> points = new ArrayList<>();
        // running, then stopped between floors (outside the door zone) with the doors closed and a passenger inside
        points.addAll(status(car.id(), t0, 1, 0, 1, 1));
        points.addAll(status(car.id(), t0.plusSeconds(5), 0, 0, 1, 1));
        // the terminal reports the GB/T 24476 alarm code 50 (trapped); the other car a code the table lacks
        points.add(new Point(car.id(), "fault_code", t0.plusSeconds(5), 50));
        points.addAll(status(car.id(), t0.plusSeconds(40), 0, 0, 1, 1)); // 35 s: not yet (default 60 s)
        // the other car stops at a floor: in the door zone, never trapped however long it stands
        points.addAll(status(stopsAtFloor.id(), t0, 0, 1, 1, 1));
        points.addAll(status(stopsAtFloor.id(), t0.plusSeconds(200), 0, 1, 1, 1));
        points.add(new Point(stopsAtFloor.id(), "fault_code", t0.plusSeconds(200), 999));
        writer.write(points);
        writer.write(List.of(new Point(car.id(), "passenger", t0.plusSeconds(50), 1)));
        assertThat(orderOf(api.get("/api/v1/rescue-orders?running=true&size=200", admin).json(), car.id())).isNull();
        // 66 s after it stopped: a rescue order opens
        writer.write(status(car.id(), t0.plusSeconds(71), 0, 0, 1, 1));
        JsonNode order = Await.until("the rescue order of the trapped car",
                () -> orderOf(api.get("/api/v1/rescue-orders?running=true&size=200", admin).json(), car.id()),
                o -> o != null);
        assertThat(order.get("state").asText()).isEqualTo("OPEN");
        Instant opened = Instant.parse(order.get("openedAt").asText());
        assertThat(Duration.between(opened, Instant.parse(order.get("responseDue").asText()))).isEqualTo(Duration.ofMinutes(3));
        assertThat(Duration.between(opened, Instant.parse(order.get("arrivalDue").asText()))).isEqualTo(Duration.ofMinutes(30));
        assertThat(Instant.parse(order.get("trappedSince").asText())).isEqualTo(t0.plusSeconds(5));
        assertThat(order.get("code96333").asText()).isEqualTo("9" + tag);
        // the order carries the fault code the car reported, labelled from the GB/T 24476 table
        assertThat(order.get("fault").get("code").asText()).isEqualTo("50");
        assertThat(order.get("fault").get("kind").asText()).isEqualTo("ALARM");
        assertThat(order.get("fault").get("name").asText()).isEqualTo("困人");
        assertThat(orderOf(api.get("/api/v1/rescue-orders?running=true&size=200", admin).json(), stopsAtFloor.id())).isNull();
        long id = order.get("id").asLong();
        // a second trapped message joins the running order
        writer.write(status(car.id(), t0.plusSeconds(90), 0, 0, 1, 1));
        try {
            // 4 minutes on: the response timer is missed and escalates once; arrival still running
            clock.advance(Duration.ofMinutes(4));
            orders.checkTimers();
            JsonNode late = api.get("/api/v1/rescue-orders/" + id, admin).json();
            assertThat(late.get("responseEscalated").asBoolean()).isTrue();
            assertThat(late.get("responseMissed").asBoolean()).isTrue();
            assertThat(late.get("arrivalEscalated").asBoolean()).isFalse();
            var responded = api.post("/api/v1/rescue-orders/" + id + "/actions", Map.of("action", "RESPOND"), admin);
            assertThat(responded.status()).isEqualTo(200);
            assertThat(responded.json().get("state").asText()).isEqualTo("RESPONDED");
            // a step the table lacks is a 409
            assertThat(api.post("/api/v1/rescue-orders/" + id + "/actions", Map.of("action", "CLOSE"), admin).status())
                    .isEqualTo(409);
            // 31 minutes after the opening nobody has arrived: escalated to the city
            clock.advance(Duration.ofMinutes(27));
            orders.checkTimers();
            JsonNode noArrival = api.get("/api/v1/rescue-orders/" + id, admin).json();
            assertThat(noArrival.get("arrivalEscalated").asBoolean()).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM elevator_rescue_order WHERE device_id = :d").param("d", car.id())
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            clock.reset();
        }
        // the rescue page shows the running order with its timers and refreshes itself
        String page = WebSession.loggedIn(port, "admin").get("/elevators/rescue-orders").body();
        assertThat(page).contains("测试电梯" + tag).contains("qc-timer").contains("every 10s");
        assertThat(page).contains("困人");
        // the elevator page labels a known code by its name (both languages) and an unknown one as unknown with its code
        WebSession web = WebSession.loggedIn(port, "admin");
        assertThat(web.get("/elevators/" + car.id()).body()).contains("困人").contains("(50)");
        assertThat(web.get("/elevators/" + car.id() + "?lang=en").body()).contains("Passenger trapped");
        assertThat(web.get("/elevators/" + stopsAtFloor.id() + "?lang=zh").body()).contains("未知代码 999");
        // bad input: an unknown action is a 400 naming the field
        var bad = api.post("/api/v1/rescue-orders/" + id + "/actions", Map.of("action", "FLY"), admin);
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void anElevatorFirstUsedInJune2019IsInspectedIn2020_2023_2026_2028_2030_2032_2034_2035_2036() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String tag = Long.toString(System.nanoTime() % 1_000_000);
        Device car = devices.register(DeviceProfile.ELEVATOR, "ELV-I-" + tag, "检验测试电梯" + tag + "号", unitId("421224"),
                "secret", Map.of("firstUseDate", "2019-06-18"), false);
        JsonNode exams = api.get("/api/v1/elevators/" + car.id() + "/inspections?to=2036", admin).json();
        List<Integer> inspections = new ArrayList<>();
        List<Integer> selfChecks = new ArrayList<>();
        for (JsonNode e : exams) {
            int year = Integer.parseInt(e.get("dueOn").asText().substring(0, 4));
            (e.get("kind").asText().equals("INSPECTION") ? inspections : selfChecks).add(year);
        }
        assertThat(inspections).containsExactly(2020, 2023, 2026, 2028, 2030, 2032, 2034, 2035, 2036);
        assertThat(selfChecks).containsExactly(2021, 2022, 2024, 2025, 2027, 2029, 2031, 2033);
        // recording the 2020 inspection marks it done
        var done = api.post("/api/v1/elevators/" + car.id() + "/inspections", Map.of("doneOn", "2020-06-10", "passed", true),
                admin);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get(0).get("doneOn").asText()).isEqualTo("2020-06-10");
        assertThat(api.post("/api/v1/elevators/" + car.id() + "/inspections", Map.of("doneOn", "10.6.2020"), admin)
                .status()).isEqualTo(400);
        assertThat(api.get("/api/v1/elevators/" + car.id() + "/inspections?to=1900", admin).status()).isEqualTo(400);
    }
}
