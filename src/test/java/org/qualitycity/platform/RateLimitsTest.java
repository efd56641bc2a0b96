package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rate limiter of the public entries ({@link RateLimits}, ADR 0010): counters spread over shard rows still
 * count every hit (none lost under concurrency), refuse a key once its count across the shards is over the limit,
 * count a hit even when the caller's transaction rolls back, and count two keys in one statement (the second only
 * while the first is within its limit). The complaint, survey and portal entries answer 429 with Retry-After and
 * problem+json through it.
 */
@QcIntegrationTest
class RateLimitsTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    MutableClock mutableClock;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RateLimits beanLimits;
    @LocalServerPort
    int port;

    private static RateLimits.Limit limit(String name, int max) {
        return new RateLimits.Limit(name, max, Duration.ofHours(1));
    }

    private RateLimits limits(RateLimits.Limit... limits) {
        Map<String, RateLimits.Limit> m = new java.util.HashMap<>();
        for (RateLimits.Limit l : limits) {
            m.put(l.name(), l);
        }
        return new RateLimits(jdbc, clock, m);
    }

    private long stored(String key) {
        return jdbc.sql("SELECT COALESCE(sum(hits), 0) FROM platform_rate WHERE key = :k").param("k", key)
                .query(Long.class).single();
    }

    @Test
    void aKeyIsRefusedOnceItsCountOverAllShardsPassesTheLimit() {
        RateLimits.Limit perIp = limit("test-shards", 30);
        RateLimits limits = limits(perIp);
        for (int i = 0; i < 30; i++) {
            limits.hit(perIp.key("198.51.100.7"));
        }
        assertThatThrownBy(() -> limits.hit(perIp.key("198.51.100.7"))).isInstanceOf(RateLimits.LimitedException.class)
                .extracting(e -> ((RateLimits.LimitedException) e).limit()).isEqualTo("test-shards");
        assertThatThrownBy(() -> limits.hit(perIp.key("198.51.100.7"))).isInstanceOf(RateLimits.LimitedException.class);
        limits.hit(perIp.key("198.51.100.8")); // another address has its own count
        assertThat(stored("test-shards:198.51.100.7")).isEqualTo(32);
        // 32 hits over 8 shards chosen at random: more than one row (all in one: probability 8^-31)
        assertThat(jdbc.sql("SELECT count(*) FROM platform_rate WHERE key = 'test-shards:198.51.100.7'")
                .query(Long.class).single()).isGreaterThan(1);
        limits.hit(perIp.key(null)); // no key, nothing counted
        limits.hit(perIp.key(" "));
        assertThat(stored("test-shards:")).isZero();
    }

    @Test
    void concurrentHitsAreAllCountedAndTheLimitHoldsOnceTheyAreCommitted() throws Exception {
        RateLimits.Limit perIp = limit("test-concurrent", 100);
        RateLimits limits = limits(perIp);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                all.add(pool.submit(() -> {
                    try {
                        limits.hit(perIp.key("198.51.100.9"));
                    } catch (RateLimits.LimitedException e) {
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
        assertThat(stored("test-concurrent:198.51.100.9")).isEqualTo(160);
        // at most the hits in flight at the crossing (8 threads) pass beyond the limit
        assertThat(refused.get()).isBetween(60 - 8, 60);
        assertThatThrownBy(() -> limits.hit(perIp.key("198.51.100.9"))).isInstanceOf(RateLimits.LimitedException.class);
    }

    @Test
    void aHitCountsEvenWhenTheCallersTransactionRollsBack() {
        RateLimits.Limit perIp = beanLimits.limit("complaint-per-ip");
        tx.executeWithoutResult(status -> {
            beanLimits.hit(perIp.key("198.51.100.10"));
            status.setRollbackOnly();
        });
        assertThat(stored("complaint-per-ip:198.51.100.10")).isEqualTo(1);
    }

    @Test
    void twoKeysAreCountedInOneStatementAndTheSecondOnlyWhileTheFirstIsWithinItsLimit() {
        RateLimits.Limit perIp = limit("test-first", 3);
        RateLimits.Limit perPhone = limit("test-second", 2);
        RateLimits limits = limits(perIp, perPhone);
        String phoneHash = "a".repeat(64); // callers pass the hash: the limiter never sees a phone number
        limits.hit(perIp.key("198.51.100.11"), perPhone.key(phoneHash));
        limits.hit(perIp.key("198.51.100.11"), perPhone.key(phoneHash));
        // the phone is over its limit: refused naming the phone's limit, both counted
        assertThatThrownBy(() -> limits.hit(perIp.key("198.51.100.11"), perPhone.key(phoneHash)))
                .isInstanceOf(RateLimits.LimitedException.class)
                .extracting(e -> ((RateLimits.LimitedException) e).limit()).isEqualTo("test-second");
        assertThat(stored("test-first:198.51.100.11")).isEqualTo(3);
        assertThat(stored("test-second:" + phoneHash)).isEqualTo(3);
        // the address is over its limit: refused naming the address's limit, the phone no longer counted
        assertThatThrownBy(() -> limits.hit(perIp.key("198.51.100.11"), perPhone.key(phoneHash)))
                .isInstanceOf(RateLimits.LimitedException.class)
                .extracting(e -> ((RateLimits.LimitedException) e).limit()).isEqualTo("test-first");
        assertThat(stored("test-first:198.51.100.11")).isEqualTo(4);
        assertThat(stored("test-second:" + phoneHash)).isEqualTo(3);
        // no first key: the second alone is counted
        limits.hit(perIp.key(null), perPhone.key("b".repeat(64)));
        assertThat(stored("test-second:" + "b".repeat(64))).isEqualTo(1);
        // each key has its own count per limit: the same value under another limit is another key
        limits.hit(perPhone.key("198.51.100.11"));
        assertThat(stored("test-second:198.51.100.11")).isEqualTo(1);
    }

    @Test
    void anUnconfiguredLimitFailsAtOnceAndTheConfiguredOnesAreBound() {
        assertThatThrownBy(() -> beanLimits.limit("no-such-limit")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("qc.rate-limits.no-such-limit");
        assertThat(beanLimits.limit("complaint-per-phone").max()).isEqualTo(5);
        assertThat(beanLimits.limit("complaint-per-phone").window()).isEqualTo(Duration.ofHours(1));
        assertThat(beanLimits.limit("portal-topics-per-ip").max()).isEqualTo(20);
        assertThat(beanLimits.limit("survey-answers-per-ip").max()).isEqualTo(120);
    }

    /** Every public entry of the three modules answers 429 with Retry-After and problem+json once spent. */
    @Test
    void theSurveyAndPortalEntriesAnswer429WithRetryAfterThroughTheSharedLimiter() {
        TestApi api = new TestApi(port);
        // a window of its own (five hours ahead), so that no other test shares these counts
        mutableClock.set(clock.instant().plus(Duration.ofHours(5)));
        try {
            // portal proposals: 20 per address; a refused (invalid) proposal counts too
            for (int i = 0; i < 20; i++) {
                assertThat(api.post("/api/v1/public/hot-topics", Map.of(), null).status()).isEqualTo(400);
            }
            assertSpent(api.post("/api/v1/public/hot-topics", Map.of(), null));
            // survey answers: 120 per address, counted for a known token before the answer is checked
            String token = jdbc.sql("SELECT public_token FROM survey ORDER BY id LIMIT 1").query(String.class).single();
            for (int i = 0; i < 120; i++) { // refused as invalid (400) or as outside the field period (409)
                assertThat(api.post("/api/v1/public/surveys/" + token + "/answers", Map.of(), null).status())
                        .isIn(400, 409);
            }
            assertSpent(api.post("/api/v1/public/surveys/" + token + "/answers", Map.of(), null));
        } finally {
            mutableClock.reset();
        }
    }

    private static void assertSpent(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/too-many-requests");
    }
}
