package org.qualitycity.environment;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 7 of issue 16: G1a's good and valid days, G2 and G5 come from the stations' measurements (demo
 * stations and stations this test registers in 2016, a year before the demo data), with drill-down to the station's
 * data.
 */
@QcIntegrationTest
class EnvironmentIndicatorsTest {

    @LocalServerPort
    int port;
    @Autowired
    Devices devices;
    @Autowired
    TelemetryWriter writer;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    private long unitId(String code) {
        return jdbc.sql("SELECT id FROM platform_unit WHERE code = :c").param("c", code).query(Long.class).single();
    }

    private static java.time.Instant at(LocalDate d) {
        return d.atTime(12, 0).atZone(ApplicationZone.ZONE).toInstant();
    }

    private static JsonNode find(JsonNode items, String period, String unit) {
        for (JsonNode r : items) {
            if (r.get("period").asText().equals(period) && r.get("unit").asText().equals(unit)) {
                return r;
            }
        }
        return null;
    }

    private static JsonNode input(JsonNode drill, String element) {
        for (JsonNode v : drill.get("inputs")) {
            if (v.get("element").asText().equals(element)) {
                return v;
            }
        }
        return null;
    }

    @Test
    void measurementsOfSectionsSourcesAndStationsBecomeG2G5AndG1aDays() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long tongshan = unitId("421224");
        String tag = Long.toString(System.nanoTime() % 1_000_000);
        // two sections of 通山县 sampled in April 2016: NH3-N 1.2 is class IV (GB 3838-2002 Table 1 row 8: > 1.0,
        // ≤ 1.5), the other class II (NH3-N 0.4 ≤ 0.5, DO 6.5 ≥ 6, CODMn 3 ≤ 4)
        Device bad = devices.register(DeviceProfile.WATER_SECTION, "WS-T-" + tag + "-1", "测试断面甲" + tag, tongshan,
                "secret-1", Map.of("parameters", "w01009,w01019,w21003"), false);
        Device good = devices.register(DeviceProfile.WATER_SECTION, "WS-T-" + tag + "-2", "测试断面乙" + tag, tongshan,
                "secret-2", Map.of("parameters", "w01009,w01019,w21003"), false);
        // a drinking-water source of class III drawing 30 (×10⁴ t) and one of class IV drawing 10
        Device clean = devices.register(DeviceProfile.DRINKING_WATER_SOURCE, "DW-T-" + tag + "-1", "测试水源甲" + tag,
                tongshan, "secret-3", Map.of("parameters", "w21003"), false);
        Device dirty = devices.register(DeviceProfile.DRINKING_WATER_SOURCE, "DW-T-" + tag + "-2", "测试水源乙" + tag,
                tongshan, "secret-4", Map.of("parameters", "w21003"), false);
        var april = at(LocalDate.of(2016, 4, 10));
        List<Point> points = new ArrayList<>(List.of(
                new Point(bad.id(), "w01009", april, 6.5), new Point(bad.id(), "w01019", april, 3.0),
                new Point(bad.id(), "w21003", april, 1.2),
                new Point(good.id(), "w01009", april, 6.5), new Point(good.id(), "w01019", april, 3.0),
                new Point(good.id(), "w21003", april, 0.4),
                new Point(clean.id(), "w21003", april, 0.9), new Point(clean.id(), "volume", april, 30),
                new Point(dirty.id(), "w21003", april, 1.4), new Point(dirty.id(), "volume", april, 10)));
        // an air station with three valid days in 2016 (a day before the demo data): two good, one polluted (AQI 110,
        // the worked example of AqiAndWaterClassTest), and a day lacking CO (not valid)
        Device air = devices.register(DeviceProfile.AIR_STATION, "AIR-T-" + tag, "测试空气站" + tag, tongshan,
                "secret-5", Map.of(), false);
        double[][] days = {{8, 30, 70, 0.8, 90, 60}, {5, 20, 40, 0.5, 60, 20}, {20, 45, 120, 1.2, 170, 80}};
        String[] codes = {"a21026", "a21004", "a34002", "a21005", "a05024", "a34004"};
        for (int d = 0; d < days.length; d++) {
            for (int i = 0; i < codes.length; i++) {
                points.add(new Point(air.id(), codes[i], at(LocalDate.of(2016, 5, 1 + d)), days[d][i]));
            }
        }
        points.add(new Point(air.id(), "a34004", at(LocalDate.of(2016, 5, 9)), 30));
        // each new month's partition is created by one writer first (see the request in MONITORING-CONTRACT.md)
        writer.write(points.subList(0, 1));
        writer.write(points.subList(points.size() - 1, points.size()));
        writer.write(points);
        tx.executeWithoutResult(s -> events.publishEvent(new ComputedDataChanged(Set.of("G2_SECTIONS_III", "G2_SECTIONS",
                "G5_COMPLIANT_VOLUME", "G5_TOTAL_VOLUME", "G1_GOOD_DAYS", "G1_VALID_DAYS"), Set.of(2016))));

