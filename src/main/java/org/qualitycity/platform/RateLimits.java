package org.qualitycity.platform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one abuse limiter of the public entries (complaint intake and Open311, survey answers, the portal's look-ups
 * and proposals): named limits ({@code qc.rate-limits.<name>.max} hits per key and {@code .window}), counted in
 * fixed windows in the database so that every node of a cluster sees the same counts (ADR 0010).
 *
 * <p>A key's count is spread over {@value #SHARDS} rows of {@code platform_rate} (each hit increments one, chosen
 * at random) and read as their sum in the same statement, outside the caller's transaction (auto-commit): a shard
 * row is locked only for that statement, never across the caller's work, and a hit counts even when the caller's
 * transaction then rolls back or the request is refused as invalid. The sum sees every committed hit, so a key
 * over its limit stays refused; hits in flight at the same moment on other shards may be missed, so when a key
 * crosses its limit at most as many extra hits pass as were being counted concurrently for it.
 *
 * <p>Keys are opaque: pass what identifies the client for that limit (an address, or an already hashed phone
 * number, never a phone in plain text). A refusal is a {@link LimitedException}, which the API answers with 429,
 * {@code Retry-After} and problem+json ({@code platform.web.ApiExceptionHandler}); pages show their form error.
 */
@Component
public class RateLimits {

    /** Rows per key and window (ADR 0010). */
    public static final int SHARDS = 8;
    /** Longest stored key; longer keys are cut (an address or a 64-character hash fit). */
    static final int MAX_KEY = 120;

    /** A named limit: at most {@code max} hits per key in each fixed {@code window}. */
    public record Limit(String name, int max, Duration window) {
        public Limit {
            Objects.requireNonNull(name);
            if (max < 0 || window == null || window.getSeconds() < 1) {
                throw new IllegalArgumentException("rate limit " + name + ": max >= 0 and a window of at least 1 s");
            }
        }

        /** The limit applied to one client's key (null or blank: nothing to count). */
        public Key key(String value) {
            return new Key(this, value);
        }
    }

    /** One client's key under a limit. */
    public record Key(Limit limit, String value) {
        boolean present() {
            return value != null && !value.isBlank();
        }

        String stored() {
            String k = limit.name() + ":" + value;
            return k.length() > MAX_KEY ? k.substring(0, MAX_KEY) : k;
        }
    }

    /** Thrown when a key has used up its window; answers 429 with {@code Retry-After}. */
    public static class LimitedException extends RuntimeException {
        private final String limit;
        private final long retryAfterSeconds;

        LimitedException(String limit, long retryAfterSeconds) {
            super("rate limit " + limit + " reached; retry after " + retryAfterSeconds + " s");
            this.limit = limit;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** The name of the limit that refused. */
        public String limit() {
            return limit;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Limit> limits;

    @Autowired
    RateLimits(JdbcClient jdbc, Clock clock, Environment environment) {
        this(jdbc, clock, Binder.get(environment).bind("qc.rate-limits",
                        Bindable.mapOf(String.class, Setting.class)).orElse(Map.of()).entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        e -> new Limit(e.getKey(), e.getValue().max(), e.getValue().window()))));
    }

    /** Limits given directly (tests of the mechanism). */
    public RateLimits(JdbcClient jdbc, Clock clock, Map<String, Limit> limits) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = Map.copyOf(limits);
    }

    /** One configured limit as bound from {@code qc.rate-limits.<name>}. */
    record Setting(int max, Duration window) {
    }

    /** The configured limit of that name; fails (at start-up, when called from a constructor) if there is none. */
    public Limit limit(String name) {
        Limit l = limits.get(name);
        if (l == null) {
            throw new IllegalStateException("no rate limit qc.rate-limits." + name + " configured");
        }
        return l;
    }

