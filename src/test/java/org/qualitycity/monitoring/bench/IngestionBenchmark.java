package org.qualitycity.monitoring.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.qualitycity.monitoring.AlarmChanged;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.internal.AlarmRules;
import org.qualitycity.monitoring.internal.IngestPipeline;
import org.qualitycity.platform.Units;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Issue 16's ingestion benchmark (not a test: runs only with {@code -Dqc.bench=true}; results in
 * docs/benchmarks/issue-16-monitoring.md). Sustained ingestion through the pipeline (queue, batched insert with
 * dedup and roll-ups, every alarm rule of the profile evaluated) against PostgreSQL's own COPY of the same number of
 * rows into the same table, in the same run; alarm latency from hand-over to the pipeline to the AlarmChanged event;
 * heap after GC before and after. Scale: {@code -Dqc.bench.points} (default 1,000,000), {@code -Dqc.bench.devices}
 * (default 1,000).
 * <pre>./mvnw -o test -Dtest=IngestionBenchmark -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "qc.bench", matches = "true")
@SpringBootTest(classes = {org.qualitycity.QualityCityApplication.class, IngestionBenchmark.Probe.class},
        properties = {"qc.data-dir=target/bench-data", "qc.demo=false", "qc.monitoring.hj212.port=-1",
                "qc.monitoring.mqtt.port=-1", "qc.monitoring.queue-capacity=200000", "qc.monitoring.batch-size=10000"})
class IngestionBenchmark {

    @TestConfiguration
    static class Probe {
        static final Map<Long, Long> SENT = new ConcurrentHashMap<>();
        static final List<Long> LATENCIES_NS = new CopyOnWriteArrayList<>();

        @Bean
        Object alarmLatencyProbe() {
            return new Object() {
                @EventListener
                void on(AlarmChanged e) {
                    Long sent = SENT.remove(e.deviceId());
                    if (sent != null && "RAISED".equals(e.state())) {
                        LATENCIES_NS.add(System.nanoTime() - sent);
                    }
                }
            };
        }
    }

    @Autowired
    Devices devices;
    @Autowired
    IngestPipeline pipeline;
    @Autowired
    AlarmRules rules;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void sustainedIngestionVersusCopy() throws Exception {
        int total = Integer.getInteger("qc.bench.points", 1_000_000);
        int deviceCount = Integer.getInteger("qc.bench.devices", 1_000);
        String run = UUID.randomUUID().toString().substring(0, 6);
        long unit = units.city().id();
        // every rule kind on the benchmark's metric: all are evaluated for every point
        rules.create(new AlarmRules.NewRule("ENERGY_METER", "bench-simple-" + run, "MAJOR", "SIMPLE", "load",
                ">", 1e9, null, null, null, null, null, null, null));
        rules.create(new AlarmRules.NewRule("ENERGY_METER", "bench-duration-" + run, "MAJOR", "DURATION", "load",
                ">", 990.0, null, 300, null, null, "<", 10.0, null));
        rules.create(new AlarmRules.NewRule("ENERGY_METER", "bench-repeat-" + run, "MINOR", "REPEATING", "load",
                ">", 995.0, null, null, 5, 600, null, null, null));
        rules.create(new AlarmRules.NewRule("ENERGY_METER", "bench-probe-" + run, "CRITICAL", "SIMPLE", "probe",
                ">", 100.0, null, null, null, null, null, null, null));
        List<Device> ds = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            ds.add(devices.register(DeviceProfile.ENERGY_METER, "B" + run + "-" + i, "bench", unit, "bench-secret",
                    Map.of(), false));
        }
        Device probe = devices.register(DeviceProfile.ENERGY_METER, "B" + run + "-probe", "probe", unit, "x",
                Map.of(), false);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        // warm-up
        pipeline.write(batch(ds, t0.minusSeconds(86_400), 0, 20_000));
        System.gc();
        long heapBefore = usedHeap();

        int producers = 4;
        int perBatch = 2_000;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        int[] probeRound = {0};
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                List<CompletableFuture<Integer>> inflight = new ArrayList<>();
                for (int off = producer * perBatch; off < total; off += producers * perBatch) {
                    try {
                        inflight.add(pipeline.put(batch(ds, t0, off, Math.min(perBatch, total - off))));
                        if (inflight.size() > 16) {
                            inflight.remove(0).join();
                        }
                        if (producer == 0 && off % (producers * perBatch * 10) == 0) {
                            // alarm latency probe: raise, then clear
                            int r = probeRound[0]++;
                            Probe.SENT.put(probe.id(), System.nanoTime());
                            pipeline.put(List.of(new Point(probe.id(), "probe", t0.plusSeconds(r * 2L), 500),
                                    new Point(probe.id(), "probe", t0.plusSeconds(r * 2L + 1), 1)));
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                inflight.forEach(CompletableFuture::join);
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long heapAfter = usedHeap();

        // PostgreSQL's COPY of the same number of rows into the same table (other times, same devices)
        jdbc.sql("SELECT monitoring_ensure_partition(DATE '2024-03-01')").query(Boolean.class).single();
        long copyStart = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn("COPY monitoring_point (device_id, metric, time, value, flag) FROM STDIN",
                    csv(ds, Instant.parse("2024-03-01T00:00:00Z"), total));
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;

        List<Long> lat = new ArrayList<>(Probe.LATENCIES_NS);
        Collections.sort(lat);
        double p50 = lat.isEmpty() ? -1 : lat.get(lat.size() / 2) / 1e6;
        double p99 = lat.isEmpty() ? -1 : lat.get(Math.min(lat.size() - 1, (int) Math.ceil(lat.size() * 0.99) - 1)) / 1e6;
        double rate = total / seconds;
        double copyRate = total / copySeconds;
        System.out.printf("%nBENCH issue-16: points=%d devices=%d pipeline=%.0f points/s (%.1f s) COPY=%.0f points/s "
                        + "(%.1f s) ratio=%.0f%% alarm latency p50=%.1f ms p99=%.1f ms (n=%d) heap after GC %d MB -> %d MB%n",
                total, deviceCount, rate, seconds, copyRate, copySeconds, 100 * rate / copyRate, p50, p99, lat.size(),
                heapBefore >> 20, heapAfter >> 20);
    }

    static List<Point> batch(List<Device> ds, Instant t0, int offset, int n) {
        List<Point> out = new ArrayList<>(n);
        for (int i = offset; i < offset + n; i++) {
            Device d = ds.get(i % ds.size());
            out.add(new Point(d.id(), "load", t0.plusSeconds(i / ds.size()), i % 1000));
        }
        return out;
    }

    static Reader csv(List<Device> ds, Instant t0, int n) {
        StringBuilder b = new StringBuilder(n * 48);
        for (int i = 0; i < n; i++) {
            Device d = ds.get(i % ds.size());
            b.append(d.id()).append("\tload\t").append(t0.plusSeconds(i / ds.size())).append('\t').append(i % 1000)
                    .append("\tN\n");
        }
        return new StringReader(b.toString());
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
