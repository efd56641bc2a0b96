package org.qualitycity.indicator.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Serialized analytics answers, keyed by the resolved query and the caller's scope. Results change only
 * when indicators are recomputed: a recompute on this node clears the cache when it commits; one on
 * another node is seen within the time-to-live (10 s), a staleness dashboards tolerate (see
 * docs/operations.md, "Scaling out").
 */
@Component
public class AnalyticsCache {

    /** Published by the engine after results were replaced. */
    public record ResultsChanged(int year) {
    }

    private final Cache<String, byte[]> cache = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    public byte[] get(String key, Supplier<byte[]> compute) {
        return cache.get(key, k -> compute.get());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ResultsChanged event) {
        cache.invalidateAll();
    }

    public void clear() {
        cache.invalidateAll();
    }
}
