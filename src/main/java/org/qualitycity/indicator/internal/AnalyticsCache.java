package org.qualitycity.indicator.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import java.util.function.Supplier;

/**
 * Analytics answers ready to send, keyed by the request as asked (indicators, periods, units as written,
 * page, the caller's scope and the day, which relative periods depend on): the JSON, its gzip form and
 * an entity tag, so that a repeated question costs neither parsing, nor a query, nor serialising or
 * compressing. Results change only when indicators are recomputed (every approval and every change of
 * a value recomputes): a recompute on this node clears the cache when it commits; one on another node
 * is seen within the time-to-live (10 s), a staleness dashboards tolerate (see docs/operations.md,
 * "Scaling out").
 */
@Component
public class AnalyticsCache {

    /** Published by the engine after results were replaced. */
    public record ResultsChanged(int year) {
    }

    /** An answer: JSON, the same gzip-compressed, and its strong entity tag (quoted). */
    public record Answer(byte[] json, byte[] gzip, String etag) {
    }

    private final Cache<String, Answer> cache = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    /** The cached answer for the key, else computes the JSON (exceptions pass through, nothing is cached). */
    public Answer get(String key, Supplier<byte[]> compute) {
        return cache.get(key, k -> answer(compute.get()));
    }

    static Answer answer(byte[] json) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(json);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"";
            return new Answer(json, out.toByteArray(), etag);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ResultsChanged event) {
        cache.invalidateAll();
    }

    public void clear() {
        cache.invalidateAll();
    }
}
