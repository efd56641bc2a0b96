package org.qualitycity.platform;

import org.qualitycity.support.TestApi;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Data-scope probes of the environment and elevator modules (issue 16): 通城县 never sees 赤壁市's stations and cars. */
final class MonitoringDomainScopeProbes {

    private MonitoringDomainScopeProbes() {
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String admin = api.token("admin");
        String tc = t.tongchengToken();
        var page = t.tongchengPage();
        // 赤壁市's demo section, elevator and rescue order
        JsonNode sections = api.get("/api/v1/environment/stations?profile=WATER_SECTION&unit=421281", admin).json();
        assertThat(sections.size()).isPositive();
        long section = sections.get(0).get("id").asLong();
        String sectionName = sections.get(0).get("name").asText();
        JsonNode cars = api.get("/api/v1/elevators?district=421281", admin).json();
        assertThat(cars.size()).isPositive();
        long car = cars.get(0).get("id").asLong();
        String carName = cars.get(0).get("name").asText();
        long order = -1;
        for (JsonNode o : api.get("/api/v1/rescue-orders?size=200", admin).json().get("items")) {
            if (o.get("unitCode").asText().equals("421281")) {
                order = o.get("id").asLong();
            }
        }
        assertThat(order).isPositive();
        long orderId = order;
        // an energy meter outside 通城县 (the demo meters of other areas' enterprises)
        JsonNode meter = null;
        for (JsonNode m : api.get("/api/v1/environment/energy/meters", admin).json()) {
            // a demo meter of another area's enterprise (other tests register meters without an enterprise)
            if (m.get("code").asText().startsWith("EM-DEMO-") && !m.get("unitCode").asText().equals("421222")) {
                meter = m;
            }
        }
        assertThat(meter).isNotNull();
        long meterId = meter.get("id").asLong();
        String meterName = meter.get("name").asText();
        String meterEnterprise = meter.path("enterpriseCode").asText("");
        assertThat(meterEnterprise).isNotBlank();
        t.probe("GET /api/v1/environment/energy", e -> assertThat(api.get("/api/v1/environment/energy", tc).body())
                .doesNotContain(meterEnterprise));
        t.probe("GET /api/v1/environment/energy/meters", e -> assertThat(api.get("/api/v1/environment/energy/meters?enterprise="
                + meterEnterprise, tc).body()).doesNotContain(meterName));
        t.probe("GET /api/v1/environment/energy/meters/{id:\\d+}/days", e ->
                assertThat(api.get("/api/v1/environment/energy/meters/" + meterId + "/days", tc).status()).isEqualTo(404));
        t.probe("GET /environment/energy", e -> assertThat(page.get("/environment/energy").body()).doesNotContain(meterName));
        t.probe("GET /environment/energy/meters/{id:\\d+}", e ->
                assertThat(page.get("/environment/energy/meters/" + meterId).status()).isEqualTo(404));

        t.probe("GET /api/v1/environment/stations", e -> {
            assertThat(api.get("/api/v1/environment/stations?profile=WATER_SECTION", tc).body()).doesNotContain(sectionName);
            assertThat(api.get("/api/v1/environment/stations?profile=WATER_SECTION&unit=421281", tc).status()).isEqualTo(404);
        });
        t.probe("GET /api/v1/environment/stations/{id:\\d+}", e ->
                assertThat(api.get("/api/v1/environment/stations/" + section, tc).status()).isEqualTo(404));
        t.probe("GET /environment/stations", e -> assertThat(page.get("/environment/stations?profile=WATER_SECTION").body())
                .doesNotContain(sectionName));
        t.probe("GET /environment/stations/{id:\\d+}", e ->
                assertThat(page.get("/environment/stations/" + section).status()).isEqualTo(404));

        t.probe("GET /api/v1/elevators", e -> {
            assertThat(api.get("/api/v1/elevators", tc).body()).doesNotContain(carName);
            assertThat(api.get("/api/v1/elevators?district=421281", tc).status()).isEqualTo(404);
        });
        t.probe("GET /api/v1/elevators/overdue", e -> assertThat(api.get("/api/v1/elevators/overdue", tc).body())
                .doesNotContain("421281"));
        t.probe("GET /api/v1/elevators/{id:\\d+}", e -> assertThat(api.get("/api/v1/elevators/" + car, tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/elevators/{id:\\d+}/inspections", e ->
                assertThat(api.get("/api/v1/elevators/" + car + "/inspections", tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/elevators/{id:\\d+}/inspections", e -> assertThat(api.post("/api/v1/elevators/" + car
                + "/inspections", Map.of("doneOn", "2020-01-02"), tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/elevators/{id:\\d+}/maintenance", e -> assertThat(api.post("/api/v1/elevators/" + car
                + "/maintenance", Map.of("doneOn", "2020-01-02"), tc).status()).isEqualTo(404));
        t.probe("GET /api/v1/rescue-orders", e -> {
            for (JsonNode o : api.get("/api/v1/rescue-orders?size=200", tc).json().get("items")) {
                assertThat(o.get("unitCode").asText()).isNotEqualTo("421281");
            }
        });
        t.probe("GET /api/v1/rescue-orders/{id:\\d+}", e ->
                assertThat(api.get("/api/v1/rescue-orders/" + orderId, tc).status()).isEqualTo(404));
        t.probe("POST /api/v1/rescue-orders/{id:\\d+}/actions", e -> assertThat(api.post("/api/v1/rescue-orders/" + orderId
                + "/actions", Map.of("action", "CANCEL"), tc).status()).isEqualTo(404));
        t.probe("GET /elevators", e -> assertThat(page.get("/elevators").body()).doesNotContain(carName));
        t.probe("GET /elevators/{id:\\d+}", e -> assertThat(page.get("/elevators/" + car).status()).isEqualTo(404));
        t.probe("GET /elevators/rescue-orders", e -> assertThat(page.get("/elevators/rescue-orders").body())
                .doesNotContain(carName));
        t.probe("GET /elevators/rescue-orders/rows", e -> assertThat(page.get("/elevators/rescue-orders/rows").body())
                .doesNotContain(carName));
        t.probe("POST /elevators/rescue-orders/{id:\\d+}/actions", e -> {
            page.get("/elevators/rescue-orders");
            assertThat(page.postForm("/elevators/rescue-orders/" + orderId + "/actions", Map.of("action", "CANCEL"))
                    .status()).isEqualTo(404);
        });
    }
}
