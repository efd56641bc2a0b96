package org.qualitycity.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts (once per JVM and data directory) the embedded PostgreSQL used when no external database
 * is configured. The data directory persists, so data survives a restart.
 *
 * <p>Recovery: if a previous JVM was killed with -9, its PostgreSQL may still run on our data
 * directory and keep {@code postmaster.pid}. We first take an application lock file; holding it
 * proves no other QualityCity process uses this directory, so a postmaster found there is stale and
 * is stopped before we start our own.
 */
public final class EmbeddedPostgresDataSource {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDataSource.class);
    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();
    private static final Map<Path, FileLock> LOCKS = new ConcurrentHashMap<>();

    private EmbeddedPostgresDataSource() {
    }

    /** PostgreSQL's own default; the application passes {@code qc.db.embedded-shared-buffers}. */
    static final String DEFAULT_SHARED_BUFFERS = "128MB";

    /** Returns the JDBC URL of the embedded server for {@code dataDir}, starting it if needed. */
    public static String jdbcUrl(Path dataDir) {
        return jdbcUrl(dataDir, DEFAULT_SHARED_BUFFERS);
    }

    /**
     * Returns the JDBC URL of the embedded server for {@code dataDir}, starting it with {@code sharedBuffers}
     * (a PostgreSQL size such as {@code 64MB}) if it is not running yet.
     */
    public static synchronized String jdbcUrl(Path dataDir, String sharedBuffers) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EmbeddedPostgres pg = RUNNING.computeIfAbsent(dir, d -> start(d, sharedBuffers));
        return pg.getJdbcUrl("postgres", "postgres");
    }

    /** Whether this JVM runs the embedded server of {@code dataDir}. */
    public static synchronized boolean isRunning(Path dataDir) {
        return RUNNING.containsKey(dataDir.toAbsolutePath().normalize());
    }

    /** Stops the embedded server of {@code dataDir} (on application shutdown) and releases the lock. */
    public static synchronized void stop(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EmbeddedPostgres pg = RUNNING.remove(dir);
        try {
            if (pg != null) {
                pg.close();
                log.info("Embedded PostgreSQL stopped ({})", dir);
            }
            FileLock lock = LOCKS.remove(dir);
            if (lock != null) {
                lock.release();
                lock.channel().close();
            }
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
        }
    }

    private static EmbeddedPostgres start(Path dir, String sharedBuffers) {
        try {
            Files.createDirectories(dir);
            lockApplication(dir);
            Path pgData = dir.resolve("pgdata");
            stopStalePostmaster(pgData);
            long t0 = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", sharedBuffers)
                    .setServerConfig("timezone", org.qualitycity.platform.ApplicationZone.ZONE.getId())
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    // stopped by the DataSource on application shutdown; a JVM hook of its own would race it
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), pgData,
                    (System.nanoTime() - t0) / 1_000_000);
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private static void lockApplication(Path dir) throws IOException {
        Path lockFile = dir.resolve("qualitycity.lock");
        FileChannel channel = new RandomAccessFile(lockFile.toFile(), "rw").getChannel();
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another QualityCity process is using the data directory " + dir
                    + ". Stop it, or set QC_DATA_DIR to another directory.");
        }
        LOCKS.put(dir, lock);
    }

    /** Stops a postmaster left behind by a killed JVM, and removes its stale pid file. */
    static void stopStalePostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid = lines.isEmpty() ? -1 : parsePid(lines.get(0));
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isPresent() && process.get().isAlive() && isPostgres(process.get())) {
            log.warn("Found a PostgreSQL (pid {}) left running on {} by an earlier run; stopping it", pid, pgData);
            process.get().destroy(); // SIGTERM: PostgreSQL "smart" shutdown; escalate below
            try {
                process.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.get().destroyForcibly();
                try {
                    process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported by the failing start below if it really is still there
                }
            }
        }
        if (!process.map(ProcessHandle::isAlive).orElse(false)) {
            Files.deleteIfExists(pidFile);
        }
    }

    private static long parsePid(String line) {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(true);
    }
}
