package org.qualitycity.portal.internal;

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
 * Per-address limits of the portal's public entries, as the complaint form's (fixed windows, counters in the
 * database spread over shard rows and counted in one auto-committed statement, ADR 0010): hot-topic proposals
 * ({@code qc.portal.limit.topics-per-ip}) and credit look-ups ({@code qc.portal.limit.lookups-per-ip}) per window
 * ({@code qc.portal.limit.window-seconds}). A hit counts even when the request is then refused as invalid.
 */
@Component
public class PublicLimits {

    /** Thrown when an address has used up its window; answers 429. */
    public static class LimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        LimitedException(long retryAfterSeconds) {
            super("too many requests from this address; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    static final int SHARDS = 8;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int topicsPerIp;
    private final int lookupsPerIp;
    private final long windowSeconds;

    PublicLimits(JdbcClient jdbc, Clock clock, @Value("${qc.portal.limit.topics-per-ip:20}") int topicsPerIp,
                 @Value("${qc.portal.limit.lookups-per-ip:300}") int lookupsPerIp,
                 @Value("${qc.portal.limit.window-seconds:3600}") long windowSeconds) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.topicsPerIp = topicsPerIp;
        this.lookupsPerIp = lookupsPerIp;
        this.windowSeconds = windowSeconds;
    }

    /** Counts a hot-topic proposal from the address. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void topic(String ip) {
        hit("topic:" + ip, topicsPerIp);
    }

    /** Counts a credit look-up from the address. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void lookup(String ip) {
        hit("lookup:" + ip, lookupsPerIp);
    }

    private void hit(String key, int limit) {
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, windowSeconds);
        int count = jdbc.sql("""
                        WITH hit AS (
                            INSERT INTO portal_rate (key, window_start, shard, hits) VALUES (:k, :w, :s, 1)
                            ON CONFLICT (key, window_start, shard) DO UPDATE SET hits = portal_rate.hits + 1
                            RETURNING hits)
                        SELECT (SELECT hits FROM hit) + COALESCE((SELECT sum(r.hits) FROM portal_rate r
                            WHERE r.key = :k AND r.window_start = :w AND r.shard <> :s), 0)
                        """)
                .param("k", key.length() > 80 ? key.substring(0, 80) : key)
                .param("w", Timestamp.from(Instant.ofEpochSecond(start)))
                .param("s", ThreadLocalRandom.current().nextInt(SHARDS)).query(Integer.class).single();
        if (count > limit) {
            throw new LimitedException(start + windowSeconds - now);
        }
    }
}
