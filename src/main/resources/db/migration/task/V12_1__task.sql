-- Tasks (督查督办): one per plan measure, per unit work plan, per recurring duty occurrence, and sub-tasks.
CREATE TABLE task_task (
    id            bigserial PRIMARY KEY,
    source_key    varchar(120) UNIQUE,          -- reference-data key (idempotent generation); null for manual tasks
    plan_id       varchar(64),
    kind          varchar(16)   NOT NULL CHECK (kind IN ('MEASURE', 'WORK_PLAN', 'RECURRING', 'SUB')),
    measure_code  varchar(32),
    group_code    varchar(32),
    parent_id     bigint REFERENCES task_task (id),
    title_zh      varchar(400)  NOT NULL,
    title_en      varchar(400),
    deliverables  varchar(2000),
    unit_id       bigint        NOT NULL REFERENCES platform_unit (id),   -- lead unit (牵头单位)
    co_unit_ids   bigint[]      NOT NULL DEFAULT '{}',                   -- co-operating units (责任单位)
    phase_code    varchar(32),
    start_date    date,
    deadline      date          NOT NULL,
    state         varchar(16)   NOT NULL DEFAULT 'CREATED'
        CHECK (state IN ('CREATED', 'ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'FEEDBACK', 'REVIEW', 'CLOSED')),
    percent       int           NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    requires_document boolean   NOT NULL DEFAULT false,
    closed_on     date,
    created_by    bigint,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX task_task_unit_idx ON task_task (unit_id);
CREATE INDEX task_task_deadline_idx ON task_task (deadline) WHERE state <> 'CLOSED';
CREATE INDEX task_task_co_idx ON task_task USING gin (co_unit_ids);

-- Every workflow step and progress report (the task's history).
CREATE TABLE task_event (
    id          bigserial PRIMARY KEY,
    task_id     bigint       NOT NULL REFERENCES task_task (id),
    action      varchar(20)  NOT NULL,
    from_state  varchar(16),
    to_state    varchar(16),
    percent     int,
    comment     varchar(4000),
    attachment_ids bigint[]  NOT NULL DEFAULT '{}',
    actor_id    bigint,
    actor_name  varchar(100),
    unit_id     bigint,
    at          timestamptz  NOT NULL,
    on_day      date         NOT NULL
);
CREATE INDEX task_event_task_idx ON task_event (task_id, id);

-- Reminders before a deadline and supervision notices (督办单) after it.
CREATE TABLE task_notice (
    id              bigserial PRIMARY KEY,
    task_id         bigint       NOT NULL REFERENCES task_task (id),
    unit_id         bigint       NOT NULL REFERENCES platform_unit (id),
    kind            varchar(12)  NOT NULL CHECK (kind IN ('REMINDER', 'SUPERVISION')),
    level           varchar(8)   CHECK (level IN ('BLUE', 'YELLOW', 'RED')),
    deadline        date         NOT NULL,     -- the task deadline the notice is about
    issued_on       date         NOT NULL,
    late_days       int          NOT NULL DEFAULT 0,
    answer_due      date,
    acknowledged_at timestamptz,
    acknowledged_by bigint,
    answer          varchar(4000),
    answered_at     timestamptz,
    answered_by     bigint,
    notification_id bigint,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX task_notice_uq ON task_notice (task_id, kind, deadline, coalesce(level, ''));
CREATE INDEX task_notice_unit_idx ON task_notice (unit_id, issued_on);

UPDATE platform_role SET permissions = permissions || ARRAY['task:task:view', 'task:task:handle']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
