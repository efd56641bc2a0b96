-- Product categories of the sampling catalogue: industrial products, food (key foods flagged), edible
-- agricultural products. P3 counts key foods, P4 edible agricultural products.
CREATE TABLE spotcheck_category (
    code      varchar(20)  PRIMARY KEY,
    name_zh   varchar(100) NOT NULL,
    name_en   varchar(100) NOT NULL,
    kind      varchar(12)  NOT NULL CHECK (kind IN ('INDUSTRIAL', 'FOOD', 'AGRICULTURAL')),
    key_food  boolean      NOT NULL DEFAULT false
);
INSERT INTO spotcheck_category (code, name_zh, name_en, kind, key_food) VALUES
    ('IND-ELEC', '电器电工产品', 'Electrical products', 'INDUSTRIAL', false),
    ('IND-BUILD', '建筑和装饰装修材料', 'Building materials', 'INDUSTRIAL', false),
    ('IND-TEXTILE', '纺织服装', 'Textiles and garments', 'INDUSTRIAL', false),
    ('IND-CHEM', '化肥农药等农资', 'Fertilisers and farm inputs', 'INDUSTRIAL', false),
    ('IND-DAILY', '日用消费品', 'Daily consumer goods', 'INDUSTRIAL', false),
    ('FOOD-DAIRY', '乳制品', 'Dairy products', 'FOOD', true),
    ('FOOD-MEAT', '肉制品', 'Meat products', 'FOOD', true),
    ('FOOD-OIL', '食用油、油脂及其制品', 'Edible oils', 'FOOD', true),
    ('FOOD-INFANT', '婴幼儿配方食品', 'Infant formula', 'FOOD', true),
    ('FOOD-DRINK', '饮料', 'Beverages', 'FOOD', false),
    ('FOOD-CAKE', '糕点', 'Pastries', 'FOOD', false),
    ('AGR-VEG', '蔬菜', 'Vegetables', 'AGRICULTURAL', false),
    ('AGR-FRUIT', '水果', 'Fruit', 'AGRICULTURAL', false),
    ('AGR-TEA', '茶叶', 'Tea', 'AGRICULTURAL', false),
    ('AGR-AQUA', '水产品', 'Aquatic products', 'AGRICULTURAL', false),
    ('AGR-LIVESTOCK', '畜禽肉及副产品', 'Livestock and poultry meat', 'AGRICULTURAL', false);

-- Annual sampling plans (minimal: name, year, inspection type, lab).
CREATE TABLE spotcheck_plan (
    id              bigserial PRIMARY KEY,
    year            int          NOT NULL,
    name            varchar(200) NOT NULL,
    inspection_type varchar(12)  NOT NULL CHECK (inspection_type IN ('SUPERVISION', 'ROUTINE', 'RISK')),
    lab             varchar(100),
    created_by      bigint,
    created_at      timestamptz  NOT NULL DEFAULT now()
);

