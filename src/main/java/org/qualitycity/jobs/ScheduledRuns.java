package org.qualitycity.jobs;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scheduled work that runs once per cluster (DESIGN §18): whichever node's timer fires, one node at a
 * time does the work. The owner of a run holds a transaction-scoped PostgreSQL advisory lock keyed by
 * the job's name for the whole run, and the work runs inside that transaction, so its effects are
 * committed before another node can take the lock; the work itself must be idempotent (a second run
 * right after the first finds nothing left to do), because timers on several nodes fire at slightly
 * different moments. Each run is recorded in {@code jobs_scheduled_run} (node, start, end).
 */
public interface ScheduledRuns {

    /**
     * For timers: runs {@code work} in a transaction (the caller's, if one is active) if no other node
     * runs {@code job} at this moment; otherwise skips at once.
     *
     * @param job a stable name, at most 60 characters, e.g. "complaint.deadline-sweep"
     * @return the work's result, or empty when another node was running the job
     */
    <T> Optional<T> runIfFree(String job, Supplier<T> work);

    /**
     * For runs on demand: waits until no other node runs {@code job}, then runs {@code work} in a
     * transaction (the caller's, if one is active).
     */
    <T> T runExclusively(String job, Supplier<T> work);
}
