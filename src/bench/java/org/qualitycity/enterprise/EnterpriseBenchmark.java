package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmarks of issue 5 (not a test; opt-in): {@code scripts/bench-enterprise.sh}. (1) Excel import of
 * 20 000 and 100 000 enterprises through the HTTP API, time and peak heap growth of the JVM (the server
 * runs in this JVM), against PostgreSQL's COPY of the same rows; (2) P1 pass rates of all units × 12
 * months from 1 000 000 samples through the provider, against a plain SQL aggregate. Figures go to
 * target/benchmarks/enterprise.txt; copy them to docs/benchmarks.md.
 */
@QcIntegrationTest
@EnabledIfSystemProperty(named = "qc.bench", matches = "true")
class EnterpriseBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    List<ComputedElementProvider> providers;

    private final List<String> out = new ArrayList<>();

    private void report(String line) {
        System.out.println("BENCH " + line);
        out.add(line);
    }

    private static List<String[]> rows(int n, String prefix) {
        List<String[]> rows = new ArrayList<>(n);
        String[] units = {"421202", "421221", "421222", "421223", "421224", "421281"};
        for (int i = 0; i < n; i++) {
            String unit = units[i % units.length];
            String first17 = "92" + unit + prefix + String.format("%08d", i);
            rows.add(new String[]{CreditCode.complete(first17.substring(0, 17)), "基准测试企业" + prefix + i, "法人" + i,
                    "测试路" + i + "号", unit, "C1411", "SMALL", "ACTIVE", "联系人", "0715-1234567"});
        }
        return rows;
    }

    private long[] importOnce(TestApi api, String token, byte[] xlsx) throws Exception {
        var mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = mem.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(base);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        var r = EnterpriseFixtures.upload(api, "/api/v1/enterprises/import", "bench.xlsx", xlsx, token);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        running.set(false);
        sampler.join();
        assertThat(r.status()).as(r.body().substring(0, Math.min(500, r.body().length()))).isEqualTo(200);
        return new long[]{ms, (peak.get() - base) / (1024 * 1024)};
    }

    private long copyOnce(List<String[]> rows) throws Exception {
        jdbc.sql("DROP TABLE IF EXISTS bench_enterprise_copy").update();
        jdbc.sql("CREATE UNLOGGED TABLE bench_enterprise_copy (credit_code char(18) PRIMARY KEY, name varchar(200), "
                + "legal_rep varchar(100), address varchar(300), unit_code varchar(32), industry varchar(5), "
                + "size varchar(10), status varchar(12), contact_name varchar(100), contact_phone varchar(32))").update();
        StringBuilder csv = new StringBuilder();
        for (String[] r : rows) {
            csv.append(String.join(",", r)).append('\n');
        }
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_enterprise_copy FROM STDIN (FORMAT csv)",
                    new StringReader(csv.toString()));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    @Test
    void importAndPassRates() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        report("machine: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + System.getProperty("java.version"));
        // ---- import: warm-up with 2 000 rows, then 20 000 and 100 000 (each file once: codes must be new)
        importOnce(api, admin, EnterpriseFixtures.workbook(rows(2_000, "W")));
        for (int n : new int[]{20_000, 100_000}) {
            List<String[]> rows = rows(n, n == 20_000 ? "A" : "B");
            byte[] xlsx = EnterpriseFixtures.workbook(rows);
            long[] r = importOnce(api, admin, xlsx);
            long[] copy = {copyOnce(rows), copyOnce(rows), copyOnce(rows)};
            report(String.format("import %,d enterprises (%.1f MB xlsx): %,d ms, peak heap growth %d MB; "
                            + "COPY of the same rows: %,d ms (median of 3); ratio %.1f",
                    n, xlsx.length / 1048576.0, r[0], r[1], median(copy), (double) r[0] / median(copy)));
        }
        jdbc.sql("DROP TABLE IF EXISTS bench_enterprise_copy").update();

        // ---- pass rates over 1 000 000 samples of 2015 (no demo data in that year)
        long t0 = System.nanoTime();
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
        report(String.format("generated 1 000 000 samples in %,d ms", (System.nanoTime() - t0) / 1_000_000));
        ComputedElementProvider p = providers.stream().filter(x -> x.elements().contains("P1_TESTED")).findFirst()
                .orElseThrow();
        long[] provider = new long[5];
        long[] plain = new long[5];
        int cells = 0;
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            var tested = p.values("P1_TESTED", 2015);
            var passed = p.values("P1_PASSED", 2015);
            provider[i] = (System.nanoTime() - s) / 1_000_000;
            cells = tested.size();
            assertThat(passed).hasSameSizeAs(tested);
            s = System.nanoTime();
            jdbc.sql("SELECT unit_id, extract(month FROM sampled_on)::int, count(*), count(*) FILTER (WHERE first_verdict "
                    + "= 'PASS') FROM spotcheck_sample WHERE sampled_on >= DATE '2015-01-01' AND sampled_on < DATE "
                    + "'2016-01-01' GROUP BY 1, 2").query().listOfRows();
            plain[i] = (System.nanoTime() - s) / 1_000_000;
        }
        report(String.format("P1 pass rates (passed and tested) for %d unit × month cells from 1 000 000 samples: "
                        + "%,d ms (median of 5 after warm-up); plain SQL aggregate: %,d ms; ratio %.1f",
                cells, median(Arrays.copyOfRange(provider, 1, 5)), median(Arrays.copyOfRange(plain, 1, 5)),
                (double) median(Arrays.copyOfRange(provider, 1, 5)) / Math.max(1, median(Arrays.copyOfRange(plain, 1, 5)))));
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.write(Path.of("target", "benchmarks", "enterprise.txt"), out);
    }
}