-- One sampled batch (or a refusal to be sampled). final_verdict: the re-test result replaces the first.
CREATE TABLE spotcheck_sample (
    id                 bigserial PRIMARY KEY,
    sample_no          varchar(30)  NOT NULL UNIQUE,
    plan_id            bigint REFERENCES spotcheck_plan (id),
    enterprise_id      bigint       NOT NULL REFERENCES enterprise (id),
    unit_id            bigint       NOT NULL REFERENCES platform_unit (id),
    inspection_type    varchar(12)  NOT NULL CHECK (inspection_type IN ('SUPERVISION', 'ROUTINE', 'RISK')),
    category_code      varchar(20)  NOT NULL REFERENCES spotcheck_category (code),
    stage              varchar(12)  NOT NULL DEFAULT 'PRODUCTION' CHECK (stage IN ('PRODUCTION', 'CIRCULATION', 'ECOMMERCE')),
    product            varchar(200) NOT NULL,
    brand              varchar(100),
    model              varchar(100),
    batch_no           varchar(60)  NOT NULL,
    production_date    date,
    quantity           varchar(40),
    samplers           text[]       NOT NULL CHECK (cardinality(samplers) >= 2),
    sampled_on         date         NOT NULL,
    place              varchar(200),
    refused            boolean      NOT NULL DEFAULT false,
    refusal_reason     varchar(500),
    lab                varchar(100),
    first_verdict      varchar(4) CHECK (first_verdict IN ('PASS', 'FAIL')),
    notice_date        date,
    objection_on       date,
    objection_reason   varchar(1000),
    retest_lab         varchar(100),
    retest_verdict     varchar(4) CHECK (retest_verdict IN ('PASS', 'FAIL')),
    retest_on          date,
    final_verdict      varchar(4) GENERATED ALWAYS AS (COALESCE(retest_verdict, first_verdict)) STORED,
    demo               boolean      NOT NULL DEFAULT false,
    created_by         bigint,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    CHECK (NOT refused OR (refusal_reason IS NOT NULL AND first_verdict IS NULL))
);
CREATE INDEX spotcheck_sample_unit_date_idx ON spotcheck_sample (sampled_on, unit_id);
CREATE INDEX spotcheck_sample_enterprise_idx ON spotcheck_sample (enterprise_id);

-- Results per test item; retest = true for the re-test on the backup sample.
CREATE TABLE spotcheck_result_item (
    id          bigserial PRIMARY KEY,
    sample_id   bigint       NOT NULL REFERENCES spotcheck_sample (id) ON DELETE CASCADE,
    retest      boolean      NOT NULL DEFAULT false,
    item        varchar(200) NOT NULL,
    clause      varchar(200),
    requirement varchar(200),
    measured    varchar(200),
    verdict     varchar(4)   NOT NULL CHECK (verdict IN ('PASS', 'FAIL'))
);
CREATE INDEX spotcheck_result_item_sample_idx ON spotcheck_result_item (sample_id);

-- Follow-up of a failed batch: rectification within 60 days, re-inspection within 75 days.
CREATE TABLE spotcheck_rectification (
    sample_id            bigint PRIMARY KEY REFERENCES spotcheck_sample (id) ON DELETE CASCADE,
    started_on           date         NOT NULL,
    cancelled            boolean      NOT NULL DEFAULT false,
    report               varchar(4000),
    reported_on          date,
    reported_by          bigint,
    reinspected_on       date,
    reinspection_verdict varchar(4) CHECK (reinspection_verdict IN ('PASS', 'FAIL')),
    flagged_public       boolean      NOT NULL DEFAULT false
);

-- Public announcements of results; published ones are immutable (corrections are new announcements).
CREATE TABLE spotcheck_announcement (
    id           bigserial PRIMARY KEY,
    title        varchar(300) NOT NULL,
    body         varchar(4000),
    corrects_id  bigint REFERENCES spotcheck_announcement (id),
    published_at timestamptz,
    created_by   bigint,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE TABLE spotcheck_announcement_sample (
    announcement_id bigint NOT NULL REFERENCES spotcheck_announcement (id) ON DELETE CASCADE,
    sample_id       bigint NOT NULL REFERENCES spotcheck_sample (id),
    PRIMARY KEY (announcement_id, sample_id)
);

CREATE FUNCTION spotcheck_announcement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'published announcement % is immutable', OLD.id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER spotcheck_announcement_immutable BEFORE UPDATE OR DELETE ON spotcheck_announcement
    FOR EACH ROW EXECUTE FUNCTION spotcheck_announcement_immutable();

UPDATE platform_role SET permissions = permissions || ARRAY['spotcheck:sample:view', 'spotcheck:sample:edit',
    'spotcheck:result:edit', 'spotcheck:objection:submit', 'spotcheck:rectification:submit',
    'spotcheck:rectification:review'] WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
UPDATE platform_role SET permissions = permissions || ARRAY['spotcheck:sample:view', 'spotcheck:objection:submit',
    'spotcheck:rectification:submit'] WHERE code = 'ENTERPRISE';
