-- Plan module: a plan as data (docs/plan-format.md). Version range 10.x belongs to the plan module.
--
-- The plan file is the source of truth: plan_plan keeps it as uploaded (source_text, so that an export
-- is byte for byte what was imported, comments included) and parsed (document, jsonb). The other
-- tables are a projection of the document, rebuilt from it on every import or edit, for other modules
-- to query with SQL. Codes (indicator, element, measure, phase, milestone) are the stable identifiers
-- other modules refer to; they are unique within a plan.

CREATE TABLE plan_plan (
    id              varchar(64)  PRIMARY KEY,
    code            varchar(64)  NOT NULL,
    document_number varchar(200),
    title_zh        varchar(500) NOT NULL,
    title_en        varchar(500),
    issue_date      date,
    start_date      date         NOT NULL,
    end_date        date         NOT NULL,
    owner_unit      varchar(32),
    region_code     varchar(32),
    -- 1 at import, +1 for every replacement and every edit
    version         int          NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- the plan the city works to; exactly one plan is current (the application switches it in one
    -- transaction, the partial unique index forbids a second)
    current         boolean      NOT NULL DEFAULT false,
    document        jsonb        NOT NULL,
    -- the YAML file: as uploaded, or generated from the document when it was uploaded as JSON
    source_text     text         NOT NULL,
    source_format   varchar(8)   NOT NULL CHECK (source_format IN ('YAML', 'JSON')),
    source_sha256   char(64)     NOT NULL,
    imported_at     timestamptz  NOT NULL DEFAULT now(),
    imported_by     varchar(64),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    updated_by      varchar(64),
    CHECK (end_date >= start_date)
);
CREATE UNIQUE INDEX plan_plan_one_current ON plan_plan (current) WHERE current;

-- 二、总体目标 (area OVERALL) and 三、具体目标, one per quality area
CREATE TABLE plan_goal (
    plan_id         varchar(64)  NOT NULL REFERENCES plan_plan (id) ON DELETE CASCADE,
    area            varchar(16)  NOT NULL,
    position        int          NOT NULL,
    ref             varchar(40),
    name_zh         varchar(200),
    name_en         varchar(200),
    column_number   int,
    column_title_zh varchar(200),
    target_date     date,
    text_zh         text,
    PRIMARY KEY (plan_id, area)
);

CREATE TABLE plan_indicator_group (
    plan_id           varchar(64)  NOT NULL REFERENCES plan_plan (id) ON DELETE CASCADE,
    code              varchar(32)  NOT NULL,
    position          int          NOT NULL,
    area              varchar(16)  NOT NULL,
    name_zh           varchar(500) NOT NULL,
    name_en           varchar(500),
    name_zh_from_plan boolean      NOT NULL DEFAULT false,
    plan_refs         jsonb        NOT NULL DEFAULT '[]',
    note              text,
    PRIMARY KEY (plan_id, code)
);

CREATE TABLE plan_indicator (
    plan_id                  varchar(64)   NOT NULL REFERENCES plan_plan (id) ON DELETE CASCADE,
    code                     varchar(32)   NOT NULL,
    position                 int           NOT NULL,
    category                 varchar(20)   NOT NULL CHECK (category IN ('PLAN_INDICATOR', 'COUNT_TARGET')),
    area                     varchar(16)   NOT NULL,
    group_code               varchar(32),
    name_zh                  varchar(500)  NOT NULL,
    short_name_zh            varchar(200),
    name_zh_from_plan        boolean       NOT NULL DEFAULT false,
    name_en                  varchar(500)  NOT NULL,
    unit                     varchar(16)   NOT NULL,
    unit_zh                  varchar(40),
    decimals                 int           NOT NULL CHECK (decimals BETWEEN 0 AND 4),
    period_type              varchar(8)    NOT NULL CHECK (period_type IN ('YEAR', 'HALF', 'QUARTER', 'MONTH')),
    source_type              varchar(16)   NOT NULL CHECK (source_type IN ('REPORTED', 'COMPUTED', 'IMPORTED', 'ASSESSED')),
    source_module            varchar(40),
    source_selector          text,
    source_from              text,
    reported_by              varchar(32),
    factor                   numeric       NOT NULL,
    aggregation              varchar(16)   NOT NULL,
    target_kind              varchar(20)   NOT NULL,
    target_value             numeric,
    target_comparator        varchar(64),
    target_by                date,
    target_per_every         int,
    target_per_unit          varchar(8),
    target_basis             varchar(20),
    target_base_year         int,
    target_among             varchar(200),
    target_each_of_breakdown boolean       NOT NULL DEFAULT false,
    target_scale             varchar(40),
    target_attained_at       varchar(40),
    target_criteria_zh       text[]        NOT NULL DEFAULT '{}',
    target_evidence_required boolean       NOT NULL DEFAULT false,
    target_provenance        varchar(16),
    target_text_zh           text,
    target_note              text,
    breakdown_dimension      varchar(40),
    breakdown_values_zh      text[],
    breakdown_open_list      boolean       NOT NULL DEFAULT false,
    plan_refs                jsonb         NOT NULL DEFAULT '[]',
    PRIMARY KEY (plan_id, code)
);

