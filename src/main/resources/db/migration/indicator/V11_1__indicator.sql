-- Indicators: data element values (reported, computed, imported), their approval workflow, target
-- overrides per unit and year, reporting deadlines, and the computed results (value, attainment,
-- projection) that dashboards and the analytics API read. Version range 11.x.

CREATE TABLE indicator_value (
    element_code  varchar(64)  NOT NULL,
    unit_id       bigint       NOT NULL REFERENCES platform_unit (id),
    period        varchar(8)   NOT NULL,      -- 2018, 2018S1, 2018Q2, 201805
    period_type   varchar(8)   NOT NULL CHECK (period_type IN ('YEAR', 'HALF', 'QUARTER', 'MONTH')),
    period_start  date         NOT NULL,
    period_end    date         NOT NULL,
    value         numeric(24, 6),
    source        varchar(12)  NOT NULL CHECK (source IN ('REPORTED', 'COMPUTED', 'IMPORTED')),
    -- DRAFT → SUBMITTED → APPROVED (locked) or RETURNED (with a comment) → SUBMITTED …; computed values
    -- come from records and are APPROVED on arrival
    status        varchar(12)  NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED')),
    comment       varchar(1000),
    flag          varchar(300),              -- validation warning, e.g. an outlier against the unit's history
    demo          boolean      NOT NULL DEFAULT false,
    entered_by    bigint,
    entered_at    timestamptz,
    submitted_by  bigint,
    submitted_at  timestamptz,
    reviewed_by   bigint,
    reviewed_at   timestamptz,
    PRIMARY KEY (element_code, unit_id, period)
);
CREATE INDEX indicator_value_time_idx ON indicator_value (period_start, element_code);
CREATE INDEX indicator_value_unit_idx ON indicator_value (unit_id, period_start);
CREATE INDEX indicator_value_status_idx ON indicator_value (status) WHERE status IN ('SUBMITTED', 'RETURNED');

-- A target that differs from the plan's for one unit and/or one year (most specific wins).
CREATE TABLE indicator_target (
    id             bigserial PRIMARY KEY,
    indicator_code varchar(32)   NOT NULL,
    unit_id        bigint REFERENCES platform_unit (id),
    year           int,
    kind           varchar(20)   NOT NULL,
    value          numeric(24, 6),
    reason         varchar(500)  NOT NULL,
    created_by     bigint,
    created_at     timestamptz   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX indicator_target_uq ON indicator_target (indicator_code, coalesce(unit_id, 0), coalesce(year, 0));

-- Reporting deadline per period type: so many working days after the period ends.
CREATE TABLE indicator_deadline (
    period_type  varchar(8) PRIMARY KEY,
    working_days int        NOT NULL CHECK (working_days BETWEEN 0 AND 120)
);
INSERT INTO indicator_deadline VALUES ('MONTH', 10), ('QUARTER', 10), ('HALF', 15), ('YEAR', 20);

-- Computed results per indicator × unit × period, rebuilt by the recompute job (whole years) and
-- incrementally after changes. Read by dashboards and the analytics API.
CREATE TABLE indicator_result (
    indicator_code    varchar(32)  NOT NULL,
    unit_id           bigint       NOT NULL REFERENCES platform_unit (id),
    period            varchar(8)   NOT NULL,
    period_type       varchar(8)   NOT NULL,
    year              int          NOT NULL,
    value             numeric(30, 10),
    numerator         numeric(24, 6),
    denominator       numeric(24, 6),
    comparator        numeric(24, 6),
    target_kind       varchar(20),
    target_value      numeric(24, 6),
    status            varchar(20)  NOT NULL,
    projection        numeric(30, 10),
    projection_method varchar(300),
    approved          boolean      NOT NULL,   -- every contributing value approved or computed
    computed_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator_code, unit_id, period)
);
CREATE INDEX indicator_result_year_idx ON indicator_result (year, indicator_code, unit_id);

-- Seeded roles: officers report and view indicator data in their scope; approval is the city's.
UPDATE platform_role SET permissions = permissions || ARRAY['indicator:value:view', 'indicator:value:enter']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
