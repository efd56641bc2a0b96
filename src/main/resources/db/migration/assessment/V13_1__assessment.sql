-- Scoring schemes per year and target group (AREA = districts and the zone, DEPARTMENT = member departments),
-- versioned: an edit writes a new version; the newest version is the one used.
CREATE TABLE assessment_scheme (
    id          bigserial PRIMARY KEY,
    year        int          NOT NULL,
    target      varchar(12)  NOT NULL CHECK (target IN ('AREA', 'DEPARTMENT')),
    version     int          NOT NULL,
    note        varchar(500),
    created_by  bigint,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (year, target, version)
);
CREATE TABLE assessment_scheme_item (
    scheme_id   bigint        NOT NULL REFERENCES assessment_scheme (id),
    code        varchar(32)   NOT NULL,
    category_zh varchar(100)  NOT NULL,
    category_en varchar(100)  NOT NULL,
    name_zh     varchar(200)  NOT NULL,
    name_en     varchar(200)  NOT NULL,
    kind        varchar(16)   NOT NULL CHECK (kind IN ('INDICATOR', 'TASK', 'REPORTING', 'BONUS', 'DEDUCTION')),
    max_points  numeric(8, 2) NOT NULL CHECK (max_points >= 0),
    per_item    numeric(8, 2),               -- points per occurrence (deductions)
    sort_order  int           NOT NULL,
    PRIMARY KEY (scheme_id, code)
);

-- Bonus items (awards, national pilots) and deductions (quality accidents) recorded by the city with evidence.
CREATE TABLE assessment_entry (
    id          bigserial PRIMARY KEY,
    year        int           NOT NULL,
    unit_id     bigint        NOT NULL REFERENCES platform_unit (id),
    kind        varchar(16)   NOT NULL CHECK (kind IN ('BONUS', 'DEDUCTION')),
    points      numeric(8, 2) NOT NULL CHECK (points > 0),
    reason      varchar(1000) NOT NULL,
    created_by  bigint,
    created_at  timestamptz   NOT NULL DEFAULT now()
);

-- One assessment per year; re-running replaces the scores until it is published (then locked).
CREATE TABLE assessment_run (
    year               int PRIMARY KEY,
    state              varchar(12)  NOT NULL CHECK (state IN ('DRAFT', 'PUBLISHED')),
    area_scheme_id     bigint REFERENCES assessment_scheme (id),
    dept_scheme_id     bigint REFERENCES assessment_scheme (id),
    computed_at        timestamptz,
    computed_on        date,
    objection_until    date,
    published_at       timestamptz,
    published_by       bigint
);
CREATE TABLE assessment_score (
    id         bigserial PRIMARY KEY,
    year       int           NOT NULL REFERENCES assessment_run (year),
    unit_id    bigint        NOT NULL REFERENCES platform_unit (id),
    target     varchar(12)   NOT NULL,
    total      numeric(9, 2) NOT NULL,
    rank       int           NOT NULL,
    UNIQUE (year, unit_id)
);
CREATE TABLE assessment_line (
    score_id   bigint        NOT NULL REFERENCES assessment_score (id) ON DELETE CASCADE,
    line_no    int           NOT NULL,
    code       varchar(32)   NOT NULL,
    category   varchar(100)  NOT NULL,
    label      varchar(300)  NOT NULL,
    max_points numeric(8, 2),
    points     numeric(9, 2) NOT NULL,
    detail     varchar(2000),
    PRIMARY KEY (score_id, line_no)
);
CREATE TABLE assessment_objection (
    id          bigserial PRIMARY KEY,
    year        int           NOT NULL REFERENCES assessment_run (year),
    unit_id     bigint        NOT NULL REFERENCES platform_unit (id),
    text        varchar(4000) NOT NULL,
    created_by  bigint,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    reply       varchar(4000),
    replied_at  timestamptz
);
-- Adjustments by the city administrator with a recorded reason; kept across re-runs until publication.
CREATE TABLE assessment_adjustment (
    id          bigserial PRIMARY KEY,
    year        int           NOT NULL REFERENCES assessment_run (year),
    unit_id     bigint        NOT NULL REFERENCES platform_unit (id),
    points      numeric(8, 2) NOT NULL,
    reason      varchar(1000) NOT NULL,
    created_by  bigint,
    created_at  timestamptz   NOT NULL DEFAULT now()
);

UPDATE platform_role SET permissions = permissions || ARRAY['assessment:result:view', 'assessment:result:object']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
