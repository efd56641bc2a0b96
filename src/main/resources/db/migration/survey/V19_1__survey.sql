-- Satisfaction surveys (issue 15): questionnaires, sample design, answers, indices (docs/survey.md).

-- The sectors (S1: consumer services, S2: producer services) and objects (W3: government work; the citizens'
-- quality satisfaction of plan section 4.(12).4: product, engineering, service, ecology) a scale item is mapped to.
-- Data, not code: a city adds its own rows. indicator: the plan indicator the answers feed (CQ: no plan indicator).
CREATE TABLE survey_sector (
    code      varchar(32)  PRIMARY KEY,
    kind      varchar(8)   NOT NULL CHECK (kind IN ('SECTOR', 'OBJECT')),
    indicator varchar(16)  NOT NULL,
    name_zh   varchar(60)  NOT NULL,
    name_en   varchar(80)  NOT NULL,
    sort      int          NOT NULL
);
INSERT INTO survey_sector (code, kind, indicator, name_zh, name_en, sort) VALUES
    ('TOURISM', 'SECTOR', 'S1', '旅游', 'Tourism', 10),
    ('RETAIL', 'SECTOR', 'S1', '批发零售', 'Wholesale and retail', 20),
    ('HOSPITALITY', 'SECTOR', 'S1', '住宿餐饮', 'Accommodation and catering', 30),
    ('RESIDENT', 'SECTOR', 'S1', '居民服务', 'Resident services', 40),
    ('HOUSEHOLD', 'SECTOR', 'S1', '家庭服务', 'Household services', 50),
    ('ELDERLY', 'SECTOR', 'S1', '健康养老', 'Health and elderly care', 60),
    ('CULTURE', 'SECTOR', 'S1', '文化体育', 'Culture and sports', 70),
    ('FINANCE', 'SECTOR', 'S2', '金融服务', 'Financial services', 110),
    ('LOGISTICS', 'SECTOR', 'S2', '现代物流', 'Modern logistics', 120),
    ('SOFTWARE', 'SECTOR', 'S2', '软件和信息服务', 'Software and information services', 130),
    ('GOVERNMENT', 'OBJECT', 'W3', '政府工作', 'Government work', 210),
    ('PRODUCT', 'OBJECT', 'CQ_PRODUCT', '产品质量', 'Product quality', 310),
    ('ENGINEERING', 'OBJECT', 'CQ_ENGINEERING', '工程质量', 'Engineering quality', 320),
    ('SERVICE', 'OBJECT', 'CQ_SERVICE', '服务质量', 'Service quality', 330),
    ('ECOLOGY', 'OBJECT', 'CQ_ECOLOGY', '生态质量', 'Ecological quality', 340);

-- The latent variables of the customer satisfaction model of the national CCSI (GB/T 19038) and their default
-- weights in the index (editable per survey in survey_weight; complaints enter with weight 0 by default).
CREATE TABLE survey_latent (
    code           varchar(16)      PRIMARY KEY,
    default_weight double precision NOT NULL CHECK (default_weight >= 0),
    sort           int              NOT NULL
);
INSERT INTO survey_latent (code, default_weight, sort) VALUES
    ('BRAND', 0.10, 1), ('EXPECTED', 0.10, 2), ('QUALITY', 0.25, 3), ('VALUE', 0.15, 4),
    ('SATISFACTION', 0.30, 5), ('COMPLAINT', 0, 6), ('LOYALTY', 0.10, 7);

