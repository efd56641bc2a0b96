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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
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

    /** The longest an answer is served after it was computed (another node's recompute is seen within it). */
    static final Duration TTL = Duration.ofSeconds(10);
    /**
     * From this age on, the first request that finds the answer computes it again on its own thread while every
     * other request is still served the answer it finds (issue 13: when the entry simply expired, every concurrent
     * request of the same question waited for one recompute — plan snapshot, query, JSON, gzip — the p99 tail).
     */
    static final Duration REFRESH_AFTER = Duration.ofSeconds(5);

    /** An answer with the moment it was computed and whether a request is computing its successor. */
    private record Entry(Answer answer, long madeAt, AtomicBoolean refreshing) {
    }

    private final LongSupplier nanos;
    private final Cache<Object, Entry> cache;
    /** Bumped by every clear: a refresh computed before a clear is not stored after it. */
    private final AtomicLong generation = new AtomicLong();

    public AnalyticsCache() {
        this(System::nanoTime);
    }

    /** With the time source of ages and expiry given (tests). */
    AnalyticsCache(LongSupplier nanos) {
        this.nanos = nanos;
        this.cache = Caffeine.newBuilder().maximumSize(5_000).expireAfterWrite(TTL).ticker(nanos::getAsLong).build();
    }

    private Entry entry(Answer answer) {
        return new Entry(answer, nanos.getAsLong(), new AtomicBoolean());
    }

    /**
     * The cached answer for the key, else computes the JSON (exceptions pass through, nothing is cached). An answer
     * older than {@link #REFRESH_AFTER} is computed again by one caller (the others get the one cached); none older
     * than {@link #TTL} is served. The key is any value with {@code equals} and {@code hashCode} (a record of the
     * question and the caller's scope: no string is built per request).
     */
    public Answer get(Object key, Supplier<byte[]> compute) {
        Entry e = cache.get(key, k -> entry(answer(compute.get())));
        if (nanos.getAsLong() - e.madeAt() > REFRESH_AFTER.toNanos() && e.refreshing().compareAndSet(false, true)) {
            long before = generation.get();
            Entry fresh;
            try {
                fresh = entry(answer(compute.get()));
            } catch (RuntimeException failed) {
                e.refreshing().set(false); // the next request tries again; this one gets the answer cached
                return e.answer();
            }
            // only in place of the entry this refresh started from, and never across a clear
            if (generation.get() == before) {
                cache.asMap().replace(key, e, fresh);
            }
            return fresh.answer();
        }
        return e.answer();
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
        clear();
    }

    public void clear() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
