package org.qualitycity.jobs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.platform.internal.EmbeddedPostgresDataSource;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.Multipart;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.TestClockConfig;
import org.qualitycity.task.TaskTestSupport;
import org.qualitycity.task.internal.DeadlineChecker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.complaint.ComplaintFixtures.complaint;
import static org.qualitycity.complaint.ComplaintFixtures.freshPhone;
import static org.qualitycity.complaint.ComplaintFixtures.idOf;
import static org.qualitycity.complaint.ComplaintFixtures.submit;

/**
 * Issue 10, acceptance 2: two application instances on one database. The test's application is node 1; node 2 is a
 * second Spring Boot application in this JVM pointed at the same PostgreSQL as an external database
 * ({@code qc.db.url}, demo data off) with a data directory of its own. Every scheduled job of both nodes is
 * triggered at the same moment and no notice is sent twice; a file uploaded through one node downloads through
 * the other.
 */
@QcIntegrationTest
class TwoNodesTest {

    private static ConfigurableApplicationContext node2;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext node1;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment env;

    @BeforeEach
    void startSecondNode() throws Exception {
        if (node2 != null) {
            return;
        }
        String url = EmbeddedPostgresDataSource.jdbcUrl(Path.of(env.getProperty("qc.data-dir")));
        Path dir = Files.createTempDirectory(Path.of("target"), "node2-");
        // every node needs the master key of the personal-data encryption (docs/operations.md): node 1's key file
        Path keyFile = Path.of(env.getProperty("qc.data-dir"), "keys", "master.key");
        Files.createDirectories(dir.resolve("keys"));
        Files.copy(keyFile, dir.resolve("keys").resolve("master.key"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        node2 = new SpringApplicationBuilder(QualityCityApplication.class, TestClockConfig.class)
                .run("--server.port=0", "--qc.db.url=" + url, "--qc.db.user=postgres", "--qc.db.password=postgres",
                        "--qc.db.pool-size=5", "--qc.demo=false", "--qc.data-dir=" + dir, "--spring.jmx.enabled=false",
                        "--spring.main.allow-bean-definition-overriding=true");
    }

    @AfterAll
    static void stopSecondNode() {
        if (node2 != null) {
            node2.close();
            node2 = null;
        }
    }

    @AfterEach
    void resetClocks() {
        clock.reset();
        if (node2 != null) {
            node2.getBean(MutableClock.class).reset();
        }
    }

    private static int port(ApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    /** Both nodes' clocks at 10:00 Beijing time on the day. */
    private void day(LocalDate d) {
        var at = d.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        clock.set(at);
        node2.getBean(MutableClock.class).set(at);
    }

    /** Runs the tasks on a thread each, released together, and waits for all of them. */
    private static void together(List<? extends Callable<?>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<?>> running = new ArrayList<>();
            for (Callable<?> t : tasks) {
                running.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return t.call();
                }));
            }
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every timer-driven task of a node ({@code @Scheduled} methods and scheduling configurers). */
    private static List<Callable<Object>> scheduledTasks(ApplicationContext ctx) {
        List<Callable<Object>> out = new ArrayList<>();
        for (ScheduledTaskHolder holder : ctx.getBeansOfType(ScheduledTaskHolder.class).values()) {
            for (ScheduledTask t : holder.getScheduledTasks()) {
                Runnable r = t.getTask().getRunnable();
                out.add(() -> {
                    r.run();
                    return null;
                });
            }
        }
        return out;
    }

    private List<String> duplicateNoticesSince(long lastId) {
        return jdbc.sql("""
                        SELECT coalesce(recipient_unit_id, recipient_user_id) || ' ' || category || ' ' || title
                               || ' ' || coalesce(link, '') || ' x' || count(*)
                        FROM notification_message WHERE id > :last
                        GROUP BY recipient_unit_id, recipient_user_id, category, title, link HAVING count(*) > 1""")
                .param("last", lastId).query(String.class).list();
    }

    private long lastNoticeId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM notification_message").query(Long.class).single();
    }

    private long noticesFor(String link, long since) {
        return jdbc.sql("SELECT count(*) FROM notification_message WHERE link = :link AND id > :since")
                .param("link", link).param("since", since).query(Long.class).single();
    }

