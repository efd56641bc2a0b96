package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.ScheduledRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ScheduledRuns} with a transaction-scoped advisory lock per job name: the two-key form
 * {@code (hashtext('jobs_scheduled_run'), hashtext(job))}, so that the keys live in a name space of
 * their own and never meet the application's other advisory locks. The lock is released when the
 * run's transaction commits or rolls back, also when the node dies (its session ends).
 */
@Service
class ScheduledRunLock implements ScheduledRuns {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRunLock.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JobWorker worker;

    ScheduledRunLock(JdbcClient jdbc, PlatformTransactionManager txManager, JobWorker worker) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.worker = worker;
    }

    @Override
    public <T> Optional<T> runIfFree(String job, Supplier<T> work) {
        check(job);
        return tx.execute(s -> {
            Boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('jobs_scheduled_run'), hashtext(:job))")
                    .param("job", job).query(Boolean.class).single();
            if (!Boolean.TRUE.equals(mine)) {
                log.info("Scheduled job {} skipped here: another node is running it", job);
                return Optional.empty();
            }
            return Optional.ofNullable(run(job, work));
        });
    }

    @Override
    public <T> T runExclusively(String job, Supplier<T> work) {
        check(job);
        return tx.execute(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('jobs_scheduled_run'), hashtext(:job))")
                    .param("job", job).query((rs, n) -> 1).list();
            return run(job, work);
        });
    }

    private <T> T run(String job, Supplier<T> work) {
        T result = work.get();
        jdbc.sql("""
                        INSERT INTO jobs_scheduled_run (job, node, started_at, finished_at)
                        VALUES (:job, :node, now(), clock_timestamp())
                        ON CONFLICT (job) DO UPDATE SET node = EXCLUDED.node, started_at = EXCLUDED.started_at,
                            finished_at = EXCLUDED.finished_at, runs = jobs_scheduled_run.runs + 1
                        """)
                .param("job", job).param("node", worker.node()).update();
        return result;
    }

    private static void check(String job) {
        if (job == null || job.isBlank() || job.length() > 60) {
            throw new IllegalArgumentException("a scheduled job needs a name of 1 to 60 characters: " + job);
        }
    }
}
