-- Phase checklists: the self-check (城市自查) and pre-acceptance (预验收) criteria, seeded from the plan's indicators
-- and measures, with a finding per criterion and rectification tasks created from findings.
ALTER TABLE task_task DROP CONSTRAINT task_task_kind_check;
ALTER TABLE task_task ADD CONSTRAINT task_task_kind_check
    CHECK (kind IN ('MEASURE', 'WORK_PLAN', 'RECURRING', 'SUB', 'RECTIFICATION'));

CREATE TABLE task_check_item (
    id          bigserial PRIMARY KEY,
    source_key  varchar(120) NOT NULL UNIQUE,
    plan_id     varchar(64)  NOT NULL,
    phase_code  varchar(32)  NOT NULL,
    source      varchar(12)  NOT NULL CHECK (source IN ('INDICATOR', 'MEASURE')),
    ref_code    varchar(32)  NOT NULL,
    title_zh    varchar(400) NOT NULL,
    title_en    varchar(400),
    unit_id     bigint       NOT NULL REFERENCES platform_unit (id),
    sort_order  int          NOT NULL,
    finding     varchar(12)  CHECK (finding IN ('MET', 'PARTLY', 'NOT_MET')),
    evidence    varchar(4000),
    checked_by  bigint,
    checked_at  timestamptz,
    task_id     bigint REFERENCES task_task (id)
);
CREATE INDEX task_check_item_phase_idx ON task_check_item (phase_code, sort_order);