    /** Counts one hit of the key; throws when the key is over its limit. A blank key counts nothing. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // counted at once, whatever the caller's transaction does
    public void hit(Key key) {
        hit(key, null);
    }

    /**
     * Counts one hit of {@code first} and, only while {@code first} is within its limit, one of {@code second} (may
     * be null or blank) — both in one statement; throws naming the first key that is over its limit. (The complaint
     * intake: the address, then the phone; a refused address does not use up the phone's count.)
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void hit(Key first, Key second) {
        Key a = first != null && first.present() ? first : null;
        Key b = second != null && second.present() ? second : null;
        if (a == null) {
            a = b;
            b = null;
        }
        if (a == null) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        Window wa = Window.of(a.limit(), now);
        if (b == null) {
            int count = jdbc.sql("""
                            WITH hit AS (
                                INSERT INTO platform_rate (key, window_start, shard, hits) VALUES (:k, :w, :s, 1)
                                ON CONFLICT (key, window_start, shard) DO UPDATE SET hits = platform_rate.hits + 1
                                RETURNING hits)
                            SELECT (SELECT hits FROM hit) + COALESCE((SELECT sum(r.hits) FROM platform_rate r
                                WHERE r.key = :k AND r.window_start = :w AND r.shard <> :s), 0)
                            """)
                    .param("k", a.stored()).param("w", wa.start()).param("s", shard())
                    .query(Integer.class).single();
            if (count > a.limit().max()) {
                throw new LimitedException(a.limit().name(), wa.retryAfter());
            }
            return;
        }
        Window wb = Window.of(b.limit(), now);
        // the second key's upsert runs only when the first key's count is within its limit (:max1)
        int[] counts = jdbc.sql("""
                        WITH hit1 AS (
                            INSERT INTO platform_rate (key, window_start, shard, hits) VALUES (:k1, :w1, :s1, 1)
                            ON CONFLICT (key, window_start, shard) DO UPDATE SET hits = platform_rate.hits + 1
                            RETURNING hits),
                        count1 AS (
                            SELECT (SELECT hits FROM hit1) + COALESCE((SELECT sum(r.hits) FROM platform_rate r
                                WHERE r.key = :k1 AND r.window_start = :w1 AND r.shard <> :s1), 0) AS n),
                        hit2 AS (
                            INSERT INTO platform_rate (key, window_start, shard, hits)
                            SELECT :k2, :w2, :s2, 1 FROM count1 WHERE count1.n <= :max1
                            ON CONFLICT (key, window_start, shard) DO UPDATE SET hits = platform_rate.hits + 1
                            RETURNING hits)
                        SELECT (SELECT n FROM count1),
                               COALESCE((SELECT hits FROM hit2) + COALESCE((SELECT sum(r.hits) FROM platform_rate r
                                   WHERE r.key = :k2 AND r.window_start = :w2 AND r.shard <> :s2), 0), 0)
                        """)
                .param("k1", a.stored()).param("w1", wa.start()).param("s1", shard()).param("max1", a.limit().max())
                .param("k2", b.stored()).param("w2", wb.start()).param("s2", shard())
                .query((rs, n) -> new int[]{rs.getInt(1), rs.getInt(2)}).single();
        if (counts[0] > a.limit().max()) {
            throw new LimitedException(a.limit().name(), wa.retryAfter());
        }
        if (counts[1] > b.limit().max()) {
            throw new LimitedException(b.limit().name(), wb.retryAfter());
        }
    }

    /** Old windows are of no use: rows whose window ended more than a day ago go, hourly, on any node (idempotent). */
    @Scheduled(cron = "${qc.rate-limits-cleanup-cron:0 41 * * * *}")
    void forgetOldWindows() {
        long longest = limits.values().stream().mapToLong(l -> l.window().getSeconds()).max().orElse(0);
        jdbc.sql("DELETE FROM platform_rate WHERE window_start < :old")
                .param("old", Timestamp.from(clock.instant().minusSeconds(longest).minus(Duration.ofDays(1)))).update();
    }

    private static int shard() {
        return ThreadLocalRandom.current().nextInt(SHARDS);
    }

    /** The fixed window of a limit at a moment: its start and the seconds left. */
    private record Window(Timestamp start, long retryAfter) {
        static Window of(Limit limit, long now) {
            long size = limit.window().getSeconds();
            long start = now - Math.floorMod(now, size);
            return new Window(Timestamp.from(Instant.ofEpochSecond(start)), start + size - now);
        }
    }
}
