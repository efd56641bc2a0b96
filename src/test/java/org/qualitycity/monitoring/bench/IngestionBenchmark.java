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
                "qc.monitoring.mqtt.port=-1", "qc.monitoring.queue-capacity=200000", "qc.monitoring.batch-size=20000"})
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
        pipeline.write(batch(ds, t0.minusSeconds(86_400), 20_000, 100_000));
        System.gc();
        long heapBefore = usedHeap();

        // the run: points (qc.bench.points) or, with qc.bench.seconds, as many as the time allows (the memory mode)
        long seconds = Long.getLong("qc.bench.seconds", 0);
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        int limit = seconds > 0 ? Integer.MAX_VALUE : total;
        int producers = 2;
        int perBatch = 5_000;
        // in flight per producer: enough to keep both writers busy, no more (what waits in the queue is latency)
        int depth = Integer.getInteger("qc.bench.inflight", 3);
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<String> memory = new CopyOnWriteArrayList<>();
        jdk.jfr.Recording jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        java.nio.file.Path jfrFile = java.nio.file.Path.of("target/bench/ingest.jfr");
        java.nio.file.Files.createDirectories(jfrFile.getParent());
        jfr.setDestination(jfrFile);
        jfr.start();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread t = new Thread(() -> {
                java.util.ArrayDeque<CompletableFuture<Integer>> inflight = new java.util.ArrayDeque<>();
                while (System.nanoTime() < deadline) {
                    int off = next.getAndAdd(perBatch);
                    if (off >= limit || off < 0) {
                        break;
                    }
                    int n = Math.min(perBatch, limit - off);
                    try {
                        inflight.add(pipeline.put(batch(ds, t0, off, n)));
                        sent.addAndGet(n);
                        if (inflight.size() >= depth) {
                            inflight.poll().join();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                inflight.forEach(CompletableFuture::join);
            }, "bench-producer-" + p);
            t.start();
            threads.add(t);
        }
        // a scheduler instead of sleeping loops: the alarm latency probe every 100 ms (a point that raises the probe's
        // alarm, then one that clears it) and the memory sample every 10 s (heap after the last collections, resident
        // set sizes of the JVM and PostgreSQL)
        java.util.concurrent.ScheduledExecutorService ticks = java.util.concurrent.Executors.newScheduledThreadPool(2);
        java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
        ticks.scheduleAtFixedRate(() -> {
            int r = round.getAndIncrement();
            try {
                Probe.SENT.put(probe.id(), System.nanoTime());
                pipeline.put(List.of(new Point(probe.id(), "probe", t0.plusSeconds(r * 2L), 500),
                        new Point(probe.id(), "probe", t0.plusSeconds(r * 2L + 1), 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(() -> memory.add(String.format(
                "%4.0fs heap-after-GC %d MB, RSS JVM %d MB, PostgreSQL %d MB, points %d",
                (System.nanoTime() - start) / 1e9, afterGcHeap() >> 20, rss(ProcessHandle.current().pid()) >> 10,
                ProcessHandle.current().descendants().mapToLong(h -> rss(h.pid())).sum() >> 10, sent.get())),
                0, 10, java.util.concurrent.TimeUnit.SECONDS);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        ticks.shutdownNow();
        ticks.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        jfr.stop();
        jfr.close();
        long count = sent.get();
        System.gc();
        long heapAfter = usedHeap();

        // PostgreSQL's COPY of the same number of rows (at most 2,000,000) into the same table (other times, same
        // devices), text format, from memory
        int copyRows = (int) Math.min(count, 2_000_000);
        jdbc.sql("SELECT monitoring_ensure_partition(DATE '2024-03-01')").query(Boolean.class).single();
        Reader copyInput = csv(ds, Instant.parse("2024-03-01T00:00:00Z"), copyRows);
        long copyStart = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn("COPY monitoring_point (device_id, metric, time, value, flag) FROM STDIN",
                    copyInput);
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;

        List<Long> lat = new ArrayList<>(Probe.LATENCIES_NS);
        Collections.sort(lat);
        double p50 = lat.isEmpty() ? -1 : lat.get(lat.size() / 2) / 1e6;
        double p99 = lat.isEmpty() ? -1 : lat.get(Math.min(lat.size() - 1, (int) Math.ceil(lat.size() * 0.99) - 1)) / 1e6;
        double rate = count / elapsed;
        double copyRate = copyRows / copySeconds;
        String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        StringBuilder report = new StringBuilder();
        report.append(String.format("BENCH issue-16: points=%d devices=%d in %.1f s, load average %s%n", count,
                deviceCount, elapsed, load));
        report.append(String.format("  pipeline (all rules evaluated) %,.0f points/s   floor 100,000   %s%n", rate,
                rate >= 100_000 ? "MET" : "NOT MET"));
        report.append(String.format("  COPY, same table, same run     %,.0f points/s (%d rows in %.1f s)%n", copyRate,
                copyRows, copySeconds));
        report.append(String.format("  ratio                          %.0f %%   floor 50 %%   %s%n", 100 * rate / copyRate,
                rate >= copyRate / 2 ? "MET" : "NOT MET"));
        report.append(String.format("  alarm latency p50 %.1f ms, p99 %.1f ms (n=%d)   floor p99 < 1000 ms   %s%n", p50,
                p99, lat.size(), p99 >= 0 && p99 < 1000 ? "MET" : "NOT MET"));
        report.append(String.format("  heap after GC (forced) before %d MB -> after %d MB%n", heapBefore >> 20,
                heapAfter >> 20));
        report.append("  memory samples:\n");
        for (String m : memory) {
            report.append("    ").append(m).append('\n');
        }
        report.append("  JFR profile: ").append(jfrFile).append('\n');
        System.out.println();
        System.out.print(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/bench/issue16.md"), report.toString());
    }

    /** Heap in use after the most recent collection of each pool (no forced GC). */
    static long afterGcHeap() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    /** Resident set size of a process in kB (0 when unknown). */
    static long rss(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
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
