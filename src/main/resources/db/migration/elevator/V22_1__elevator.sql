-- Elevators (issue 16): the registry is the monitoring module's devices of profile ELEVATOR; this module keeps the
-- latest status of each car (for trapped-passenger detection, surviving restarts), the 96333 rescue orders with
-- their timers, and the examinations and maintenance visits done.
CREATE TABLE elevator_status (
    device_id     bigint PRIMARY KEY,
    unit_id       bigint      NOT NULL REFERENCES platform_unit (id),
    door_zone     boolean,
    door_closed   boolean,
    passenger     boolean,
    moving        boolean,
    fault_code    varchar(16),
    status_at     timestamptz,
    -- since when the car stands outside the door zone with doors closed and a passenger inside (null: not so)
    trapped_since timestamptz
);

CREATE TABLE elevator_rescue_order (
    id                    bigserial PRIMARY KEY,
    device_id             bigint       NOT NULL,
    unit_id               bigint       NOT NULL REFERENCES platform_unit (id),
    state                 varchar(16)  NOT NULL CHECK (state IN ('OPEN', 'RESPONDED', 'ARRIVED', 'RELEASED', 'CLOSED',
                                                                 'CANCELLED')),
    trapped_since         timestamptz  NOT NULL,
    opened_at             timestamptz  NOT NULL,
    response_due          timestamptz  NOT NULL,
    arrival_due           timestamptz  NOT NULL,
    responded_at          timestamptz,
    arrived_at            timestamptz,
    released_at           timestamptz,
    closed_at             timestamptz,
    response_escalated_at timestamptz,
    arrival_escalated_at  timestamptz,
    note                  varchar(500),
    demo                  boolean      NOT NULL DEFAULT false
);
-- at most one running order per elevator: a second trapped signal joins the running one
CREATE UNIQUE INDEX elevator_rescue_running_idx ON elevator_rescue_order (device_id)
    WHERE state IN ('OPEN', 'RESPONDED', 'ARRIVED');
CREATE INDEX elevator_rescue_unit_idx ON elevator_rescue_order (unit_id, opened_at DESC);

CREATE TABLE elevator_examination (
    id          bigserial PRIMARY KEY,
    device_id   bigint      NOT NULL,
    year_of_use int         NOT NULL CHECK (year_of_use >= 1),
    kind        varchar(12) NOT NULL CHECK (kind IN ('INSPECTION', 'SELF_CHECK')),
    done_on     date        NOT NULL,
    passed      boolean     NOT NULL,
    demo        boolean     NOT NULL DEFAULT false,
    UNIQUE (device_id, year_of_use)
);

CREATE TABLE elevator_maintenance (
    id        bigserial PRIMARY KEY,
    device_id bigint  NOT NULL,
    done_on   date    NOT NULL,
    demo      boolean NOT NULL DEFAULT false,
    UNIQUE (device_id, done_on)
);

UPDATE platform_role SET permissions = permissions || ARRAY['elevator:elevator:view', 'elevator:rescue:handle',
    'elevator:elevator:record']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
