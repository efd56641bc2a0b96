-- Scheduled work runs once per cluster (DESIGN §18). A run takes a transaction-scoped advisory lock
-- keyed by the job's name (pg_try_advisory_xact_lock(hashtext('jobs_scheduled_run'), hashtext(job)));
-- the node that holds it records its run here, in the same transaction, so that operators can see which
-- node ran each scheduled job last and when.
CREATE TABLE jobs_scheduled_run (
    job         varchar(60)  PRIMARY KEY,
    node        varchar(100) NOT NULL,
    started_at  timestamptz  NOT NULL,
    finished_at timestamptz  NOT NULL,
    runs        bigint       NOT NULL DEFAULT 1
);
