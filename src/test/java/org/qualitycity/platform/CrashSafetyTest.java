package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.TestApi;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, crash safety: a child JVM runs the application on its own data directory while four writers
 * (complaint intake, task actions, spot-check results, indicator values) write concurrently; the JVM is killed
 * (SIGKILL, no shutdown hooks) with writes in flight; the application restarts on the same directory (the
 * PostgreSQL the dead JVM left running is recovered by {@code EmbeddedPostgresDataSource}), and every
 * acknowledged (2xx) write is there and no record is half-written.
 */
class CrashSafetyTest {

    private static final String MARK = "崩溃测试";
    private static final int ACKED_BEFORE_KILL = 5;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the application in a child JVM and returns once its log says it has started. */
    private static Process startChild(Path dir, int port) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), QualityCityApplication.class.getName(),
                "--server.port=" + port, "--qc.data-dir=" + dir, "--qc.demo=true", "--spring.jmx.enabled=false",
                "--qc.rate-limits.complaint-per-ip.max=1000000", "--qc.rate-limits.complaint-per-phone.max=1000000")
                .redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        Path log = Path.of("target", "crash-child.log");
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                    out.flush();
                    if (line.contains("Started QualityCityApplication")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        }, "crash-child-log");
        pump.setDaemon(true);
        pump.start();
        if (!started.await(300, TimeUnit.SECONDS) || !child.isAlive()) {
            child.destroyForcibly();
            throw new IllegalStateException("the child application did not start; see " + log);
        }
        return child;
    }

    /** Application runners (plan, demo data) finish after "Started": wait for the readiness probe. */
    private static void awaitReady(TestApi api) throws InterruptedException {
        org.awaitility.Awaitility.await("the child application ready").atMost(java.time.Duration.ofMinutes(5))
                .pollInterval(java.time.Duration.ofMillis(500)).ignoreExceptions()   // not listening yet
                .until(() -> {
                    var r = api.get("/actuator/health/readiness", null);
                    return r.status() == 200 && r.body().contains("UP");
                });
    }

    interface Write {
        /** One write; true when the server acknowledged it with a 2xx. */
        boolean once(int n);
    }

    @Test
    void acknowledgedWritesSurviveAKillDuringConcurrentWritesAndNoRecordIsHalfWritten(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        Process child = startChild(dir, port);
        ConfigurableApplicationContext restarted = null;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            TestApi api = new TestApi(port);
            awaitReady(api);
            String admin = api.freshToken("admin");
            String tongcheng = api.freshToken("tongcheng");

            // ---- set-up: an enterprise to sample, a task assigned to and acknowledged by 通城县
            String credit = EnterpriseFixtures.freshCode("421222");
            var ent = api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise(credit, MARK + "企业", "421222"), admin);
            assertThat(ent.status()).as(ent.body()).isEqualTo(201);
            long parent = api.get("/api/v1/tasks?measure=M04.1&kind=MEASURE", admin).json().get("items").get(0)
                    .get("id").asLong();
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("parentId", parent);
            task.put("title", MARK + "任务");
            task.put("leadUnit", "421222");
            task.put("coUnits", List.of());
            task.put("deadline", LocalDate.of(2030, 1, 1).toString());
            task.put("deliverables", MARK);
            var created = api.post("/api/v1/tasks", task, admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long taskId = created.json().get("id").asLong();
            assertThat(api.post("/api/v1/tasks/" + taskId + "/actions", Map.of("action", "ASSIGN"), admin).status())
                    .isEqualTo(200);
            assertThat(api.post("/api/v1/tasks/" + taskId + "/actions", Map.of("action", "ACKNOWLEDGE"), tongcheng)
                    .status()).isEqualTo(200);

            // ---- four writers, each recording what the server acknowledged
            ConcurrentLinkedQueue<String> complaints = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> progress = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> results = new ConcurrentLinkedQueue<>();
            AtomicLong lastValue = new AtomicLong(-1);
            Map<String, Write> writers = new LinkedHashMap<>();
            writers.put("complaint intake", n -> {
                Map<String, Object> c = new HashMap<>(ComplaintFixtures.complaint("421222", MARK + "商店",
                        ComplaintFixtures.freshPhone()));
                var r = api.post("/api/v1/public/complaints", c, null);
                if (r.status() == 201) {
                    complaints.add(r.json().get("trackingCode").asText());
                    return true;
                }
                return false;
            });
            writers.put("task actions", n -> {
                String comment = MARK + "进展-" + n;
                var r = api.post("/api/v1/tasks/" + taskId + "/actions", Map.of("action", "PROGRESS", "percent",
                        n % 101, "comment", comment), tongcheng);
                if (r.status() == 200) {
                    progress.add(comment);
                    return true;
                }
                return false;
            });
            writers.put("spot-check results", n -> {
                var s = api.post("/api/v1/spotchecks/samples", SpotcheckFixtures.sample(credit, "SUPERVISION",
                        "FOOD-OIL", "CRASH-" + n, "2019-03-01"), admin);
                if (s.status() != 201) {
                    return false;
                }
                long id = s.json().get("id").asLong();
                samples.add(id);
                var r = api.post("/api/v1/spotchecks/samples/" + id + "/result",
                        SpotcheckFixtures.result("咸宁市产品质量监督检验所", n % 2 == 0), admin);
                if (r.status() == 200) {
                    results.add(id);
                    return true;
                }
                return false;
            });
            writers.put("indicator values", n -> {
                var r = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", "2016Q1", "values",
                        List.of(Map.of("element", "G4_VILLAGES_TREATED", "value", n), Map.of("element", "G4_VILLAGES", "value", n))),
                        tongcheng);
                if (r.status() == 200) {
                    lastValue.accumulateAndGet(n, Math::max);
                    return true;
                }
                return false;
            });
            CountDownLatch warmedUp = new CountDownLatch(writers.size() * ACKED_BEFORE_KILL);
            AtomicBoolean killed = new AtomicBoolean();
            Map<String, AtomicInteger> acked = new LinkedHashMap<>();
            List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
            writers.forEach((name, w) -> {
                AtomicInteger count = new AtomicInteger();
                acked.put(name, count);
                pool.submit(() -> {
                    for (int n = 1; !killed.get(); n++) {
                        try {
                            if (w.once(n)) {
                                if (count.incrementAndGet() <= ACKED_BEFORE_KILL) {
                                    warmedUp.countDown(); // the kill waits for this many of every writer
                                }
                            } else if (!killed.get()) {
                                refused.add(name + " #" + n);
                            }
                        } catch (RuntimeException e) {
                            if (!killed.get()) {
                                refused.add(name + " #" + n + ": " + e);
                            }
                            return; // the server is gone
                        }
                    }
                });
            });
            assertThat(warmedUp.await(240, TimeUnit.SECONDS)).as("every writer got acknowledged writes: " + acked)
                    .isTrue();
            killed.set(true);
            child.destroyForcibly(); // SIGKILL: writes of all four writers are in flight
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            assertThat(refused).as("writes refused before the kill").isEmpty();
            System.out.println("crash test: acknowledged writes before the kill " + acked);

            // ---- restart on the same data directory
            restarted = new SpringApplicationBuilder(QualityCityApplication.class).run("--server.port=0",
                    "--qc.data-dir=" + dir, "--qc.demo=true", "--spring.jmx.enabled=false");
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            TestApi again = new TestApi(((WebServerApplicationContext) restarted).getWebServer().getPort());
            assertThat(again.get("/api/v1/tasks/" + taskId, again.freshToken("tongcheng")).status()).isEqualTo(200);

            // complaint intake: every acknowledged case is there, and no case lacks its audit entry
            List<String> codes = jdbc.sql("SELECT tracking_code FROM complaint_case WHERE respondent_name = :r")
                    .param("r", MARK + "商店").query(String.class).list();
            assertThat(codes).containsAll(complaints);
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM complaint_case c WHERE c.respondent_name = :r AND NOT EXISTS (
                                SELECT 1 FROM platform_audit a WHERE a.module = 'complaint' AND a.entity_type = 'case'
                                AND a.entity_id = CAST(c.id AS text) AND a.action = 'CREATE')""")
                    .param("r", MARK + "商店").query(Long.class).single()).as("cases without their audit entry").isZero();

            // task actions: every acknowledged step is there; steps, audit entries and the task agree
            List<String> comments = jdbc.sql("SELECT comment FROM task_event WHERE task_id = :t AND action = 'PROGRESS'")
                    .param("t", taskId).query(String.class).list();
            assertThat(comments).containsAll(progress);
            long audited = jdbc.sql("""
                            SELECT count(*) FROM platform_audit WHERE module = 'task' AND entity_type = 'task'
                            AND entity_id = :t AND action = 'PROGRESS'""")
                    .param("t", String.valueOf(taskId)).query(Long.class).single();
            assertThat(audited).as("PROGRESS steps and their audit entries").isEqualTo(comments.size());
            assertThat(jdbc.sql("""
                            SELECT t.percent = e.percent FROM task_task t JOIN LATERAL (SELECT percent FROM task_event
                            WHERE task_id = t.id ORDER BY id DESC LIMIT 1) e ON true WHERE t.id = :t""")
                    .param("t", taskId).query(Boolean.class).single()).as("the task shows its last step").isTrue();

            // spot-check results: every acknowledged sample and result is there; no result without its items
            List<Long> stored = jdbc.sql("SELECT id FROM spotcheck_sample WHERE batch_no LIKE 'CRASH-%'")
                    .query(Long.class).list();
            assertThat(stored).containsAll(samples);
            List<Long> withVerdict = jdbc.sql("""
                            SELECT id FROM spotcheck_sample WHERE batch_no LIKE 'CRASH-%' AND first_verdict IS NOT NULL""")
                    .query(Long.class).list();
            assertThat(withVerdict).containsAll(results);
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM spotcheck_sample s WHERE s.batch_no LIKE 'CRASH-%'
                            AND (s.first_verdict IS NOT NULL) <> ((SELECT count(*) FROM spotcheck_result_item i
                                WHERE i.sample_id = s.id AND NOT i.retest) = 2)""")
                    .query(Long.class).single()).as("samples with a verdict but not both items, or items without one")
                    .isZero();

            // indicator values: both values of one save are there together, at least the last acknowledged one
            Map<String, Long> values = new HashMap<>();
            jdbc.sql("""
                            SELECT v.element_code, v.value FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                            WHERE u.code = '421222' AND v.period = '2016Q1' AND v.element_code IN ('G4_VILLAGES_TREATED', 'G4_VILLAGES')""")
                    .query((rs, i) -> values.put(rs.getString(1), rs.getBigDecimal(2).longValueExact())).list();
            assertThat(values.get("G4_VILLAGES_TREATED")).isNotNull().isEqualTo(values.get("G4_VILLAGES"));
            assertThat(values.get("G4_VILLAGES_TREATED")).isGreaterThanOrEqualTo(lastValue.get());
            System.out.println("crash test: after the restart " + codes.size() + " cases, " + comments.size()
                    + " task steps, " + withVerdict.size() + " results, indicator value " + values.get("G4_VILLAGES_TREATED")
                    + " (last acknowledged " + lastValue.get() + ")");
        } finally {
            pool.shutdownNow();
            if (child.isAlive()) {
                child.destroyForcibly();
            }
            if (restarted != null) {
                restarted.close();
            } else {
                org.qualitycity.platform.internal.EmbeddedPostgresDataSource.stop(dir);
            }
        }
    }
}
