-- Assessed indicators (issue 15): an expert panel scores criteria; its result (the mean of the experts' totals after
-- dropping the highest and the lowest) becomes a rating on the plan's scale and enters the indicator engine through
-- the ComputedElementProvider SPI (docs/modules/module-survey.adoc).

-- Which indicator a panel assesses and the data element its rating fills. Data, not code: a plan adds its own rows.
CREATE TABLE survey_panel_target (
    indicator varchar(16) PRIMARY KEY,
    element   varchar(40) NOT NULL UNIQUE
);
INSERT INTO survey_panel_target (indicator, element) VALUES ('S3', 'S3_RATING'), ('G1b', 'G1_NATIONAL_RATING');

CREATE TABLE survey_panel (
    id             bigserial        PRIMARY KEY,
    indicator      varchar(16)      NOT NULL REFERENCES survey_panel_target (indicator),
    year           int              NOT NULL,
    title          varchar(200)     NOT NULL,
    unit_id        bigint           NOT NULL REFERENCES platform_unit (id),
    -- the result's lower bounds of the rating levels (rank 1 excellent, 2 good, 3 fair; below: 4 poor)
    excellent_from double precision NOT NULL DEFAULT 90,
    good_from      double precision NOT NULL DEFAULT 75,
    fair_from      double precision NOT NULL DEFAULT 60,
    created_by     bigint,
    created_at     timestamptz      NOT NULL DEFAULT now(),
    CHECK (excellent_from >= good_from AND good_from >= fair_from)
);
CREATE INDEX survey_panel_year_idx ON survey_panel (indicator, year);

CREATE TABLE survey_panel_criterion (
    id       bigserial        PRIMARY KEY,
    panel_id bigint           NOT NULL REFERENCES survey_panel (id) ON DELETE CASCADE,
    sort     int              NOT NULL,
    name     varchar(200)     NOT NULL,
    weight   double precision NOT NULL CHECK (weight > 0)
);

CREATE TABLE survey_panel_expert (
    id          bigserial    PRIMARY KEY,
    panel_id    bigint       NOT NULL REFERENCES survey_panel (id) ON DELETE CASCADE,
    sort        int          NOT NULL,
    name        varchar(100) NOT NULL,
    affiliation varchar(200)
);

-- An expert's score of a criterion, 0-100.
CREATE TABLE survey_panel_score (
    expert_id    bigint           NOT NULL REFERENCES survey_panel_expert (id) ON DELETE CASCADE,
    criterion_id bigint           NOT NULL REFERENCES survey_panel_criterion (id) ON DELETE CASCADE,
    score        double precision NOT NULL CHECK (score BETWEEN 0 AND 100),
    PRIMARY KEY (expert_id, criterion_id)
);
