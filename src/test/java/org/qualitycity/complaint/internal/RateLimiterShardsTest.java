package org.qualitycity.complaint.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The abuse counters spread over shard rows (ADR 0010) still count every hit (none lost under concurrency),
 * refuse a key once its count across the shards is over the limit, and count a hit even when the caller's
 * transaction rolls back.
 */
@QcIntegrationTest
class RateLimiterShardsTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalData personalData;
    @Autowired
    Clock clock;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RateLimiter beanLimiter;

    private RateLimiter limiter(int perIp) {
        return new RateLimiter(jdbc, personalData, clock, perIp, 1_000_000, 3600, 1_000_000);
    }

    private long stored(String key) {
        return jdbc.sql("SELECT COALESCE(sum(hits), 0) FROM complaint_rate WHERE key = :k").param("k", key)
                .query(Long.class).single();
    }

    @Test
    void aKeyIsRefusedOnceItsCountOverAllShardsPassesTheLimit() {
        RateLimiter limiter = limiter(30);
        for (int i = 0; i < 30; i++) {
            limiter.hit("198.51.100.7", null);
        }
        assertThatThrownBy(() -> limiter.hit("198.51.100.7", null)).isInstanceOf(RateLimiter.LimitedException.class);
        assertThatThrownBy(() -> limiter.hit("198.51.100.7", null)).isInstanceOf(RateLimiter.LimitedException.class);
        limiter.hit("198.51.100.8", null); // another address has its own count
        assertThat(stored("ip:198.51.100.7")).isEqualTo(32);
        // 32 hits over 8 shards chosen at random: more than one row (all in one: probability 8^-31)
        assertThat(jdbc.sql("SELECT count(*) FROM complaint_rate WHERE key = 'ip:198.51.100.7'").query(Long.class)
                .single()).isGreaterThan(1);
    }

    @Test
    void concurrentHitsAreAllCountedAndTheLimitHoldsOnceTheyAreCommitted() throws Exception {
        RateLimiter limiter = limiter(100);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                all.add(pool.submit(() -> {
                    try {
                        limiter.hit("198.51.100.9", null);
                    } catch (RateLimiter.LimitedException e) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(stored("ip:198.51.100.9")).isEqualTo(160);
        // at most the hits in flight at the crossing (8 threads) pass beyond the limit
        assertThat(refused.get()).isBetween(60 - 8, 60);
        assertThatThrownBy(() -> limiter.hit("198.51.100.9", null)).isInstanceOf(RateLimiter.LimitedException.class);
    }

    @Test
    void aHitCountsEvenWhenTheCallersTransactionRollsBack() {
        tx.executeWithoutResult(status -> {
            beanLimiter.hit("198.51.100.10", null);
            status.setRollbackOnly();
        });
        assertThat(stored("ip:198.51.100.10")).isEqualTo(1);
    }
}
