package org.qualitycity.indicator.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, dashboard analytics p99: an ageing answer is computed again by one request while the others are still
 * served the cached one (before, every concurrent request of the question waited when the entry expired); nothing
 * older than the time-to-live is served, and a refresh never outlives a clear.
 */
class AnalyticsCacheRefreshTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AnalyticsCache cache = new AnalyticsCache(now::get);
    private final AtomicInteger computed = new AtomicInteger();

    private byte[] answer(String s) {
        computed.incrementAndGet();
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(AnalyticsCache.Answer a) {
        return new String(a.json(), StandardCharsets.UTF_8);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void anAgeingAnswerIsRecomputedByOneRequestWhileTheOthersAreServedTheCachedOne() {
        assertThat(text(cache.get("q", () -> answer("v1")))).isEqualTo("v1");
        assertThat(text(cache.get("q", () -> answer("never")))).isEqualTo("v1");
        assertThat(computed).hasValue(1);

        advance(AnalyticsCache.REFRESH_AFTER.plusSeconds(1));
        String[] servedMeanwhile = new String[1];
        AnalyticsCache.Answer refreshed = cache.get("q", () -> {
            // another request of the same question while this one computes: served at once, nothing computed
            servedMeanwhile[0] = text(cache.get("q", () -> answer("not this")));
            return answer("v2");
        });
        assertThat(servedMeanwhile[0]).isEqualTo("v1");
        assertThat(text(refreshed)).isEqualTo("v2");
        assertThat(text(cache.get("q", () -> answer("never")))).isEqualTo("v2");
        assertThat(computed).hasValue(2);
    }

    @Test
    void nothingOlderThanTheTimeToLiveIsServed() {
        cache.get("q", () -> answer("v1"));
        advance(AnalyticsCache.TTL.plusSeconds(1));
        assertThat(text(cache.get("q", () -> answer("v2")))).isEqualTo("v2");
    }

    @Test
    void aRefreshThatStartedBeforeAClearIsNotKept() {
        cache.get("q", () -> answer("v1"));
        advance(AnalyticsCache.REFRESH_AFTER.plusSeconds(1));
        cache.get("q", () -> {
            cache.clear(); // results changed while the refresh computed from the old ones
            return answer("computed before the change");
        });
        assertThat(text(cache.get("q", () -> answer("after the change")))).isEqualTo("after the change");
    }
}
