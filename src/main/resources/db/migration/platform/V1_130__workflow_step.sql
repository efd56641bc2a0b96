-- The history of every workflow (house pattern "workflows as typed state machines"): one row per step
-- applied through WorkflowSteps, whichever module owns the record.
CREATE TABLE platform_workflow_step (
    id         bigserial PRIMARY KEY,
    workflow   varchar(60)  NOT NULL,
    entity_id  varchar(100) NOT NULL,
    action     varchar(40)  NOT NULL,
    from_state varchar(40)  NOT NULL,
    to_state   varchar(40)  NOT NULL,
    actor_id   bigint,
    at         timestamptz  NOT NULL
);
CREATE INDEX platform_workflow_step_entity_idx ON platform_workflow_step (workflow, entity_id, id);
