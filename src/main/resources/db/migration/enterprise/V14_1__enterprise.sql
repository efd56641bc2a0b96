-- Enterprise register: unified social credit code (GB 32100-2015), district unit, industry (GB/T 4754).
CREATE TABLE enterprise (
    id             bigserial PRIMARY KEY,
    credit_code    char(18)     NOT NULL UNIQUE,
    name           varchar(200) NOT NULL,
    legal_rep      varchar(100) NOT NULL,
    address        varchar(300),
    unit_id        bigint       NOT NULL REFERENCES platform_unit (id),
    industry       varchar(5)   NOT NULL,
    size           varchar(10)  NOT NULL CHECK (size IN ('LARGE', 'MEDIUM', 'SMALL', 'MICRO')),
    status         varchar(12)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CANCELLED', 'REVOKED')),
    contact_name   varchar(100),
    contact_phone  varchar(32),
    demo           boolean      NOT NULL DEFAULT false,
    created_by     bigint,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_unit_idx ON enterprise (unit_id);
CREATE INDEX enterprise_name_idx ON enterprise (name);

-- An enterprise user (platform role ENTERPRISE) sees only the enterprise it is linked to.
CREATE TABLE enterprise_user (
    user_id       bigint PRIMARY KEY REFERENCES platform_user (id) ON DELETE CASCADE,
    enterprise_id bigint NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE
);
CREATE INDEX enterprise_user_enterprise_idx ON enterprise_user (enterprise_id);

-- Production licences (生产许可证) and CCC certificates.
CREATE TABLE enterprise_licence (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint       NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
    kind          varchar(20)  NOT NULL CHECK (kind IN ('PRODUCTION_LICENCE', 'CCC')),
    number        varchar(60)  NOT NULL,
    product_scope varchar(300) NOT NULL,
    valid_from    date         NOT NULL,
    valid_to      date         NOT NULL,
    CHECK (valid_to >= valid_from)
);
CREATE INDEX enterprise_licence_enterprise_idx ON enterprise_licence (enterprise_id);

-- Declared product standards.
CREATE TABLE enterprise_standard (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint       NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
    product       varchar(200) NOT NULL,
    kind          varchar(20)  NOT NULL CHECK (kind IN ('NATIONAL', 'INDUSTRY', 'LOCAL', 'GROUP', 'ENTERPRISE',
                                                      'INTERNATIONAL')),
    standard_no   varchar(60)  NOT NULL,
    declared_on   date         NOT NULL
);
CREATE INDEX enterprise_standard_enterprise_idx ON enterprise_standard (enterprise_id);

UPDATE platform_role SET permissions = permissions || ARRAY['enterprise:enterprise:view', 'enterprise:enterprise:edit',
    'enterprise:enterprise:import'] WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
UPDATE platform_role SET permissions = permissions || ARRAY['enterprise:enterprise:view', 'files:file:view',
    'files:file:upload'] WHERE code = 'ENTERPRISE';
