package org.qualitycity.platform;

import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Data-scope probes of the monitoring module: a device of 赤壁市 with an active alarm, as 通城县 sees it. */
final class MonitoringScopeProbes {

    private MonitoringScopeProbes() {
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String code = "CHIBI-PROBE-" + suffix;
        String metric = "probe_" + suffix;
        var device = api.post("/api/v1/devices", Map.of("profile", "ENERGY_METER", "code", code, "name", "赤壁市探针表",
                "unitCode", "421281", "credential", "probe-secret", "attributes", Map.of("lat", "29.7", "lon", "113.9")),
                admin);
        assertThat(device.status()).as(device.body()).isEqualTo(201);
        long id = device.json().get("id").asLong();
        assertThat(api.post("/api/v1/alarm-rules", Map.of("profile", "ENERGY_METER", "code", "probe-" + suffix,
                "severity", "MAJOR", "kind", "SIMPLE", "metric", metric, "operator", ">", "threshold", 1), admin)
                .status()).isEqualTo(201);
        var sent = api.postRaw("/api/v1/telemetry", "{\"devices\":[{\"code\":\"" + code + "\",\"credential\":"
                + "\"probe-secret\",\"points\":[{\"metric\":\"" + metric + "\",\"time\":\"2025-01-01T00:00:00Z\","
                + "\"value\":5}]}]}", null);
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        long alarm = api.get("/api/v1/alarms?deviceId=" + id, admin).json().get("items").get(0).get("id").asLong();

        t.probe("GET /api/v1/devices", e -> assertThat(api.get("/api/v1/devices?size=200&q=" + code, tc).body())
                .doesNotContain(code).contains("\"total\":0"));
        t.probe("POST /api/v1/devices", e -> assertThat(api.post("/api/v1/devices", Map.of("profile", "ENERGY_METER",
                "code", "TC-" + suffix, "name", "x", "unitCode", "421281", "credential", "secret-1"), tc).status())
                .isEqualTo(403));
        t.probe("GET /api/v1/devices/{id}", e -> assertThat(api.get("/api/v1/devices/" + id, tc).status())
                .isEqualTo(404));
        t.probe("GET /api/v1/devices/{id}/telemetry", e -> assertThat(api.get("/api/v1/devices/" + id
                + "/telemetry?metric=" + metric + "&from=2024-12-31T00:00:00Z&to=2025-01-02T00:00:00Z", tc).status())
                .isEqualTo(404));
        t.probe("POST /api/v1/telemetry", e -> assertThat(api.postRaw("/api/v1/telemetry", "{\"devices\":[{\"code\":\""
                + code + "\",\"points\":[{\"metric\":\"" + metric + "\",\"time\":\"2025-01-01T00:01:00Z\","
                + "\"value\":5}]}]}", tc).status()).as("a user's token is no device credential").isEqualTo(401));
        t.probe("GET /api/v1/alarms", e -> assertThat(api.get("/api/v1/alarms?state=ALL&size=200&deviceId=" + id, tc)
                .body()).doesNotContain(code).contains("\"total\":0"));
        t.probe("GET /api/v1/alarms/{id}", e -> assertThat(api.get("/api/v1/alarms/" + alarm, tc).status())
                .isEqualTo(404));
        t.probe("POST /api/v1/alarms/{id}/ack", e -> assertThat(api.post("/api/v1/alarms/" + alarm + "/ack", null, tc)
                .status()).isEqualTo(404));
        t.notScoped("GET /api/v1/alarm-rules", "the rules of each profile: city-wide configuration, no unit's record");
        t.probe("POST /api/v1/alarm-rules", e -> assertThat(api.post("/api/v1/alarm-rules", Map.of("profile",
                "ENERGY_METER", "code", "tc-" + suffix, "severity", "MAJOR", "kind", "SIMPLE", "metric", "x",
                "operator", ">", "threshold", 1), tc).status()).isEqualTo(403));
        WebSession page = t.tongchengPage();
        t.probe("GET /monitoring", e -> assertThat(page.get("/monitoring").body()).doesNotContain(code));
        t.probe("GET /monitoring/live", e -> assertThat(page.get("/monitoring/live").body()).doesNotContain(code));
        t.probe("POST /monitoring/alarms/{id}/ack", e -> {
            page.get("/monitoring");
            assertThat(page.postForm("/monitoring/alarms/" + alarm + "/ack", Map.of()).status()).isEqualTo(404);
        });
    }
}
