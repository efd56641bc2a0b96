-- Engineering quality (工程质量): construction projects of the housing and construction bureau (住建局) and the
-- district 住建 units, their participants from the enterprise register, quality supervision (inspections,
-- rectification notices 整改通知单, stop-work orders), completion acceptance (竣工验收) and its filing (备案),
-- quality accidents and awards (鲁班奖, 楚天杯). E1–E6 are computed from these records.

-- Size classes by investment (10 000 yuan, 万元) or floor area (m²): a project is of the largest class whose
-- threshold either figure reaches; below MEDIUM it is SMALL. Editable data, not code (docs/engineering.md).
CREATE TABLE engineering_size_threshold (
    size_class     varchar(10)   PRIMARY KEY CHECK (size_class IN ('LARGE', 'MEDIUM')),
    min_investment numeric(14, 2) NOT NULL,
    min_floor_area numeric(14, 2) NOT NULL,
    note           varchar(300)
);
INSERT INTO engineering_size_threshold (size_class, min_investment, min_floor_area, note) VALUES
    ('LARGE', 10000, 50000, 'investment >= 100 million yuan or floor area >= 50 000 m2'),
    ('MEDIUM', 3000, 10000, 'investment >= 30 million yuan or floor area >= 10 000 m2');

CREATE TABLE engineering_project (
    id                 bigserial PRIMARY KEY,
    project_no         varchar(40)    NOT NULL UNIQUE,
    name               varchar(200)   NOT NULL,
    unit_id            bigint         NOT NULL REFERENCES platform_unit (id),
    latitude           numeric(9, 6),
    longitude          numeric(9, 6),
    kind               varchar(20)    NOT NULL CHECK (kind IN ('PUBLIC_BUILDING', 'RESIDENTIAL', 'AFFORDABLE_HOUSING',
                                                               'INDUSTRIAL', 'INFRASTRUCTURE')),
    investment         numeric(14, 2) NOT NULL CHECK (investment >= 0),
    floor_area         numeric(14, 2) NOT NULL CHECK (floor_area >= 0),
    permit_date        date,
    start_date         date,
    planned_completion date,
    actual_completion  date,
    energy_standard    varchar(100),
    energy_review      varchar(10)    NOT NULL DEFAULT 'PENDING' CHECK (energy_review IN ('PENDING', 'PASSED', 'FAILED')),
    status             varchar(20)    NOT NULL DEFAULT 'PLANNED'
        CHECK (status IN ('PLANNED', 'UNDER_CONSTRUCTION', 'STOPPED', 'COMPLETED', 'ACCEPTED', 'FILED')),
    filed_on           date,
    filing_no          varchar(60),
    demo               boolean        NOT NULL DEFAULT false,
    created_by         bigint,
    created_at         timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX engineering_project_unit_idx ON engineering_project (unit_id);
CREATE INDEX engineering_project_start_idx ON engineering_project (start_date);

-- The size class of every project from the thresholds as they are now.
CREATE VIEW engineering_project_class AS
SELECT p.id,
       CASE
           WHEN EXISTS (SELECT 1 FROM engineering_size_threshold t WHERE t.size_class = 'LARGE'
                        AND (p.investment >= t.min_investment OR p.floor_area >= t.min_floor_area)) THEN 'LARGE'
           WHEN EXISTS (SELECT 1 FROM engineering_size_threshold t WHERE t.size_class = 'MEDIUM'
                        AND (p.investment >= t.min_investment OR p.floor_area >= t.min_floor_area)) THEN 'MEDIUM'
           ELSE 'SMALL'
       END AS size_class
FROM engineering_project p;

CREATE TABLE engineering_participant (
    project_id    bigint      NOT NULL REFERENCES engineering_project (id),
    role          varchar(20) NOT NULL CHECK (role IN ('CONSTRUCTION_UNIT', 'BUILDER', 'SUPERVISOR', 'DESIGNER', 'SURVEYOR')),
    enterprise_id bigint      NOT NULL REFERENCES enterprise (id),
    PRIMARY KEY (project_id, role, enterprise_id)
);
CREATE INDEX engineering_participant_enterprise_idx ON engineering_participant (enterprise_id);

CREATE TABLE engineering_inspection (
    id           bigserial PRIMARY KEY,
    project_id   bigint        NOT NULL REFERENCES engineering_project (id),
    inspected_on date          NOT NULL,
    inspector    varchar(100)  NOT NULL,
    findings     varchar(2000) NOT NULL,
    outcome      varchar(20)   NOT NULL CHECK (outcome IN ('NONE', 'RECTIFICATION', 'STOP_WORK')),
    created_by   bigint,
    created_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX engineering_inspection_project_idx ON engineering_inspection (project_id);

-- Rectification notices (整改通知单, with a deadline) and stop-work orders (停工令), closed when done or lifted.
CREATE TABLE engineering_notice (
    id            bigserial PRIMARY KEY,
    project_id    bigint       NOT NULL REFERENCES engineering_project (id),
    inspection_id bigint       NOT NULL REFERENCES engineering_inspection (id),
    kind          varchar(20)  NOT NULL CHECK (kind IN ('RECTIFICATION', 'STOP_WORK')),
    issued_on     date         NOT NULL,
    deadline      date,
    closed_on     date,
    closure_note  varchar(1000),
    CHECK (kind <> 'RECTIFICATION' OR deadline IS NOT NULL)
);
CREATE INDEX engineering_notice_open_idx ON engineering_notice (project_id) WHERE closed_on IS NULL;

-- Completion acceptance: attempt 1 is the first acceptance (一次验收), later attempts re-acceptances.
CREATE TABLE engineering_acceptance (
    id          bigserial PRIMARY KEY,
    project_id  bigint       NOT NULL REFERENCES engineering_project (id),
    attempt     int          NOT NULL CHECK (attempt >= 1),
    accepted_on date         NOT NULL,
    passed      boolean      NOT NULL,
    note        varchar(1000),
    created_by  bigint,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (project_id, attempt)
);

CREATE TABLE engineering_accident (
    id                   bigserial PRIMARY KEY,
    project_id           bigint         NOT NULL REFERENCES engineering_project (id),
    grade                varchar(20)    NOT NULL CHECK (grade IN ('GENERAL', 'LARGER', 'MAJOR', 'EXTRAORDINARY')),
    occurred_on          date           NOT NULL,
    direct_loss          numeric(14, 2) NOT NULL CHECK (direct_loss >= 0),
    deaths               int            NOT NULL DEFAULT 0 CHECK (deaths >= 0),
    injuries             int            NOT NULL DEFAULT 0 CHECK (injuries >= 0),
    description          varchar(2000)  NOT NULL,
    investigation_result varchar(2000),
    demo                 boolean        NOT NULL DEFAULT false,
    created_by           bigint,
    created_at           timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX engineering_accident_project_idx ON engineering_accident (project_id);

CREATE TABLE engineering_award (
    id         bigserial PRIMARY KEY,
    project_id bigint       NOT NULL REFERENCES engineering_project (id),
    kind       varchar(10)  NOT NULL CHECK (kind IN ('LUBAN', 'CHUTIAN', 'OTHER')),
    title      varchar(200) NOT NULL,
    award_year int          NOT NULL CHECK (award_year BETWEEN 1987 AND 2999),
    awarded_on date         NOT NULL,
    demo       boolean      NOT NULL DEFAULT false,
    created_by bigint,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX engineering_award_project_idx ON engineering_award (project_id);

CREATE TABLE engineering_award_enterprise (
    award_id      bigint NOT NULL REFERENCES engineering_award (id),
    enterprise_id bigint NOT NULL REFERENCES enterprise (id),
    PRIMARY KEY (award_id, enterprise_id)
);

UPDATE platform_role SET permissions = permissions || ARRAY['engineering:project:view', 'engineering:project:edit']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
