-- Background jobs with progress (version range 4.x belongs to the jobs module). The table is the
-- queue: workers on any node claim a QUEUED row with SELECT … FOR UPDATE SKIP LOCKED, write progress
-- and a heartbeat while running, and a RUNNING row whose heartbeat stopped (its node died) is failed.
CREATE TABLE jobs_job (
    id               bigserial PRIMARY KEY,
    kind             varchar(60)  NOT NULL,
    params           jsonb        NOT NULL DEFAULT '{}',
    status           varchar(12)  NOT NULL DEFAULT 'QUEUED'
                         CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    percent          smallint     NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    message          varchar(500),
    result           jsonb,
    error            varchar(2000),           -- for people; stack traces go to the log only
    created_by       bigint REFERENCES platform_user (id),  -- null: submitted by the system
    unit_id          bigint REFERENCES platform_unit (id),  -- the creator's unit, for view-all scope
    node             varchar(100),            -- the node running it
    cancel_requested boolean      NOT NULL DEFAULT false,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz
);
CREATE INDEX jobs_job_queue_idx ON jobs_job (kind, id) WHERE status = 'QUEUED';
CREATE INDEX jobs_job_running_idx ON jobs_job (heartbeat_at) WHERE status = 'RUNNING';
CREATE INDEX jobs_job_creator_idx ON jobs_job (created_by, id DESC);
CREATE INDEX jobs_job_unit_idx ON jobs_job (unit_id);
