package org.qualitycity.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: the benchmarks of issue 17 ({@code scripts/bench-traceability.sh}), each beside its floor from the same
 * run with the load average. (1) Public scan look-ups ({@code /t/{code}}, random codes, wrk with 50 connections) over
 * {@code qc.bench.batches} batches and ten events per batch, against a static file of the same application; (2)
 * capture of documents of 1 000 events through {@code POST /api/v1/epcis/capture}, against a plain COPY of the same
 * events into a table like {@code traceability_event}; (3) trace forward from one farm batch through 5 levels to
 * 1 000 downstream batches. Figures in target/bench/traceability.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = QualityCityApplication.class,
        properties = {"qc.data-dir=target/bench17-data", "qc.demo=false", "logging.level.org.qualitycity=WARN",
                // the first administrator with the test support's demo password and TOTP secret, so TestApi.token("admin") works
                "qc.admin-password=Demo@2026", "qc.admin-totp-secret=QCDEMOCITYADMINTOTPKEYAAAAAAAAAA",
                "server.tomcat.threads.max=100"})
@EnabledIfSystemProperty(named = "qc.bench", matches = "true")
class TraceabilityBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

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
    void traceability() throws Exception {
        int batches = Integer.getInteger("qc.bench.batches", 1_000_000);
        int eventsPerBatch = Integer.getInteger("qc.bench.events-per-batch", 10);
        int seconds = Integer.getInteger("qc.bench.seconds", 20);
        int warmup = Integer.getInteger("qc.bench.warmup", 60);
        line("load average at start: " + Wrk.loadAverage() + "; batches " + batches + ", events " + (long) batches * eventsPerBatch);
        long unit = jdbc.sql("SELECT id FROM platform_unit ORDER BY id LIMIT 1").query(Long.class).single();
        // without demo data the first administrator is SYS_ADMIN: give that role the traceability permissions here
        jdbc.sql("UPDATE platform_role SET permissions = permissions || ARRAY['traceability:batch:view', "
                + "'traceability:batch:edit', 'traceability:event:capture'] WHERE code = 'SYS_ADMIN'").update();
        TestApi api = new TestApi(port);
        String admin = api.token("admin");

        // ---- data: batches with codes B000000001…, ten events each (one epc row per event)
        long t0 = System.nanoTime();
        jdbc.sql("INSERT INTO traceability_product (id, enterprise_id, unit_id, name) VALUES (-1, -1, :u, 'bench product')")
                .param("u", unit).update();
        jdbc.sql("""
                INSERT INTO traceability_batch (code, product_id, enterprise_id, unit_id, lot, epc_class, quantity, uom, origin)
                SELECT 'B' || lpad(i::text, 9, '0'), -1, -1, :u, 'L' || i, 'https://bench/t/B' || lpad(i::text, 9, '0'),
                       100, 'KGM', 'bench' FROM generate_series(1, :n) i""").param("u", unit).param("n", batches).update();
        jdbc.sql("""
                INSERT INTO traceability_event (hash, type, action, event_time, biz_step, disposition, biz_location, unit_id, body)
                SELECT md5(i::text || 'e') || md5(i::text || 'f'), 'ObjectEvent', 'OBSERVE',
                       timestamptz '2025-01-01' + (i % 100000) * interval '1 minute',
                       (ARRAY['commissioning','shipping','receiving','storing','retail_selling'])[1 + i % 5], 'active',
                       'urn:qualitycity:loc:bench', :u,
                       jsonb_build_object('type', 'ObjectEvent', 'action', 'OBSERVE', 'eventTime', '2025-01-01T00:00:00Z',
                           'bizStep', (ARRAY['commissioning','shipping','receiving','storing','retail_selling'])[1 + i % 5],
                           'quantityList', jsonb_build_array(jsonb_build_object('epcClass',
                               'https://bench/t/B' || lpad((1 + i % :n)::text, 9, '0'))))
                FROM generate_series(1, :m) i""").param("u", unit).param("n", batches)
                .param("m", (long) batches * eventsPerBatch).update();
        jdbc.sql("""
                INSERT INTO traceability_event_epc (event_id, epc, role)
                SELECT id, body->'quantityList'->0->>'epcClass', 'C' FROM traceability_event WHERE hash NOT LIKE 'x%'
                  AND body->'quantityList'->0->>'epcClass' LIKE 'https://bench/%'""").update();
        jdbc.sql("ANALYZE").update();
        line(String.format("data generated in %.0f s", (System.nanoTime() - t0) / 1e9));

        // ---- (1) scan look-ups against a static file
        Path lua = Files.createTempFile("scan", ".lua");
        Files.writeString(lua, "math.randomseed(17)\nrequest = function()\n  return wrk.format('GET', string.format('/t/B%09d', "
                + "math.random(1, " + batches + ")), {['Accept']='text/html'})\nend\n");
        String base = "http://localhost:" + port;
        Wrk.run(base + "/t/B000000001", warmup, lua.toString());
        Wrk.Result scan = Wrk.run(base + "/t/B000000001", seconds, lua.toString());
        Wrk.Result file = Wrk.run(base + "/css/app.css", seconds, null);
        line("scan /t/{code}: " + scan);
        line("static /css/app.css: " + file);
        line(String.format("scan / static = %.0f %% (goal ≥ 50 %%); scan p99 %.1f ms (goal < 20 ms)",
                100 * scan.reqPerSec() / file.reqPerSec(), scan.p99ms()));

        // ---- (2) capture, documents of 1 000 events, against COPY of the same events
        int docs = Integer.getInteger("qc.bench.documents", 20);
        List<String> documents = new ArrayList<>();
        StringBuilder copy = new StringBuilder();
        for (int d = 0; d < docs; d++) {
            StringBuilder sb = new StringBuilder("{\"@context\":\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                    + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2026-01-01T00:00:00Z\","
                    + "\"epcisBody\":{\"eventList\":[");
            for (int i = 0; i < 1000; i++) {
                String ev = "{\"type\":\"ObjectEvent\",\"action\":\"OBSERVE\",\"eventTime\":\"2026-01-01T08:" + String.format("%02d:%02d", i / 60 % 60, i % 60)
                        + "+08:00\",\"eventTimeZoneOffset\":\"+08:00\",\"bizStep\":\"receiving\",\"disposition\":\"active\","
                        + "\"bizLocation\":{\"id\":\"urn:epc:id:sgln:0614141.00001.0\"},\"quantityList\":[{\"epcClass\":"
                        + "\"https://bench/t/C" + d + "-" + i + "\",\"quantity\":10,\"uom\":\"KGM\"}]}";
                sb.append(i > 0 ? "," : "").append(ev);
                copy.append(String.format("%064d", (long) d * 1000 + i)).append("\tObjectEvent\tOBSERVE\t2026-01-01 08:00:00+08\t")
                        .append("receiving\tactive\turn:epc:id:sgln:0614141.00001.0\t").append(unit).append('\t')
                        .append(ev.replace("\\", "\\\\")).append('\n');
            }
            documents.add(sb.append("]}}").toString());
        }
        api.send("POST", "/api/v1/epcis/capture", documents.get(0), admin, "application/json"); // warm-up
        long c0 = System.nanoTime();
        int captured = 0;
        for (int d = 1; d < docs; d++) {
            TestApi.Response r = api.send("POST", "/api/v1/epcis/capture", documents.get(d), admin, "application/json");
            captured += r.json().get("captured").asInt();
        }
        double captureSeconds = (System.nanoTime() - c0) / 1e9;
        jdbc.sql("CREATE TABLE bench_event_copy (LIKE traceability_event INCLUDING DEFAULTS INCLUDING INDEXES)").update();
        jdbc.sql("CREATE SEQUENCE bench_event_copy_id").update();
        // a fresh id per row (a constant default broke the primary key on the second row)
        jdbc.sql("ALTER TABLE bench_event_copy ALTER COLUMN id SET DEFAULT nextval('bench_event_copy_id')").update();
        long k0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_event_copy (hash, type, action, event_time, biz_step, "
                    + "disposition, biz_location, unit_id, body) FROM STDIN", new StringReader(copy.toString()));
        }
        double copySeconds = (System.nanoTime() - k0) / 1e9 * (docs - 1) / docs;
        double capturePerSecond = captured / captureSeconds;
        double copyPerSecond = (docs - 1) * 1000 / copySeconds;
        line(String.format("capture: %d events in %.1f s = %.0f events/s (goal ≥ 10 000); COPY of the same events: %.0f rows/s;"
                + " capture / COPY = %.0f %% (goal ≥ 30 %%)", captured, captureSeconds, capturePerSecond, copyPerSecond,
                100 * capturePerSecond / copyPerSecond));

        // ---- (3) trace forward: one farm batch, 5 levels (fan-out 2, 4, 5, 5, 5) to 1 000 batches on the last level
        int[] fan = {2, 4, 5, 5, 5};
        List<String> level = List.of("https://bench/t/B000000001");
        int next = 2;
        int downstream = 0;
        for (int f : fan) {
            List<String> children = new ArrayList<>();
            for (String parent : level) {
                for (int k = 0; k < f; k++) {
                    String child = String.format("https://bench/t/B%09d", next++);
                    children.add(child);
                    jdbc.sql("INSERT INTO traceability_link (from_id, to_id, kind) VALUES (:f, :t, 'TRANSFORM')")
                            .param("f", parent).param("t", child).update();
                }
            }
            downstream += children.size();
            level = children;
        }
        long root = jdbc.sql("SELECT id FROM traceability_batch WHERE code = 'B000000001'").query(Long.class).single();
        long[] ms = new long[11];
        int reached = 0;
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            TestApi.Response r = api.get("/api/v1/batches/" + root + "/trace?direction=forward", admin);
            ms[i] = (System.nanoTime() - s) / 1_000_000;
            reached = r.json().get("batches").size() - 1;
        }
        line(String.format("trace forward 5 levels: %d downstream batches (last level %d), median %d ms of %d runs (goal < 200 ms)",
                reached, level.size(), median(ms), ms.length));
        line("load average at end: " + Wrk.loadAverage());
        Path out = Path.of("target", "bench", "traceability.md");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }
}
