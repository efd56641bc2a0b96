package org.qualitycity.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: benchmarks of issue 13 that need demo data — public complaint submission (wrk) against
 * {@code /actuator/health}, complaint statistics over 1 000 000 cases (ten years against the last twelve
 * months), P1 pass rates over 1 000 000 samples through the provider against a plain GROUP BY. Each
 * figure is printed beside its floor from the same run, with the load average. Run with
 * {@code scripts/bench-issue13.sh}; figures in target/bench/issue13.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = QualityCityApplication.class,
        properties = {"qc.data-dir=target/bench13-data", "qc.demo=true", "logging.level.org.qualitycity=WARN",
                "qc.rate-limits.complaint-per-ip.max=100000000", "qc.rate-limits.complaint-per-phone.max=100000000",
                "server.tomcat.threads.max=${qc.bench.threads:100}"})
@EnabledIfSystemProperty(named = "qc.bench", matches = "true")
class Issue13Benchmark {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<ComputedElementProvider> providers;
    @Autowired
    org.qualitycity.complaint.internal.ComplaintStats complaintStats;

    private final List<String> report = new ArrayList<>();

    private void line(String s) {
        System.out.println("[bench] " + s);
        report.add(s);
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    @Test
    void run() throws Exception {
        String base = "http://localhost:" + port;
        String script = Path.of("scripts", "wrk-complaint.lua").toAbsolutePath().toString();
        line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", PostgreSQL " + jdbc.sql("SHOW server_version").query(String.class).single() + " (embedded)");

        // 1. public complaint submission against the health endpoint
        if (!Boolean.getBoolean("qc.bench.skip-submission")) {
            submission(base, script);
        }
        if (!Boolean.getBoolean("qc.bench.skip-statistics")) {
            statisticsAndPassRates();
        }
        Files.createDirectories(Path.of("target", "bench"));
        Files.write(Path.of("target", "bench", "issue13.md"), report);
    }

    private void submission(String base, String script) throws Exception {
        int warm = Integer.getInteger("qc.bench.warmup", 120);
        for (int left = warm; left > 0; left -= 30) {
            Wrk.run(base + "/api/v1/public/complaints", Math.min(30, left), script);
            Wrk.run(base + "/actuator/health", 10, null);
        }
        int secs = Integer.getInteger("qc.bench.seconds", 20);
        // JFR over the measured runs (the server's threads; wrk is a separate process): target/bench/submission.jfr,
        // summarised by scripts/jfr-top.py target/bench/submission.jfr http-nio
        Files.createDirectories(Path.of("target", "bench"));
        jdk.jfr.Recording jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        CpuSplit cpu = new CpuSplit(jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single());
        boolean statements = statementStats();
        jfr.start();
        for (int i = 1; i <= 3; i++) {
            CpuSplit.Sample h0 = cpu.sample();
            Wrk.Result health = Wrk.run(base + "/actuator/health", secs, null);
            CpuSplit.Sample s0 = cpu.sample();
            Wrk.Result submit = Wrk.run(base + "/api/v1/public/complaints", secs, script);
            CpuSplit.Sample s1 = cpu.sample();
            line(String.format("submission run %d: %s | health: %s | throughput %.0f %% of health, p99 %.1f ms "
                    + "(goal p99 < 100 ms and >= 30 %%)", i, submit, health, 100 * submit.reqPerSec() / health.reqPerSec(),
                    submit.p99ms()));
            line("  submission " + CpuSplit.between(s0, s1).perRequest(submit.reqPerSec() * secs) + "; health "
                    + CpuSplit.between(h0, s0).perRequest(health.reqPerSec() * secs));
        }
        if (statements) {
            line("PostgreSQL statements during the measured runs (pg_stat_statements, by total execution time):");
            jdbc.sql("""
                    SELECT calls, round(CAST(total_exec_time AS numeric), 0) AS total_ms,
                           round(CAST(total_exec_time / calls AS numeric), 3) AS mean_ms,
                           left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
                    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15""")
                    .query((rs, n) -> String.format("  %8d calls %8d ms total %8.3f ms mean  %s", rs.getLong(1),
                            rs.getLong(2), rs.getDouble(3), rs.getString(4))).list().forEach(this::line);
        }
        jfr.stop();
        jfr.dump(Path.of("target", "bench", "submission.jfr"));
        jfr.close();
        long unsealed = jdbc.sql("SELECT count(*) FROM platform_audit WHERE seq IS NULL").query(Long.class).single();
        line("audit entries unsealed right after the load: " + unsealed);
    }

    /**
     * pg_stat_statements, when the embedded server preloads it (add {@code shared_preload_libraries =
     * 'pg_stat_statements'} and {@code pg_stat_statements.track = 'all'} to pgdata/postgresql.auto.conf of the bench
     * data directory and start again): reset before the measured runs.
     */
    private boolean statementStats() {
        try {
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
            return true;
        } catch (RuntimeException e) {
            line("pg_stat_statements not loaded: no statement profile");
            return false;
        }
    }

