package org.qualitycity.traceability.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public scan page's answers as sent to anonymous visitors (the HTML page and the resolver's JSON, per request path,
 * language and type), bounded by their bytes. Each answer carries tags naming what it shows: its batch (id, code, EPC
 * class) and the batches whose certificates it lists (its inputs). A change evicts every answer with a tag it names —
 * a stored event (new step, inspection, the recall's holding event) by the identifiers it names, a certificate by its
 * batch (the batch's page and the pages listing it as an input), a recall by the codes it marked — once at once and
 * again after the transaction commits. An answer read while a change was under way is not kept (a generation counter),
 * so a page read before the commit cannot outlive the eviction. Other nodes (and the register's renames) are seen
 * after {@code qc.traceability.scan-cache.ttl} at the latest.
 */
@Component
public class ScanCache implements EpcisService.EventListener {

    /** One answer: the bytes sent, their type and language, the strong ETag of the bytes, and its tags. */
    public record Answer(byte[] body, String contentType, Locale locale, String etag, Set<String> tags) {
    }

    /** The request attribute through which the scan controller names the tags of the answer it renders. */
    public static final String TAGS = ScanCache.class.getName() + ".tags";

    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, Answer> cache;

    ScanCache(@Value("${qc.traceability.scan-cache.max-bytes:8000000}") long maxBytes,
              @Value("${qc.traceability.scan-cache.ttl:PT30S}") Duration ttl) {
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String k, Answer a) -> a.body().length + 2 * k.length() + 200)
                .expireAfterWrite(ttl).build();
    }

    public Answer get(String key) {
        return cache.getIfPresent(key);
    }

    /** The generation to pass to {@link #put}: read it before reading the database. */
    public long generation() {
        return generation.get();
    }

    /** Keeps an answer unless something changed since {@code generationBefore} (the answer may show the old state). */
    public void put(String key, Answer answer, long generationBefore) {
        if (generation.get() == generationBefore) {
            cache.put(key, answer);
            if (generation.get() != generationBefore) { // a change raced the put: it may have missed this answer
                cache.invalidate(key);
            }
        }
    }

    /** The tags of a batch's answer: the batch by id, code and EPC class, and the batches it lists as inputs. */
    static Set<String> tags(long id, String code, String epcClass, Collection<Long> inputs) {
        Set<String> tags = new HashSet<>();
        tags.add("b:" + id);
        tags.add("c:" + code);
        tags.add("e:" + epcClass);
        inputs.forEach(i -> tags.add("b:" + i));
        return Set.copyOf(tags);
    }

    /** Events stored: the answers of every identifier they name. */
    @Override
    public void stored(List<EpcisService.Stored> events, EpcisService.Owner owner) {
        Set<String> tags = new HashSet<>();
        for (EpcisService.Stored e : events) {
            for (String key : e.epcs().keySet()) {
                tags.add("e:" + key.substring(key.indexOf('|') + 1));
            }
        }
        changed(tags);
    }

    void batchChanged(long batchId) {
        changed(Set.of("b:" + batchId));
    }

    void batchesChanged(Collection<String> codes) {
        Set<String> tags = new HashSet<>();
        codes.forEach(c -> tags.add("c:" + c));
        changed(tags);
    }

    /** Evicts the answers with any of the tags now, and again after the current transaction (if any) commits. */
    void changed(Set<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        evict(tags);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(tags);
                }
            });
        }
    }

    private void evict(Set<String> tags) {
        generation.incrementAndGet();
        cache.asMap().values().removeIf(a -> !Collections.disjoint(a.tags(), tags));
    }
}