    @Test
    void everyScheduledJobTriggeredOnBothNodesAtOnceSendsEachNoticeOnce() throws Exception {
        TestApi api = new TestApi(port);
        // tokens are cached for the run: take them at the real time so that they stay valid in the past
        String admin = api.token("admin");
        long since = lastNoticeId();

        // 2021, a year no other test works in: the notices sent here (also for demo tasks) raise no other
        // test's escalation level or figures
        day(LocalDate.of(2021, 3, 1));
        List<Long> cases = new ArrayList<>();
        LocalDate acceptDue = null;
        for (int i = 0; i < 12; i++) {
            var r = submit(api, complaint("421222", "双节点测试电器行" + i, freshPhone()));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            acceptDue = LocalDate.parse(r.json().get("acceptDue").asText());
            cases.add(idOf(api, r.json().get("trackingCode").asText()));
        }
        LocalDate taskDeadline = acceptDue.plusDays(1);
        long task = TaskTestSupport.createTask(api, "421222", "双节点督办测试任务", taskDeadline);
        assertThat(TaskTestSupport.act(api, task, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        long afterAssignment = lastNoticeId();

        // round 1, the timers: every scheduled job of both nodes at the same moment (cases near due, task reminder)
        day(acceptDue);
        List<Callable<Object>> timers = new ArrayList<>(scheduledTasks(node1));
        timers.addAll(scheduledTasks(node2));
        assertThat(timers.size()).as("the scheduled jobs of two nodes").isGreaterThanOrEqualTo(4);
        together(timers);
        assertThat(duplicateNoticesSince(since)).as("notices sent twice").isEmpty();
        for (long id : cases) {
            assertThat(noticesFor("/complaints/" + id, since)).as("near-due notice of case %d", id).isEqualTo(1);
        }
        assertThat(noticesFor("/tasks/" + task, afterAssignment)).as("reminder of the task").isEqualTo(1);

        // round 2, on demand on both nodes at once (cases overdue, task late: a supervision notice)
        day(acceptDue.plusDays(7));
        ComplaintService c1 = node1.getBean(ComplaintService.class);
        ComplaintService c2 = node2.getBean(ComplaintService.class);
        DeadlineChecker t1 = node1.getBean(DeadlineChecker.class);
        DeadlineChecker t2 = node2.getBean(DeadlineChecker.class);
        together(List.<Callable<?>>of(c1::sweepDeadlines, c2::sweepDeadlines, t1::check, t2::check));
        assertThat(duplicateNoticesSince(since)).as("notices sent twice").isEmpty();
        for (long id : cases) {
            assertThat(noticesFor("/complaints/" + id, since)).as("near-due and overdue notices of case %d", id)
                    .isEqualTo(2);
        }
        assertThat(noticesFor("/tasks/" + task, afterAssignment)).as("reminder and supervision notice of the task").isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM task_notice WHERE task_id = :t").param("t", task)
                .query(Long.class).single()).isEqualTo(2);
        // the runs are recorded with the node that did them
        assertThat(jdbc.sql("SELECT job FROM jobs_scheduled_run").query(String.class).list())
                .contains("complaint.deadline-sweep", "task.deadline-check");
        assertThat(api.get("/api/v1/complaints/" + cases.get(0), admin).status()).isEqualTo(200);
    }

    @Test
    void whileOneNodeRunsAJobTheOtherSkipsItOrWaits() throws Exception {
        ScheduledRuns r1 = node1.getBean(ScheduledRuns.class);
        ScheduledRuns r2 = node2.getBean(ScheduledRuns.class);
        String job = "test.two-nodes-" + System.nanoTime();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = pool.submit(() -> r1.runExclusively(job, () -> {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            }));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(r2.runIfFree(job, () -> 2)).as("node 2 while node 1 runs the job").isEmpty();
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(r2.runIfFree(job, () -> 2)).isEqualTo(Optional.of(2));
        var row = jdbc.sql("SELECT node, runs FROM jobs_scheduled_run WHERE job = :job").param("job", job)
                .query().singleRow();
        assertThat(((Number) row.get("runs")).longValue()).isEqualTo(2);
        assertThat(row.get("node")).isNotNull();
    }

    @Test
    void aFileUploadedThroughOneNodeDownloadsThroughTheOther() {
        TestApi api1 = new TestApi(port);
        TestApi api2 = new TestApi(port(node2));
        long chibi = jdbc.sql("SELECT id FROM platform_unit WHERE code = '421281'").query(Long.class).single();
        // a CSV of about 2.5 MB: several chunks
        StringBuilder csv = new StringBuilder("批次,结果\n");
        for (int i = 0; csv.length() < 1_300_000; i++) {
            csv.append("批次").append(i).append(",合格\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(2 * 1024 * 1024);
        String token = api1.token("chibi");

        long viaNode1 = upload(api1, token, chibi, "双节点上传.csv", bytes);
        assertThat(api2.getBytes("/api/v1/files/" + viaNode1 + "/content", token)).isEqualTo(bytes);

        byte[] small = "节点2,上传\n".getBytes(StandardCharsets.UTF_8);
        long viaNode2 = upload(api2, token, chibi, "节点2.csv", small);
        assertThat(api1.getBytes("/api/v1/files/" + viaNode2 + "/content", token)).isEqualTo(small);
    }

    private static long upload(TestApi api, String token, long unitId, String filename, byte[] bytes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", "unit");
        fields.put("ownerId", String.valueOf(unitId));
        fields.put("file", new Multipart.Part(filename, bytes, "text/csv"));
        TestApi.Response r = Multipart.api(api).post("/api/v1/files", fields, token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
