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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    /** Starts begun by {@link #startInBackground} that no DataSource has taken over yet. */
    private static final Map<Path, CompletableFuture<EmbeddedPostgres>> STARTING = new ConcurrentHashMap<>();

    private EmbeddedPostgresDataSource() {
    }

    /** PostgreSQL's own default; the application passes {@code qc.db.embedded-shared-buffers}. */
    static final String DEFAULT_SHARED_BUFFERS = "128MB";

    /** The application's defaults of {@code qc.db.embedded-shared-buffers} and {@code qc.db.embedded-max-connections}. */
    public static final String DEFAULT_EMBEDDED_SHARED_BUFFERS = "32MB";
    public static final int DEFAULT_EMBEDDED_MAX_CONNECTIONS = 100;

    /** Returns the JDBC URL of the embedded server for {@code dataDir}, starting it if needed. */
    public static String jdbcUrl(Path dataDir) {
        return jdbcUrl(dataDir, DEFAULT_SHARED_BUFFERS, DEFAULT_EMBEDDED_MAX_CONNECTIONS);
    }

    /**
     * Returns the JDBC URL of the embedded server for {@code dataDir}, starting it with {@code sharedBuffers}
     * (a PostgreSQL size such as {@code 64MB}) and {@code maxConnections} if it is not running yet.
     */
    public static synchronized String jdbcUrl(Path dataDir, String sharedBuffers, int maxConnections) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EmbeddedPostgres pg = RUNNING.get(dir);
        if (pg == null) {
            CompletableFuture<EmbeddedPostgres> started = STARTING.remove(dir);
            pg = started == null ? start(dir, sharedBuffers, maxConnections) : await(started);
            RUNNING.put(dir, pg);
        }
        return pg.getJdbcUrl("postgres", "postgres");
    }

    /**
     * Issue 13 (start-up): begins starting the embedded server of {@code dataDir} on a background thread, so that
     * finding, unpacking (first start: initdb too) and starting PostgreSQL overlap Spring's building of its context
     * on the other core; {@link #jdbcUrl} then takes the running server over (waiting for it if need be, and
     * reporting its failure as its own). Called once by the application's main method, before the context exists.
     */
    public static void startInBackground(Path dataDir, String sharedBuffers, int maxConnections) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (EmbeddedPostgresDataSource.class) {
            if (RUNNING.containsKey(dir) || STARTING.containsKey(dir)) {
                return;
            }
            CompletableFuture<EmbeddedPostgres> started = new CompletableFuture<>();
            STARTING.put(dir, started);
            Thread t = new Thread(() -> {
                try {
                    started.complete(start(dir, sharedBuffers, maxConnections));
                } catch (RuntimeException | Error e) {
                    started.completeExceptionally(e);
                }
            }, "embedded-postgres-start");
            t.setDaemon(true);
            t.start();
            // a JVM stopped (SIGTERM) before the DataSource took the server over stops it too
            Runtime.getRuntime().addShutdownHook(new Thread(() -> abandonBackgroundStart(dir), "embedded-postgres-abandon"));
        }
    }

    /** Stops a server begun by {@link #startInBackground} that no DataSource took over (the start failed before). */
    public static void abandonBackgroundStart(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        CompletableFuture<EmbeddedPostgres> started;
        synchronized (EmbeddedPostgresDataSource.class) {
            started = STARTING.remove(dir);
            if (started == null) {
                return;
            }
        }
        try {
            RUNNING.put(dir, await(started));
        } catch (RuntimeException e) {
            // it did not start: nothing to stop beyond the lock
        }
        stop(dir);
    }

    private static EmbeddedPostgres await(CompletableFuture<EmbeddedPostgres> started) {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
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

    private static EmbeddedPostgres start(Path dir, String sharedBuffers, int maxConnections) {
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
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
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
