package org.qualitycity.survey.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The public form's abuse limit, the complaint form's approach (ADR 0010) on the survey's own table: fixed-window
 * counters per client address in the database (every node sees them), each key spread over shard rows, the hit and
 * the sum in one auto-committed statement.
 */
@Component
public class SurveyRateLimiter {

    /** Too many answers from one address in the window; answers 429. */
    public static class LimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        LimitedException(long retryAfterSeconds) {
            super("too many answers from this address; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    static final int SHARDS = 8;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int perIp;
    private final long windowSeconds;

    SurveyRateLimiter(JdbcClient jdbc, Clock clock, @Value("${qc.survey.limit.per-ip:120}") int perIp,
                      @Value("${qc.survey.limit.window-seconds:3600}") long windowSeconds) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perIp = perIp;
        this.windowSeconds = windowSeconds;
    }

    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void hit(String ip) {
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, windowSeconds);
        long count = jdbc.sql("""
                        WITH up AS (INSERT INTO survey_rate (key, window_start, shard, hits) VALUES (:k, :w, :shard, 1)
                                    ON CONFLICT (key, window_start, shard) DO UPDATE SET hits = survey_rate.hits + 1
                                    RETURNING 1)
                        SELECT COALESCE(sum(hits), 0) + 1 FROM survey_rate WHERE key = :k AND window_start = :w""")
                .param("k", "ip:" + ip).param("w", start).param("shard", ThreadLocalRandom.current().nextInt(SHARDS))
                .query(Long.class).single();
        if (count > perIp) {
            throw new LimitedException(start + windowSeconds - now);
        }
    }
}
