-- Quality credit: events entered by officers (penalties, honours), configurable grade rules,
-- the serious-violation list (严重违法失信名单) and credit repair.
CREATE TABLE credit_event (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint        NOT NULL REFERENCES enterprise (id),
    kind          varchar(20)   NOT NULL CHECK (kind IN ('PENALTY', 'HONOUR')),
    occurred_on   date          NOT NULL,
    description   varchar(1000) NOT NULL,
    reference     varchar(100),
    created_by    bigint,
    created_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX credit_event_enterprise_idx ON credit_event (enterprise_id);

-- Points per event kind within the rolling window; grade thresholds. Editable by the city.
CREATE TABLE credit_rule (
    code        varchar(30)  PRIMARY KEY,
    points      int          NOT NULL,
    description varchar(300) NOT NULL
);
INSERT INTO credit_rule (code, points, description) VALUES
    ('BASE', 100, '基础分 / base score'),
    ('FAILED_BATCH', -10, '抽查不合格批次(近12个月,每批) / failed batch in the last 12 months, each'),
    ('OVERDUE_RECTIFICATION', -15, '逾期未整改(每次) / rectification overdue, each'),
    ('PENALTY', -20, '行政处罚(近12个月,每次) / administrative penalty in the last 12 months, each'),
    ('HONOUR', 5, '质量荣誉(近36个月,每项) / quality honour in the last 36 months, each'),
    ('CLEAN_HISTORY', 5, '近12个月抽查全部合格(至少3批) / every batch of the last 12 months passed (at least 3)'),
    ('GRADE_A', 90, 'A 守信:分数不低于 / A (trustworthy): score at least'),
    ('GRADE_B', 75, 'B 基本守信:分数不低于 / B (basically trustworthy): score at least'),
    ('GRADE_C', 60, 'C 失信:分数不低于;更低为 D / C (untrustworthy): score at least; below is D');

CREATE TABLE credit_blacklist (
    id             bigserial PRIMARY KEY,
    enterprise_id  bigint        NOT NULL REFERENCES enterprise (id),
    decision_no    varchar(100)  NOT NULL,
    legal_basis    varchar(1000) NOT NULL,
    reason         varchar(1000) NOT NULL,
    approved_by    varchar(100)  NOT NULL,
    listed_on      date          NOT NULL,
    until          date          NOT NULL,
    removed_on     date,
    removal_reason varchar(500),
    created_by     bigint,
    created_at     timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX credit_blacklist_enterprise_idx ON credit_blacklist (enterprise_id);

CREATE TABLE credit_repair (
    id           bigserial PRIMARY KEY,
    blacklist_id bigint        NOT NULL REFERENCES credit_blacklist (id),
    applied_on   date          NOT NULL,
    commitment   varchar(2000) NOT NULL,
    evidence     varchar(2000) NOT NULL,
    status       varchar(10)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_on   date,
    decided_by   bigint,
    decision_note varchar(1000),
    created_by   bigint,
    created_at   timestamptz   NOT NULL DEFAULT now()
);

UPDATE platform_role SET permissions = permissions || ARRAY['credit:record:view', 'credit:event:edit',
    'credit:blacklist:edit', 'credit:repair:decide'] WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
UPDATE platform_role SET permissions = permissions || ARRAY['credit:record:view', 'credit:repair:apply']
    WHERE code = 'ENTERPRISE';