-- Data elements by role. An element code may serve several indicators (W2b and W2c share CMP_HANDLED)
-- with one definition; source columns are filled in from the indicator where the file gives none
-- (own_source tells which).
CREATE TABLE plan_element (
    plan_id        varchar(64)  NOT NULL,
    indicator_code varchar(32)  NOT NULL,
    role           varchar(16)  NOT NULL CHECK (role IN ('numerator', 'denominator', 'value', 'comparator', 'supporting')),
    position       int          NOT NULL,
    code           varchar(64)  NOT NULL,
    name_zh        varchar(500) NOT NULL,
    name_en        varchar(500) NOT NULL,
    unit_zh        varchar(40),
    source_type    varchar(16)  NOT NULL,
    source_module  varchar(40),
    reported_by    varchar(32),
    scope          varchar(16),
    own_source     boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (plan_id, indicator_code, role, position),
    FOREIGN KEY (plan_id, indicator_code) REFERENCES plan_indicator (plan_id, code) ON DELETE CASCADE
);
CREATE INDEX plan_element_code_idx ON plan_element (plan_id, code);

CREATE TABLE plan_measure_group (
    plan_id  varchar(64)  NOT NULL REFERENCES plan_plan (id) ON DELETE CASCADE,
    code     varchar(32)  NOT NULL,
    number   int          NOT NULL,
    ref      varchar(40),
    title_zh varchar(500) NOT NULL,
    title_en varchar(500),
    PRIMARY KEY (plan_id, code)
);

CREATE TABLE plan_measure (
    plan_id            varchar(64)  NOT NULL,
    code               varchar(32)  NOT NULL,
    group_code         varchar(32)  NOT NULL,
    number             int          NOT NULL,
    position           int          NOT NULL,
    ref                varchar(40),
    title_zh           varchar(500) NOT NULL,
    title_en           varchar(500),
    text_zh            text         NOT NULL,
    lead_unit          varchar(32)  NOT NULL,
    co_units           text[]       NOT NULL DEFAULT '{}',
    assignment         varchar(16),
    involves_districts boolean      NOT NULL DEFAULT false,
    phase              varchar(40)  NOT NULL,
    milestones         text[]       NOT NULL DEFAULT '{}',
    indicators         text[]       NOT NULL DEFAULT '{}',
    -- [{textZh, dutyEn, every, unit, provenance, indicator}]
    recurring          jsonb        NOT NULL DEFAULT '[]',
    note               text,
    PRIMARY KEY (plan_id, code),
    FOREIGN KEY (plan_id, group_code) REFERENCES plan_measure_group (plan_id, code) ON DELETE CASCADE
);
CREATE INDEX plan_measure_lead_idx ON plan_measure (lead_unit);

CREATE TABLE plan_phase (
    plan_id    varchar(64)  NOT NULL REFERENCES plan_plan (id) ON DELETE CASCADE,
    code       varchar(40)  NOT NULL,
    number     int          NOT NULL,
    ref        varchar(40),
    name_zh    varchar(200) NOT NULL,
    name_en    varchar(200),
    start_date date         NOT NULL,
    end_date   date         NOT NULL,
    period_zh  varchar(100),
    text_zh    text,
    PRIMARY KEY (plan_id, code),
    CHECK (end_date >= start_date)
);

CREATE TABLE plan_milestone (
    plan_id    varchar(64)  NOT NULL REFERENCES plan_plan (id) ON DELETE CASCADE,
    code       varchar(40)  NOT NULL,
    position   int          NOT NULL,
    ref        varchar(40),
    date       date         NOT NULL,
    name_zh    varchar(200) NOT NULL,
    name_en    varchar(200),
    -- 'ALL_UNITS' or the unit codes, comma-separated
    applies_to text         NOT NULL,
    submit_to  varchar(32),
    text_zh    text,
    PRIMARY KEY (plan_id, code)
);

-- Reading the plan is for every signed-in officer; CITY_ADMIN holds '*' and AUDITOR '*:*:view' already.
UPDATE platform_role SET permissions = array_append(permissions, 'plan:plan:view')
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER') AND NOT ('plan:plan:view' = ANY (permissions));
