package org.qualitycity.monitoring;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP ingestion: device credentials, validation, idempotence, and the bounded queue's 503 (acceptance 6). */
@QcIntegrationTest
class TelemetryHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    static String points(String code, String credential, Instant start, int n) {
        StringBuilder b = new StringBuilder("{\"devices\":[{\"code\":\"").append(code).append('"');
        if (credential != null) {
            b.append(",\"credential\":\"").append(credential).append('"');
        }
        b.append(",\"points\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"metric\":\"temperature\",\"time\":\"").append(start.plusSeconds(i)).append("\",\"value\":")
                    .append(i % 100).append('}');
        }
        return b.append("]}]}").toString();
    }

    static long register(TestApi api, String profile, String code, String credential) {
        var r = api.post("/api/v1/devices", Map.of("profile", profile, "code", code, "name", "HTTP " + code,
                "unitCode", "421281", "credential", credential), api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long stored(long device) {
        return jdbc.sql("SELECT count(*) FROM monitoring_point WHERE device_id = :d").param("d", device)
                .query(Long.class).single();
    }

    @Test
    void devicesAuthenticateWithTheirOwnCredentialAndBadInputIsA400() {
        TestApi api = new TestApi(port);
        String code = "HTTP-" + UUID.randomUUID().toString().substring(0, 8);
        long id = register(api, "ENERGY_METER", code, "meter-secret-1");
        Instant t = Instant.parse("2025-05-01T00:00:00Z");
        assertThat(api.postRaw("/api/v1/telemetry", points(code, null, t, 3), null).status()).isEqualTo(401);
        assertThat(api.postRaw("/api/v1/telemetry", points(code, "wrong-secret", t, 3), null).status()).isEqualTo(401);
        assertThat(stored(id)).isZero();
        var bad = api.postRaw("/api/v1/telemetry", points(code, "meter-secret-1", t, 1).replace("temperature", "1x"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("metric");
        var ok = api.postRaw("/api/v1/telemetry", points(code, "meter-secret-1", t, 3), null);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("stored").asInt()).isEqualTo(3);
        var again = api.postRaw("/api/v1/telemetry", points(code, "meter-secret-1", t, 3), null);
        assertThat(again.json().get("stored").asInt()).isZero();
        assertThat(stored(id)).isEqualTo(3);
        var read = api.get("/api/v1/devices/" + id + "/telemetry?metric=temperature&from=" + t + "&to="
                + t.plusSeconds(60), api.token("admin"));
        assertThat(read.json().get("points").size()).isEqualTo(3);
        assertThat(api.get("/api/v1/devices/" + id + "/telemetry?metric=temperature&resolution=week",
                api.token("admin")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/devices", Map.of("profile", "ROBOT", "code", "x", "name", "x", "unitCode", "421281",
                "credential", "secret-1"), api.token("admin")).body()).contains("profile");
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndNothingIsLostOnRetry() throws Exception {
        TestApi api = new TestApi(port);
        String code = "FULL-" + UUID.randomUUID().toString().substring(0, 8);
        long id = register(api, "ENERGY_METER", code, "meter-secret-2");
        Instant t = Instant.parse("2025-06-01T00:00:00Z");
        // the writer of this device is held up by a row lock on the device, so the queue fills up: 2 × 50,000 points
        // is the queue's whole capacity (qc.monitoring.queue-capacity = 100,000)
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM monitoring_device WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                ps.executeQuery().close();
            }
            CompletableFuture<TestApi.Response> first = CompletableFuture.supplyAsync(() ->
                    api.postRaw("/api/v1/telemetry", points(code, "meter-secret-2", t, 50_000), null));
            org.qualitycity.support.Await.until("first batch queued", () -> queued() >= 50_000 || first.isDone(), q -> q);
            assertThat(first.isDone()).as("the first batch waits: %s", first.getNow(null)).isFalse();
            CompletableFuture<TestApi.Response> second = CompletableFuture.supplyAsync(() ->
                    api.postRaw("/api/v1/telemetry", points(code, "meter-secret-2", t.plusSeconds(50_000), 50_000), null));
            org.qualitycity.support.Await.until("queue full", () -> queued() >= 100_000 || second.isDone(), q -> q);
            assertThat(second.isDone()).as("the second batch waits: %s", second.getNow(null)).isFalse();
            String third = points(code, "meter-secret-2", t.plusSeconds(100_000), 10);
            var busy = api.postRaw("/api/v1/telemetry", third, null);
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).matches("\\d+");
            assertThat(busy.header("Content-Type")).contains("application/problem+json");
            c.rollback();
            assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(second.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            var retried = api.postRaw("/api/v1/telemetry", third, null);
            assertThat(retried.status()).isEqualTo(200);
        }
        assertThat(stored(id)).isEqualTo(100_010);
    }

    @Autowired
    org.qualitycity.monitoring.internal.IngestPipeline pipeline;

    int queued() {
        return pipeline.queued();
    }
}