CREATE TABLE survey (
    id                 bigserial     PRIMARY KEY,
    title              varchar(200)  NOT NULL,
    owner_unit_id      bigint        NOT NULL REFERENCES platform_unit (id),
    year               int           NOT NULL,
    status             varchar(8)    NOT NULL DEFAULT 'OPEN' CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED')),
    version            int           NOT NULL DEFAULT 1,
    public_token       varchar(40)   NOT NULL UNIQUE,
    firm_name          varchar(200),
    firm_qualification varchar(200),
    contract_from      date,
    contract_to        date,
    field_from         date,
    field_to           date,
    max_ci_width       double precision NOT NULL DEFAULT 10,
    demo               boolean       NOT NULL DEFAULT false,
    created_by         bigint,
    created_at         timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX survey_year_idx ON survey (year);

CREATE TABLE survey_weight (
    survey_id bigint           NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    latent    varchar(16)      NOT NULL REFERENCES survey_latent (code),
    weight    double precision NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (survey_id, latent)
);

-- Questions of a questionnaire version; answers keep the version they answered.
CREATE TABLE survey_question (
    id        bigserial    PRIMARY KEY,
    survey_id bigint       NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    version   int          NOT NULL,
    code      varchar(16)  NOT NULL,
    section   varchar(200) NOT NULL,
    sort      int          NOT NULL,
    kind      varchar(8)   NOT NULL CHECK (kind IN ('SCALE', 'SINGLE', 'MULTIPLE', 'TEXT')),
    text      varchar(500) NOT NULL,
    options   text[]       NOT NULL DEFAULT '{}',
    latent    varchar(16)  REFERENCES survey_latent (code),
    CHECK ((kind = 'SCALE') = (latent IS NOT NULL)),
    UNIQUE (survey_id, version, code)
);

-- Sample design: strata district x sector with their population shares and quotas.
CREATE TABLE survey_stratum (
    id               bigserial        PRIMARY KEY,
    survey_id        bigint           NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    district_unit_id bigint           NOT NULL REFERENCES platform_unit (id),
    sector_code      varchar(32)      NOT NULL REFERENCES survey_sector (code),
    population_share double precision NOT NULL CHECK (population_share > 0),
    quota            int              CHECK (quota >= 0),
    UNIQUE (survey_id, district_unit_id, sector_code)
);

CREATE TABLE survey_response (
    id               bigserial        PRIMARY KEY,
    survey_id        bigint           NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    version          int              NOT NULL,
    district_unit_id bigint           NOT NULL REFERENCES platform_unit (id),
    sector_code      varchar(32)      NOT NULL REFERENCES survey_sector (code),
    period           varchar(8)       NOT NULL,
    channel          varchar(8)       NOT NULL CHECK (channel IN ('WEB', 'PHONE', 'FACE', 'IMPORT')),
    interviewer      varchar(100),
    call_outcome     varchar(16),
    respondent_ref   varchar(64),
    answered_at      timestamptz      NOT NULL,
    lv_brand         double precision,
    lv_expected      double precision,
    lv_quality       double precision,
    lv_value         double precision,
    lv_satisfaction  double precision,
    lv_complaint     double precision,
    lv_loyalty       double precision,
    -- the respondent's index 0-100 under the survey's weights; null: no scale answer (not a valid response)
    score            double precision,
    demo             boolean          NOT NULL DEFAULT false
);
CREATE INDEX survey_response_cell_idx ON survey_response (survey_id, district_unit_id, sector_code, period);

CREATE TABLE survey_answer (
    response_id bigint        NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
    question_id bigint        NOT NULL REFERENCES survey_question (id),
    score       smallint      CHECK (score BETWEEN 1 AND 10),
    choices     text[],
    text        varchar(2000),
    PRIMARY KEY (response_id, question_id)
);

-- One answer per invitation token (a district and sector may be preset by the sample design).
CREATE TABLE survey_invitation (
    token            varchar(40)  PRIMARY KEY,
    survey_id        bigint       NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    district_unit_id bigint       REFERENCES platform_unit (id),
    sector_code      varchar(32)  REFERENCES survey_sector (code),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    used_at          timestamptz,
    response_id      bigint       REFERENCES survey_response (id) ON DELETE SET NULL
);
CREATE INDEX survey_invitation_survey_idx ON survey_invitation (survey_id);

-- Fixed-window counters of public submissions per address, spread over shard rows (the complaint form's approach,
-- ADR 0010).
CREATE TABLE survey_rate (
    key          varchar(80) NOT NULL,
    window_start bigint      NOT NULL,
    shard        int         NOT NULL,
    hits         int         NOT NULL,
    PRIMARY KEY (key, window_start, shard)
);

-- Published satisfaction scores of similar cities, per year and indicator, with their source.
CREATE TABLE survey_peer_score (
    id        bigserial        PRIMARY KEY,
    year      int              NOT NULL,
    indicator varchar(16)      NOT NULL,
    city      varchar(100)     NOT NULL,
    score     double precision NOT NULL,
    source    varchar(300)     NOT NULL,
    UNIQUE (year, indicator, city)
);

UPDATE platform_role SET permissions = permissions || ARRAY['survey:survey:view']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER') AND builtin;
