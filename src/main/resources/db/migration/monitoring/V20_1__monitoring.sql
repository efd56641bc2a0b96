-- Monitoring (issue 16): devices, telemetry partitioned by month, hourly and daily roll-ups, alarm rules,
-- their persisted state and the alarms themselves.
CREATE TABLE monitoring_device (
    id               bigserial PRIMARY KEY,
    profile          varchar(30)  NOT NULL CHECK (profile IN ('AIR_STATION', 'WATER_SECTION', 'DRINKING_WATER_SOURCE',
                                                              'ENERGY_METER', 'ELEVATOR')),
    code             varchar(64)  NOT NULL UNIQUE,
    name             varchar(200) NOT NULL,
    unit_id          bigint       NOT NULL REFERENCES platform_unit (id),
    credential_hash  varchar(200) NOT NULL,
    attributes       jsonb        NOT NULL DEFAULT '{}',
    demo             boolean      NOT NULL DEFAULT false,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    -- the newest measurement time and when the newest batch arrived (the "no data" rule reads the latter)
    last_point_at    timestamptz,
    last_received_at timestamptz
);
CREATE INDEX monitoring_device_profile_idx ON monitoring_device (profile);
CREATE INDEX monitoring_device_unit_idx ON monitoring_device (unit_id);

-- Raw points: one row per (device, metric, time); the primary key makes every ingestion path idempotent.
-- Partitioned by month (monitoring_point_yYYYYmMM); partitions are created ahead by a job and on demand by the
-- writer (monitoring_ensure_partition), and dropped past the retention (monitoring_drop_partitions_before).
CREATE TABLE monitoring_point (
    device_id bigint           NOT NULL,
    metric    varchar(40)      NOT NULL,
    time      timestamptz      NOT NULL,
    value     double precision NOT NULL,
    flag      varchar(4)       NOT NULL DEFAULT 'N',
    PRIMARY KEY (device_id, metric, time)
) PARTITION BY RANGE (time);

CREATE FUNCTION monitoring_ensure_partition(p_month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    m    date := date_trunc('month', p_month)::date;
    name text := format('monitoring_point_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('monitoring_point_partition'));
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    -- bounds at midnight UTC of the month's first day
    EXECUTE format('CREATE TABLE %I PARTITION OF monitoring_point FOR VALUES FROM (%L) TO (%L)', name,
                   (m::timestamp AT TIME ZONE 'UTC'), ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
    RETURN true;
EXCEPTION
    -- another writer created it meanwhile: the re-check above can miss a table committed while this statement
    -- waited for the lock (the statement's catalog snapshot is older)
    WHEN duplicate_table OR unique_violation THEN
        RETURN false;
END $$;

-- Drops every partition whose whole month lies before p_before; answers the names dropped.
CREATE FUNCTION monitoring_drop_partitions_before(p_before date) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'monitoring_point'::regclass AND c.relname ~ '^monitoring_point_y\d{4}m\d{2}$'
             ORDER BY c.relname LOOP
        IF (to_date(substr(r.relname, 19, 4) || substr(r.relname, 24, 2), 'YYYYMM') + interval '1 month')::date
               <= p_before THEN
            EXECUTE format('DROP TABLE %I', r.relname);
            RETURN NEXT r.relname;
        END IF;
    END LOOP;
END $$;

-- Roll-ups over "N" values only; sums so that batches add up, avg = sum / count.
CREATE TABLE monitoring_rollup_hour (
    device_id bigint           NOT NULL,
    metric    varchar(40)      NOT NULL,
    bucket    timestamptz      NOT NULL,
    sum       double precision NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    count     bigint           NOT NULL,
    PRIMARY KEY (device_id, metric, bucket)
);
CREATE TABLE monitoring_rollup_day (
    device_id bigint           NOT NULL,
    metric    varchar(40)      NOT NULL,
    bucket    timestamptz      NOT NULL,
    sum       double precision NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    count     bigint           NOT NULL,
    PRIMARY KEY (device_id, metric, bucket)
);

-- Alarm rules per profile. kind: SIMPLE (raise on a value past the threshold), DURATION (past it for
-- duration_seconds), REPEATING (repeat_count values past it within window_seconds), NO_DATA (nothing received for
-- duration_seconds). The threshold is a number or the name of a device attribute; the clear condition likewise
-- (none: the alarm clears when the raise condition no longer holds).
CREATE TABLE monitoring_alarm_rule (
    id                        bigserial PRIMARY KEY,
    profile                   varchar(30)  NOT NULL,
    code                      varchar(60)  NOT NULL,
    severity                  varchar(10)  NOT NULL CHECK (severity IN ('CRITICAL', 'MAJOR', 'MINOR', 'WARNING')),
    kind                      varchar(10)  NOT NULL CHECK (kind IN ('SIMPLE', 'DURATION', 'REPEATING', 'NO_DATA')),
    metric                    varchar(40),
    operator                  varchar(2)   CHECK (operator IN ('>', '>=', '<', '<=')),
    threshold                 double precision,
    threshold_attribute       varchar(60),
    duration_seconds          int,
    repeat_count              int,
    window_seconds            int,
    clear_operator            varchar(2)   CHECK (clear_operator IN ('>', '>=', '<', '<=')),
    clear_threshold           double precision,
    clear_threshold_attribute varchar(60),
    enabled                   boolean      NOT NULL DEFAULT true,
    demo                      boolean      NOT NULL DEFAULT false,
    UNIQUE (profile, code)
);

-- A rule's state per device, written when it changes, so that evaluation resumes after a restart.
CREATE TABLE monitoring_rule_state (
    device_id bigint      NOT NULL REFERENCES monitoring_device (id),
    rule_id   bigint      NOT NULL REFERENCES monitoring_alarm_rule (id) ON DELETE CASCADE,
    since     timestamptz,
    hits      bigint[]    NOT NULL DEFAULT '{}',
    PRIMARY KEY (device_id, rule_id)
);

CREATE TABLE monitoring_alarm (
    id              bigserial PRIMARY KEY,
    device_id       bigint           NOT NULL REFERENCES monitoring_device (id),
    rule_id         bigint           NOT NULL REFERENCES monitoring_alarm_rule (id),
    unit_id         bigint           NOT NULL REFERENCES platform_unit (id),
    severity        varchar(10)      NOT NULL,
    state           varchar(14)      NOT NULL CHECK (state IN ('RAISED', 'ACKNOWLEDGED', 'CLEARED')),
    raised_at       timestamptz      NOT NULL,
    value           double precision,
    acknowledged_at timestamptz,
    acknowledged_by bigint,
    cleared_at      timestamptz
);
-- at most one open alarm per device and rule
CREATE UNIQUE INDEX monitoring_alarm_open_idx ON monitoring_alarm (device_id, rule_id) WHERE state <> 'CLEARED';
CREATE INDEX monitoring_alarm_unit_idx ON monitoring_alarm (unit_id, state);