        // G2: one of two sections of class III or better = 50 %, not the plan's 100 %
        JsonNode g2 = Await.until("G2 of 通山县 in April 2016 from the sections' samples",
                () -> find(api.get("/api/v1/analytics?dx=G2&pe=201604&ou=421224", admin).json().get("items"), "201604", "421224"),
                r -> r != null && !r.get("value").isNull());
        assertThat(g2.get("value").decimalValue()).isEqualByComparingTo("50");
        assertThat(g2.get("status").asText()).isEqualTo("NOT_MET");
        JsonNode g5 = Await.until("G5 of 通山县 in April 2016 by volume",
                () -> find(api.get("/api/v1/analytics?dx=G5&pe=201604&ou=421224", admin).json().get("items"), "201604", "421224"),
                r -> r != null && !r.get("value").isNull());
        assertThat(g5.get("value").decimalValue()).isEqualByComparingTo("75"); // 30 of 40
        // G1a's supporting days of 2016: the city's days are the station's (no other station measured in 2016)
        JsonNode g1 = Await.until("G1a's days of 2016", () -> api.get("/api/v1/indicators/G1a/units/421200/periods/2016",
                admin).json(), r -> input(r, "G1_VALID_DAYS") != null);
        assertThat(input(g1, "G1_VALID_DAYS").get("value").decimalValue()).isEqualByComparingTo("3");
        assertThat(input(g1, "G1_GOOD_DAYS").get("value").decimalValue()).isEqualByComparingTo("2");
        assertThat(input(g1, "G1_GOOD_DAYS").get("source").asText()).isEqualTo("COMPUTED");

        // drill-down: the indicator links to the stations, the list to the station, the station shows its data
        JsonNode drill = api.get("/api/v1/indicators/G2/units/421224/periods/201604", admin).json();
        assertThat(drill.get("recordLinks").findValuesAsString("href"))
                .contains("/environment/stations?profile=WATER_SECTION&unit=421224&period=201604");
        JsonNode rows = api.get("/api/v1/environment/stations?profile=WATER_SECTION&unit=421224&period=201604", admin).json();
        JsonNode badRow = null;
        for (JsonNode r : rows) {
            if (r.get("id").asLong() == bad.id()) {
                badRow = r;
            }
        }
        assertThat(badRow).isNotNull();
        assertThat(badRow.get("waterClass").asInt()).isEqualTo(4);
        JsonNode station = api.get("/api/v1/environment/stations/" + bad.id() + "?year=2016", admin).json();
        assertThat(station.get("months").get(0).get("waterClass").asInt()).isEqualTo(4);
        assertThat(station.get("months").get(0).get("deciding").get(0).asText()).isEqualTo("w21003");
        JsonNode airView = api.get("/api/v1/environment/stations/" + air.id() + "?year=2016", admin).json();
        assertThat(airView.get("days").findValues("aqi").stream().map(JsonNode::asText))
                .containsExactly("82", "40", "110", ""); // the last day lacks five pollutants: not valid
        WebSession web = WebSession.loggedIn(port, "admin");
        String page = web.get("/environment/stations?profile=WATER_SECTION&unit=421224&period=201604").body();
        assertThat(page).contains("测试断面甲" + tag).contains("Ⅳ类");
        assertThat(web.get("/environment/stations/" + bad.id() + "?year=2016").body()).contains("氨氮").contains("station-chart");
        // bad input is a 400 naming the field
        var r = api.get("/api/v1/environment/stations?profile=NOPE", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("profile");
        assertThat(api.get("/api/v1/environment/stations?period=20x", admin).status()).isEqualTo(400);
    }

    @Test
    void demoStationsSupplyTheDashboardFromMeasurements() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        int year = api.today().getYear() - 1;
        // a whole year of daily figures of the demo air stations: every day valid, most of them good
        JsonNode g1 = api.get("/api/v1/indicators/G1a/units/421200/periods/" + year, admin).json();
        int valid = input(g1, "G1_VALID_DAYS").get("value").asInt();
        assertThat(valid).isEqualTo(LocalDate.of(year, 12, 31).getDayOfYear());
        assertThat(input(g1, "G1_GOOD_DAYS").get("value").asInt()).isBetween(valid / 2, valid);
        assertThat(g1.get("recordLinks").findValuesAsString("href")).anyMatch(h -> h.startsWith("/environment/stations?profile=AIR_STATION"));
        // G2 and G5 of the city in December of that year come from the demo sections and sources of every area
        JsonNode g2 = find(api.get("/api/v1/analytics?dx=G2&pe=" + year + "12&ou=421200", admin).json().get("items"),
                year + "12", "421200");
        assertThat(g2).isNotNull();
        assertThat(g2.get("value").isNull()).isFalse();
        JsonNode drill = api.get("/api/v1/indicators/G5/units/421200/periods/" + year + "12", admin).json();
        assertThat(drill.get("inputs").findValuesAsString("source")).containsOnly("COMPUTED");
        assertThat(api.get("/api/v1/environment/stations?profile=DRINKING_WATER_SOURCE&period=" + year + "12", admin)
                .json().size()).isGreaterThanOrEqualTo(7);
    }
}