    private void statisticsAndPassRates() throws Exception {

        // 2. complaint statistics over 1 000 000 cases
        long n = jdbc.sql("SELECT count(*) FROM complaint_case").query(Long.class).single();
        long demo = Math.max(1, jdbc.sql("SELECT count(*) FROM complaint_case WHERE demo").query(Long.class).single());
        long t0 = System.nanoTime();
        jdbc.sql("""
                INSERT INTO complaint_case (tracking_code, type, channel, category, subcategory, respondent_name,
                    respondent_address, district_unit_id, unit_id, facts, request, amount, anonymous, person_name, person_phone,
                    person_address, received_at, received_on, status, accept_due, decided_on, refusal_ground, dispatched_on,
                    handle_due, handled_on, outcome, money_recovered, reply_due, replied_on, reply, visited_on, satisfaction, demo)
                SELECT 'B' || g || '-' || c.id, type, channel, category, subcategory, respondent_name, respondent_address,
                    district_unit_id, unit_id, facts, request, amount, anonymous, person_name, person_phone, person_address,
                    received_at, received_on, status, accept_due, decided_on, refusal_ground, dispatched_on, handle_due,
                    handled_on, outcome, money_recovered, reply_due, replied_on, reply, visited_on, satisfaction, true
                FROM complaint_case c, generate_series(1, CAST(:times AS int)) g WHERE c.demo LIMIT :limit
                """).param("times", (int) (1_000_000 / demo) + 1).param("limit", 1_000_000 - n).update();
        jdbc.sql("ANALYZE complaint_case").update();
        line(String.format("cases: %d (copied in %d ms)", jdbc.sql("SELECT count(*) FROM complaint_case")
                .query(Long.class).single(), (System.nanoTime() - t0) / 1_000_000));
        // the deltas of the copy are folded as the job would do within a minute
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        api.get("/api/v1/complaints/stats?from=2017-01&to=2026-10", admin); // the first answer includes the deltas
        complaintStats.fold();
        jdbc.sql("ANALYZE complaint_stat_month").update();
        for (String[] range : new String[][]{{"2017-01", "2026-10"}, {"2025-11", "2026-10"}}) {
            long[] ms = new long[5];
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                var r = api.get("/api/v1/complaints/stats?from=" + range[0] + "&to=" + range[1], admin);
                ms[i] = (System.nanoTime() - s) / 1_000_000;
                if (r.status() != 200) {
                    throw new AssertionError(r.body());
                }
            }
            line(String.format("statistics %s..%s: median %d ms (runs %s; load average %s)", range[0], range[1],
                    median(Arrays.copyOfRange(ms, 1, 5)), Arrays.toString(ms), Wrk.loadAverage()));
        }

        // 3. P1 pass rates over 1 000 000 samples of 2015 through the provider against a plain GROUP BY
        t0 = System.nanoTime();
        jdbc.sql("""
                INSERT INTO spotcheck_sample (sample_no, enterprise_id, unit_id, inspection_type, category_code, product,
                    batch_no, samplers, sampled_on, first_verdict, notice_date, demo)
                SELECT 'BENCH-' || g, e.id, e.unit_id, CASE WHEN g % 10 < 7 THEN 'SUPERVISION' ELSE 'ROUTINE' END,
                       (ARRAY['FOOD-OIL', 'AGR-VEG', 'IND-ELEC', 'FOOD-DAIRY'])[1 + g % 4], 'bench', 'B' || g,
                       ARRAY['a', 'b'], DATE '2015-01-01' + (g % 365), CASE WHEN g % 31 = 0 THEN 'FAIL' ELSE 'PASS' END,
                       DATE '2015-01-01' + (g % 365), true
                FROM generate_series(1, 1000000) g
                CROSS JOIN (SELECT array_agg(id ORDER BY id) AS a FROM enterprise WHERE demo) ids
                JOIN enterprise e ON e.id = ids.a[1 + g % cardinality(ids.a)]""").update();
        jdbc.sql("ANALYZE spotcheck_sample").update();
        line(String.format("generated 1 000 000 samples in %d ms", (System.nanoTime() - t0) / 1_000_000));
        ComputedElementProvider p = providers.stream().filter(x -> x.elements().contains("P1_TESTED")).findFirst()
                .orElseThrow();
        long[] provider = new long[7];
        long[] plain = new long[7];
        for (int i = 0; i < 7; i++) {
            long s = System.nanoTime();
            var both = p.values(List.of("P1_PASSED", "P1_TESTED"), 2015);
            provider[i] = (System.nanoTime() - s) / 1_000_000;
            if (both.get("P1_TESTED").isEmpty()) {
                throw new AssertionError("no values");
            }
            s = System.nanoTime();
            jdbc.sql("SELECT unit_id, extract(month FROM sampled_on)::int, count(*), count(*) FILTER (WHERE final_verdict "
                    + "= 'PASS') FROM spotcheck_sample WHERE NOT refused AND final_verdict IS NOT NULL AND sampled_on >= "
                    + "DATE '2015-01-01' AND sampled_on < DATE '2016-01-01' GROUP BY 1, 2").query().listOfRows();
            plain[i] = (System.nanoTime() - s) / 1_000_000;
        }
        long pm = median(Arrays.copyOfRange(provider, 2, 7));
        long gm = median(Arrays.copyOfRange(plain, 2, 7));
        line(String.format("P1 pass rates (both elements, one call) from 1 000 000 samples: median %d ms (runs %s) | "
                        + "plain GROUP BY: median %d ms (runs %s) | ratio %.2f (goal <= 1.5; load average %s)", pm,
                Arrays.toString(provider), gm, Arrays.toString(plain), (double) pm / Math.max(1, gm), Wrk.loadAverage()));
    }
}
