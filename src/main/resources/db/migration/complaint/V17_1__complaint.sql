-- Complaints (投诉) and reports (举报) under SAMR Order 121: intake, legal clock, dispatch, handling, reply.
CREATE TABLE complaint_case (
    id                  bigserial PRIMARY KEY,
    tracking_code       varchar(20)   NOT NULL UNIQUE,
    type                varchar(10)   NOT NULL CHECK (type IN ('COMPLAINT', 'REPORT')),
    channel             varchar(10)   NOT NULL CHECK (channel IN ('WEB', 'HOTLINE', 'WALKIN', 'API', 'OPEN311')),
    category            varchar(10)   NOT NULL CHECK (category IN ('GOODS', 'SERVICES')),
    subcategory         varchar(60),
    respondent_name     varchar(200)  NOT NULL,
    respondent_address  varchar(300),
    respondent_credit_code varchar(18),
    district_unit_id    bigint        NOT NULL REFERENCES platform_unit (id),
    unit_id             bigint        NOT NULL REFERENCES platform_unit (id),
    facts               varchar(4000) NOT NULL,
    request             varchar(2000),
    amount              numeric(14, 2),
    harm_known_on       date,
    anonymous           boolean       NOT NULL DEFAULT false,
    person_name         varchar(50),
    person_phone        varchar(20),
    person_id_number    varchar(18),
    person_address      varchar(300),
    received_at         timestamptz   NOT NULL,
    received_on         date          NOT NULL,
    status              varchar(12)   NOT NULL CHECK (status IN ('RECEIVED', 'ACCEPTED', 'REFUSED', 'HANDLED',
                                                                 'REPLIED', 'CLOSED', 'WITHDRAWN', 'REPEAT')),
    accept_due          date          NOT NULL,
    decided_on          date,
    refusal_ground      varchar(30),
    refusal_text        varchar(1000),
    dispatched_on       date,
    return_reason       varchar(500),
    paused_since        date,
    paused_days         integer       NOT NULL DEFAULT 0,
    handle_due          date,
    check_extended      boolean       NOT NULL DEFAULT false,
    handled_on          date,
    outcome             varchar(20) CHECK (outcome IN ('AGREEMENT', 'NO_AGREEMENT', 'TRANSFERRED', 'NO_CASE',
                                                       'CASE_OPENED')),
    money_recovered     numeric(14, 2),
    reply_due           date,
    replied_on          date,
    reply               varchar(2000),
    visited_on          date,
    satisfaction        varchar(12) CHECK (satisfaction IN ('SATISFIED', 'BASIC', 'DISSATISFIED')),
    reopened            boolean       NOT NULL DEFAULT false,
    linked_case_id      bigint REFERENCES complaint_case (id),
    repeat_of_id        bigint REFERENCES complaint_case (id),
    notified_state      varchar(8),
    submit_ip           varchar(64),
    lat                 numeric(9, 6),
    lon                 numeric(9, 6),
    demo                boolean       NOT NULL DEFAULT false,
    created_by          bigint,
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    version             integer       NOT NULL DEFAULT 0
);
CREATE INDEX complaint_case_district_received ON complaint_case (district_unit_id, received_on);
CREATE INDEX complaint_case_received ON complaint_case (received_on);
CREATE INDEX complaint_case_handle_due ON complaint_case (district_unit_id, handle_due);
CREATE INDEX complaint_case_unit ON complaint_case (unit_id, status);
CREATE INDEX complaint_case_reporter ON complaint_case (person_phone, respondent_name) WHERE type = 'REPORT';

-- Responsible unit by category and the respondent's district (editable by the administrator).
CREATE TABLE complaint_dispatch_rule (
    category         varchar(10) NOT NULL CHECK (category IN ('GOODS', 'SERVICES')),
    district_unit_id bigint      NOT NULL REFERENCES platform_unit (id),
    unit_id          bigint      NOT NULL REFERENCES platform_unit (id),
    PRIMARY KEY (category, district_unit_id)
);
INSERT INTO complaint_dispatch_rule (category, district_unit_id, unit_id)
SELECT c.category, d.id, s.id
FROM platform_unit d
JOIN platform_unit s ON s.code = d.code || '-SCJG'
CROSS JOIN (VALUES ('GOODS'), ('SERVICES')) AS c(category)
WHERE d.kind IN ('DISTRICT', 'ZONE');

-- Abuse control of the public intake: counters per key (ip:…, phone:…) and fixed window, shared by all nodes.
CREATE TABLE complaint_rate (
    key          varchar(80) NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    PRIMARY KEY (key, window_start)
);

UPDATE platform_role SET permissions = permissions || ARRAY['complaint:case:view', 'complaint:case:handle', 'complaint:case:create']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
