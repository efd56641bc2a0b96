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
    @Autowired
    org.qualitycity.monitoring.internal.PartitionMaintenance partitions;
    @org.springframework.beans.factory.annotation.Value("${qc.data-dir}")
    String dataDir;

    /** One memory sample: seconds since the start, heap after GC, the JVM's RSS and PSS, PostgreSQL's PSS (MB). */
    record Sample(double at, double heap, double jvmRss, double jvmPss, double pgPss, double pgRss, int pgProcesses,
                  long points) {
        @Override
        public String toString() {
            return String.format("%4.0fs heap-after-GC %4.0f MB, JVM RSS %4.0f MB (PSS %4.0f), PostgreSQL PSS %4.0f MB"
                    + " (RSS %4.0f MB, %d processes), points %,d", at, heap, jvmRss, jvmPss, pgPss, pgRss,
                    pgProcesses, points);
        }
    }

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
        // the probe's own month, never dropped by the memory mode's retention
        Instant probeT0 = Instant.parse("2030-01-01T00:00:00Z");
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
        List<Sample> memory = new CopyOnWriteArrayList<>();
        // memory mode: a new month every qc.bench.month-points points, and the months before the previous one dropped
        // (the production retention, PartitionMaintenance.dropBefore), so that the disk holds two months at most
        int perMonth = seconds > 0 ? Integer.getInteger("qc.bench.month-points", 5_000_000) : Integer.MAX_VALUE;
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
                        int month = off / perMonth;
                        inflight.add(pipeline.put(batch(ds, t0.atZone(java.time.ZoneOffset.UTC).plusMonths(month)
                                .toInstant(), off % perMonth, n)));
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
                pipeline.put(List.of(new Point(probe.id(), "probe", probeT0.plusSeconds(r * 2L), 500),
                        new Point(probe.id(), "probe", probeT0.plusSeconds(r * 2L + 1), 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
        java.nio.file.Path pgData = java.nio.file.Path.of(dataDir, "pgdata");
        ticks.scheduleAtFixedRate(() -> {
            try {
                int month = next.get() / perMonth;
                if (month >= 2) {
                    partitions.dropBefore(java.time.LocalDate.of(2024, 1, 1).plusMonths(month - 1L));
                }
                List<Long> pg = postgresPids(pgData);
                long self = ProcessHandle.current().pid();
                memory.add(new Sample((System.nanoTime() - start) / 1e9, afterGcHeap() / 1048576.0,
                        kb(self, "status", "VmRSS:") / 1024.0, kb(self, "smaps_rollup", "Pss:") / 1024.0,
                        pg.stream().mapToLong(pid -> kb(pid, "smaps_rollup", "Pss:")).sum() / 1024.0,
                        pg.stream().mapToLong(pid -> kb(pid, "status", "VmRSS:")).sum() / 1024.0, pg.size(),
                        sent.get()));
            } catch (RuntimeException e) {
                System.out.println("memory sample failed: " + e);
            }
        }, 0, 10, java.util.concurrent.TimeUnit.SECONDS);
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
        // a month of its own (empty, as the pipeline's month was at the start)
        jdbc.sql("SELECT monitoring_ensure_partition(DATE '2029-01-01')").query(Boolean.class).single();
        Reader copyInput = csv(ds, Instant.parse("2029-01-01T00:00:00Z"), copyRows);
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
        report.append(String.format("  %-44s %12s   %-28s %s%n", "figure", "measured", "floor (same run) / goal",
                "verdict"));
        report.append(String.format("  %-44s %,12.0f   %-28s%n", "floor: PostgreSQL COPY, same table (points/s)",
                copyRate, String.format("(%,d rows in %.1f s)", copyRows, copySeconds)));
        report.append(String.format("  %-44s %,12.0f   %-28s %s (%.2fx the goal)%n",
                "ingestion, every alarm rule (points/s)", rate, "goal >= 100,000", rate >= 100_000 ? "MET" : "NOT MET",
                rate / 100_000));
        report.append(String.format("  %-44s %11.0f%%   %-28s %s%n", "ingestion / COPY", 100 * rate / copyRate,
                "goal >= 50 % of the floor", rate >= copyRate / 2 ? "MET" : "NOT MET"));
        report.append(String.format("  %-44s %9.1f ms   %-28s %s (p50 %.1f ms, n=%d)%n",
                "alarm latency p99, receipt -> raised", p99, "goal < 1,000 ms", p99 >= 0 && p99 < 1000 ? "MET"
                        : "NOT MET", p50, lat.size()));
        report.append(String.format("  heap after forced GC: before %d MB -> after %d MB%n", heapBefore >> 20,
                heapAfter >> 20));
        report.append("  memory samples every 10 s (PSS: PostgreSQL's shared buffers counted once over its processes):\n");
        for (Sample m : memory) {
            report.append("    ").append(m).append('\n');
        }
        report.append(flatness(memory));
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

    /** A field of /proc/PID/FILE in kB (VmRSS in status, Pss in smaps_rollup); 0 when unknown. */
    static long kb(long pid, String file, String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * The embedded PostgreSQL's processes: the postmaster (first line of its data directory's postmaster.pid) and its
     * children. It is not a descendant of this JVM (zonky starts it through pg_ctl, which detaches it).
     */
    static List<Long> postgresPids(java.nio.file.Path pgData) {
        try {
            long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(pgData.resolve("postmaster.pid")).get(0)
                    .trim());
            List<Long> pids = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(h -> {
                pids.add(h.pid());
                h.descendants().forEach(c -> pids.add(c.pid()));
            });
            return pids;
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Flatness over the second half of the run (the first half is warm-up: caches, shared buffers, JIT): the
     * least-squares slope of each series in MB per minute, and the growth it implies over 10 minutes; flat when that
     * is under 5 % of the series' level (or under 5 MB).
     */
    static String flatness(List<Sample> all) {
        if (all.size() < 6) {
            return "  memory flatness: too few samples (" + all.size() + "; run --10min)\n";
        }
        List<Sample> half = all.subList(all.size() / 2, all.size());
        StringBuilder b = new StringBuilder(String.format("  memory flatness over the last %d samples (%.0f s to %.0f s):%n",
                half.size(), half.get(0).at(), half.get(half.size() - 1).at()));
        boolean flat = true;
        String[] names = {"heap after GC", "JVM RSS", "JVM PSS", "PostgreSQL PSS"};
        List<java.util.function.ToDoubleFunction<Sample>> fs = List.of(Sample::heap, Sample::jvmRss, Sample::jvmPss,
                Sample::pgPss);
        for (int i = 0; i < names.length; i++) {
            double n = half.size();
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (Sample s : half) {
                double x = s.at() / 60, y = fs.get(i).applyAsDouble(s);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double mean = sy / n;
            double growth = slope * 10;
            boolean ok = growth < Math.max(5, 0.05 * mean);
            flat &= ok;
            b.append(String.format("    %-15s mean %6.0f MB, slope %+7.2f MB/min (%+6.1f MB per 10 min)   %s%n", names[i],
                    mean, slope, growth, ok ? "flat" : "GROWING"));
        }
        boolean tenMinutes = all.get(all.size() - 1).at() >= 570; // samples every 10 s of a 600 s run
        b.append(String.format("  %-44s %12s   %-28s %s%n", "memory over the run", flat ? "flat" : "growing",
                "goal: flat over 10 minutes", !tenMinutes ? "not judged (run shorter than 10 min: --10min)"
                        : flat ? "MET" : "NOT MET"));
        return b.toString();
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
