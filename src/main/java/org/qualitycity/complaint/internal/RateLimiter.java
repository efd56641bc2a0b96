package org.qualitycity.complaint.internal;

import org.qualitycity.platform.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fixed-window counters in the database, so that every node of a cluster sees the same counts; a hit
 * counts even when the submission is then refused as invalid. Keys are the client IP and the phone
 * number (its keyed hash: no phone number is stored in plain text).
 *
 * <p>A key's count is spread over {@value #SHARDS} rows (each hit increments one, chosen at random) and
 * read as their sum in the same auto-committed statement (ADR 0010): submissions from one address (a
 * flood, or many citizens behind one proxy) no longer queue on one row lock while holding a database
 * connection each. The sum sees every committed hit, so a key that is over its limit stays refused; hits
 * in flight at the same moment on other shards may be missed, so at the moment a key crosses its limit
 * at most as many extra submissions pass as were being counted concurrently for that key.
 */
@Component
public class RateLimiter {

    /** Thrown when a key has used up its window; answers 429. */
    public static class LimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        LimitedException(String key, long retryAfterSeconds) {
            super("too many submissions from this " + key + "; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Rows per key and window (ADR 0010). */
    static final int SHARDS = 8;

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final Clock clock;
    private final int perIp;
    private final int perPhone;
    private final long windowSeconds;
    private final int readsPerIp;

    RateLimiter(JdbcClient jdbc, PersonalData personalData, Clock clock, @Value("${qc.complaint.limit.per-ip:120}") int perIp,
                @Value("${qc.complaint.limit.per-phone:5}") int perPhone,
                @Value("${qc.complaint.limit.window-seconds:3600}") long windowSeconds,
                @Value("${qc.complaint.limit.public-reads-per-ip:300}") int readsPerIp) {
        this.readsPerIp = readsPerIp;
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.clock = clock;
        this.perIp = perIp;
        this.perPhone = perPhone;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one submission for the IP and (if given) the phone; throws when either is over its limit. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // counted at once, whatever the caller's transaction does
    public void hit(String ip, String phone) {
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, windowSeconds);
        long retry = start + windowSeconds - now;
        if (ip != null && count("ip:" + ip, start) > perIp) {
            throw new LimitedException("address", retry);
        }
        if (phone != null && !phone.isBlank() && count("phone:" + personalData.phoneHash(phone), start) > perPhone) {
            throw new LimitedException("phone", retry);
        }
    }

    /** Counts one public read (the Open311 search) for the IP; throws when it is over its limit. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void hitRead(String ip) {
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, windowSeconds);
        if (ip != null && count("read-ip:" + ip, start) > readsPerIp) {
            throw new LimitedException("address", start + windowSeconds - now);
        }
    }

    /**
     * Counts one hit of the key in the window and answers the key's count (its shards' sum). One statement
     * outside any transaction (auto-commit): a shard row is locked only for the statement itself.
     */
    private int count(String key, long start) {
        return jdbc.sql("""
                        WITH hit AS (
                            INSERT INTO complaint_rate (key, window_start, shard, hits) VALUES (:k, :w, :s, 1)
                            ON CONFLICT (key, window_start, shard) DO UPDATE SET hits = complaint_rate.hits + 1
                            RETURNING hits)
                        SELECT (SELECT hits FROM hit) + COALESCE((SELECT sum(r.hits) FROM complaint_rate r
                            WHERE r.key = :k AND r.window_start = :w AND r.shard <> :s), 0)
                        """)
                .param("k", key.length() > 80 ? key.substring(0, 80) : key)
                .param("w", Timestamp.from(Instant.ofEpochSecond(start)))
                .param("s", ThreadLocalRandom.current().nextInt(SHARDS)).query(Integer.class).single();
    }
}
