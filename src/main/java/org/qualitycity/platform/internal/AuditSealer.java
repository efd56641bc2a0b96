package org.qualitycity.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Seals audit entries: gives unsealed entries their chain position ({@code seq}), {@code prev_hash}
 * and {@code hash} in batches, in the database function {@code platform_audit_seal}. Writers only
 * append and nudge this thread after commit; it waits a few milliseconds to gather a batch, then seals
 * under the chain's advisory lock, so there is one sealer at a time in the cluster (another node that
 * holds the lock seals for everyone). It also polls, for entries written on other nodes.
 */
@Component
@EnableConfigurationProperties(AuditProperties.class)
class AuditSealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate newTx;
    private final AuditProperties props;
    private final Semaphore nudges = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    AuditSealer(JdbcClient jdbc, PlatformTransactionManager txManager, AuditProperties props) {
        this.jdbc = jdbc;
        this.props = props;
        this.newTx = new TransactionTemplate(txManager);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A writer committed an entry: seal soon. */
    void nudge() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    /**
     * One batch, if no other sealer holds the lock.
     *
     * @param wait wait for the lock (verification) instead of leaving the work to its holder
     * @return entries sealed, or -1 when another sealer holds the lock
     */
    int sealBatch(boolean wait) {
        Integer n = newTx.execute(s -> {
            if (wait) {
                jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", JdbcAuditLog.CHAIN_LOCK)
                        .query(Object.class).single();
            } else if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", JdbcAuditLog.CHAIN_LOCK)
                    .query(Boolean.class).single()) {
                return -1;
            }
            return jdbc.sql("SELECT platform_audit_seal(:n)").param("n", props.sealBatch()).query(Integer.class).single();
        });
        return n == null ? 0 : n;
    }

    /** Seals everything committed so far (waits for another sealer); returns how many entries it sealed. */
    long sealAll() {
        long total = 0;
        int n;
        while ((n = sealBatch(true)) > 0) {
            total += n;
        }
        return total;
    }

    private void loop() {
        long pollMs = props.sealPoll().toMillis();
        long delayMs = props.sealDelay().toMillis();
        while (running) {
            try {
                if (nudges.tryAcquire(pollMs, TimeUnit.MILLISECONDS) && delayMs > 0) {
                    Thread.sleep(delayMs); // gather a batch
                }
                nudges.drainPermits();
                int n;
                do {
                    n = sealBatch(false);
                } while (running && n >= props.sealBatch());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Sealing audit entries failed; retrying: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "audit-sealer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sealBatch(false);
        } catch (RuntimeException e) {
            // what is still unsealed is sealed by the next sealer (this node after restart, or another node)
            log.debug("Last seal on shutdown skipped: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // started before and stopped after the web server (whose phases are near Integer.MAX_VALUE)
        return 0;
    }
}
