package org.qualitycity.plan.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.qualitycity.plan.PlanChanged;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;

/**
 * The plan module's caches, through Spring's cache abstraction (Caffeine under Boot's cache manager):
 * {@value #SNAPSHOTS} holds a {@link PlanSnapshot} per plan id, {@value #CURRENT} the current plan's id,
 * {@value #SOURCE_TEXTS} the plans' full texts on the classpath.
 *
 * <p>When they are emptied: after every transaction that changes plans ends (import, replacement, switch,
 * measure edit; committed or not), and when a {@link PlanChanged} is heard after its commit, before the
 * asynchronous listeners of other modules run. A transaction that changes plans reads past the caches
 * (it sees rows not yet committed). A change made through another node arrives at the latest
 * {@link #MAX_STALENESS} after an entry was built, when it expires.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class PlanCache {

    static final String SNAPSHOTS = "plan.snapshots";
    static final String CURRENT = "plan.current";
    static final String SOURCE_TEXTS = "plan.source-texts";

    static final Duration MAX_STALENESS = Duration.ofMinutes(1);

    /** Transaction resource key of {@link #writing}. */
    private static final Object WRITING = new Object();

    /** Expiry and bounds of the plan caches, when the application's cache manager is Caffeine's. */
    @Bean
    CacheManagerCustomizer<CaffeineCacheManager> planCaches() {
        return manager -> {
            manager.registerCustomCache(SNAPSHOTS, Caffeine.newBuilder().expireAfterWrite(MAX_STALENESS)
                    .maximumSize(64).build());
            manager.registerCustomCache(CURRENT, Caffeine.newBuilder().expireAfterWrite(MAX_STALENESS)
                    .maximumSize(1).build());
            manager.registerCustomCache(SOURCE_TEXTS, Caffeine.newBuilder().maximumSize(16).build());
        };
    }

    @Bean
    PlanCacheEviction planCacheEviction(CacheManager caches) {
        return new PlanCacheEviction(caches);
    }

    /** Whether this transaction changes plans: then its reads bypass the caches. */
    static boolean bypass() {
        return TransactionSynchronizationManager.hasResource(WRITING);
    }

    /** Empties the plan caches; the eviction on {@link PlanChanged}. */
    static class PlanCacheEviction {

        private final CacheManager caches;

        PlanCacheEviction(CacheManager caches) {
            this.caches = caches;
        }

        /**
         * Marks the transaction as one that changes plans: its own reads bypass the caches, and the caches
         * are emptied when it ends, committed or not. Without a transaction, empties them now.
         */
        void writing() {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                evictAll();
                return;
            }
            if (TransactionSynchronizationManager.hasResource(WRITING)) {
                return;
            }
            TransactionSynchronizationManager.bindResource(WRITING, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evictAll();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WRITING);
                    evictAll();
                }
            });
        }

        /** Empties the snapshot and current-plan caches now. */
        void evictAll() {
            for (String name : new String[]{SNAPSHOTS, CURRENT}) {
                Cache cache = caches.getCache(name);
                if (cache != null) {
                    cache.clear();
                }
            }
        }

        /** A plan changed (here or in a transaction of another module): its copies go once it is committed. */
        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
        @Order(Ordered.HIGHEST_PRECEDENCE)
        @CacheEvict(cacheNames = {SNAPSHOTS, CURRENT}, allEntries = true)
        public void on(PlanChanged event) {
            // the annotation empties the caches
        }
    }
}
