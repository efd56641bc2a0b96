package org.qualitycity.monitoring.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.internal.EmbeddedPostgresDataSource;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 1: kill -9 of the application during ingestion loses no acknowledged point. The application runs in
 * a child JVM (this test's class path, the real main class) on a PostgreSQL that this test starts, so that the
 * database outlives the kill; {@link Process#destroyForcibly()} is SIGKILL. Four clients send batches while the
 * application is killed; after a restart every point that was answered 200 is in the table.
 */
class TelemetryCrashTest {

    static final String CREDENTIAL = "crash-test-secret";
    static final int BATCH = 500;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killMinus9DuringIngestionLosesNoAcknowledgedPoint() throws Exception {
        Path dir = Path.of("target", "crash-test", Long.toString(System.nanoTime())).toAbsolutePath();
        Files.createDirectories(dir);
        String url = EmbeddedPostgresDataSource.jdbcUrl(dir.resolve("db"));
        Process app = null;
        try {
            int port = freePort();
            app = start(dir, url, port, "first");
            awaitHealthy(app, port);
            long device = registerDevice(url);

            Set<Long> acknowledged = new ConcurrentSkipListSet<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger batches = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(20);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (long b = 0; sending.get(); b++) {
                        long first = (client * 1_000_000L + b) * BATCH;
                        try {
                            HttpResponse<String> r = post(port, body(first));
                            if (r.statusCode() == 200) {
                                for (long i = first; i < first + BATCH; i++) {
                                    acknowledged.add(i);
                                }
                                batches.incrementAndGet();
                                enough.countDown();
                            }
                        } catch (Exception e) {
                            return; // the application is gone
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("20 batches acknowledged").isTrue();
            // kill -9 while the clients keep sending
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
            sending.set(false);
            for (Thread t : clients) {
                t.join(30_000);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20 * BATCH);

            app = start(dir, url, port, "second");
            awaitHealthy(app, port);
            Set<Long> stored = storedSeconds(url, device);
            Set<Long> lost = new ConcurrentSkipListSet<>(acknowledged);
            lost.removeAll(stored);
            assertThat(lost).as("acknowledged points missing after kill -9 and restart").isEmpty();
        } finally {
            if (app != null) {
                app.destroyForcibly();
                app.waitFor(30, TimeUnit.SECONDS);
            }
            EmbeddedPostgresDataSource.stop(dir.resolve("db"));
        }
    }

    static String body(long first) {
        StringBuilder b = new StringBuilder("{\"devices\":[{\"code\":\"CRASH-1\",\"credential\":\"" + CREDENTIAL
                + "\",\"points\":[");
        for (long i = first; i < first + BATCH; i++) {
            if (i > first) {
                b.append(',');
            }
            b.append("{\"metric\":\"energy\",\"time\":\"").append(Instant.ofEpochSecond(1_600_000_000L + i))
                    .append("\",\"value\":").append(i % 1000).append('}');
        }
        return b.append("]}]}").toString();
    }

    HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/telemetry"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Process start(Path dir, String url, int port, String run) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.qualitycity.QualityCityApplication",
                "--server.port=" + port, "--qc.db.url=" + url, "--qc.db.user=postgres", "--qc.db.password=postgres",
                "--qc.demo=false", "--qc.data-dir=" + dir.resolve("app"), "--qc.monitoring.hj212.port=-1",
                "--qc.monitoring.mqtt.port=-1", "--spring.main.banner-mode=off"));
        File log = dir.resolve("app-" + run + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    void awaitHealthy(Process app, int port) {
        // probed until healthy, as CrashSafetyTest waits for its child; an application that exits fails at once
        org.awaitility.Awaitility.await("the child application healthy").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    assertThat(app.isAlive()).as("the application exited during start-up (see target/crash-test)").isTrue();
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (java.io.IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    static long registerDevice(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            long unit;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT id FROM platform_unit ORDER BY level, id LIMIT 1")) {
                assertThat(rs.next()).as("the unit tree is loaded on the first start").isTrue();
                unit = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO monitoring_device (profile, code, name, unit_id, credential_hash)
                    VALUES ('ENERGY_METER', 'CRASH-1', 'crash test meter', ?, ?) RETURNING id""")) {
                ps.setLong(1, unit);
                ps.setString(2, DeviceRegistry.hash(CREDENTIAL));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    static Set<Long> storedSeconds(String url, long device) throws Exception {
        Set<Long> out = new ConcurrentSkipListSet<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(
                     "SELECT extract(epoch FROM time)::bigint FROM monitoring_point WHERE device_id = ?")) {
            ps.setLong(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) - 1_600_000_000L);
                }
            }
        }
        return out;
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
