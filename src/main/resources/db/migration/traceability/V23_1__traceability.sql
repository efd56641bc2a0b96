-- Traceability (issue 17): products and batches of enterprises, certificates of committed compliance,
-- GS1 EPCIS 2.0 events, and the links between batches that trace back and forward.

CREATE TABLE traceability_product (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint       NOT NULL,
    unit_id       bigint       NOT NULL REFERENCES platform_unit (id),
    name          varchar(200) NOT NULL,
    gtin          char(14),
    category      varchar(20)  NOT NULL DEFAULT 'AGRI' CHECK (category IN ('AGRI', 'PROCESSED', 'IMPORTED', 'EXPORT')),
    demo          boolean      NOT NULL DEFAULT false,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (enterprise_id, name)
);
CREATE UNIQUE INDEX traceability_product_gtin_idx ON traceability_product (gtin) WHERE gtin IS NOT NULL;

-- A batch (lot). code: the stable public identifier (/t/{code}); epc_class: the URI its EPCIS events name it by
-- (the Digital Link for a GTIN, otherwise the platform's /t/{code}). held_by: the enterprise holding it now.
CREATE TABLE traceability_batch (
    id              bigserial PRIMARY KEY,
    code            varchar(16)   NOT NULL UNIQUE,
    product_id      bigint        NOT NULL REFERENCES traceability_product (id),
    enterprise_id   bigint        NOT NULL,
    unit_id         bigint        NOT NULL REFERENCES platform_unit (id),
    lot             varchar(20)   NOT NULL,
    epc_class       varchar(300)  NOT NULL UNIQUE,
    kind            varchar(12)   NOT NULL DEFAULT 'ORIGIN' CHECK (kind IN ('ORIGIN', 'PROCESSED', 'MIXED', 'SPLIT')),
    quantity        numeric(14, 3),
    uom             varchar(10),
    produced_on     date,
    origin          varchar(200),
    customs_declaration_no varchar(30),
    inspection_result varchar(200),
    status          varchar(10)   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RECALLED')),
    recalled_at     timestamptz,
    recall_reason   varchar(500),
    recalled_from   bigint REFERENCES traceability_batch (id),
    demo            boolean       NOT NULL DEFAULT false,
    created_by      bigint,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (product_id, lot)
);
CREATE INDEX traceability_batch_enterprise_idx ON traceability_batch (enterprise_id);
CREATE INDEX traceability_batch_unit_idx ON traceability_batch (unit_id);

-- Declared inputs of a mixed, split or processed batch (the buyer's own record); events add more links.
CREATE TABLE traceability_batch_input (
    batch_id       bigint NOT NULL REFERENCES traceability_batch (id),
    input_batch_id bigint NOT NULL REFERENCES traceability_batch (id),
    PRIMARY KEY (batch_id, input_batch_id),
    CHECK (batch_id <> input_batch_id)
);
CREATE INDEX traceability_batch_input_input_idx ON traceability_batch_input (input_batch_id);

-- 承诺达标合格证: one or more per batch, kept at least two years (no deletion).
CREATE TABLE traceability_certificate (
    id             bigserial PRIMARY KEY,
    cert_no        varchar(32)   NOT NULL UNIQUE,
    batch_id       bigint        NOT NULL REFERENCES traceability_batch (id),
    enterprise_id  bigint        NOT NULL,
    unit_id        bigint        NOT NULL REFERENCES platform_unit (id),
    product_name   varchar(200)  NOT NULL,
    quantity       numeric(14, 3) NOT NULL CHECK (quantity > 0),
    uom            varchar(10)   NOT NULL,
    producer_name  varchar(200)  NOT NULL,
    origin         varchar(200)  NOT NULL,
    contact        varchar(60)   NOT NULL,
    issued_on      date          NOT NULL,
    basis          varchar(20)   NOT NULL CHECK (basis IN ('QUALITY_CONTROL', 'SELF_TEST', 'COMMISSIONED_TEST',
                                                          'INTERNAL_CONTROL')),
    test_record    varchar(500),
    demo           boolean       NOT NULL DEFAULT false,
    created_by     bigint,
    created_at     timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX traceability_certificate_batch_idx ON traceability_certificate (batch_id);

-- Captures: one row per accepted EPCIS document (or single event).
CREATE TABLE traceability_capture (
    id            uuid         PRIMARY KEY,
    enterprise_id bigint,
    unit_id       bigint       NOT NULL,
    events        int          NOT NULL,
    duplicates    int          NOT NULL,
    created_by    bigint,
    created_at    timestamptz  NOT NULL DEFAULT now()
);

-- EPCIS 2.0 events as captured (body: the event's JSON-LD with the document's context), with the columns the
-- queries use. hash: the canonical hash that makes a re-sent event a duplicate (see EpcisCanonicalHash).
CREATE TABLE traceability_event (
    id             bigserial PRIMARY KEY,
    hash           char(64)     NOT NULL UNIQUE,
    event_id       varchar(300),
    capture_id     uuid,
    type           varchar(24)  NOT NULL,
    action         varchar(8),
    event_time     timestamptz  NOT NULL,
    record_time    timestamptz  NOT NULL DEFAULT now(),
    biz_step       varchar(300),
    disposition    varchar(300),
    biz_location   varchar(300),
    read_point     varchar(300),
    enterprise_id  bigint,
    unit_id        bigint       NOT NULL,
    body           jsonb        NOT NULL,
    demo           boolean      NOT NULL DEFAULT false
);
CREATE INDEX traceability_event_time_idx ON traceability_event (event_time);
CREATE INDEX traceability_event_step_idx ON traceability_event (biz_step, event_time);
CREATE INDEX traceability_event_location_idx ON traceability_event (biz_location);

-- Every identifier an event names: role E (epcList), C (quantity class), P (parent), CH (child), CQ (child class),
-- I/IQ (input EPC/class), O/OQ (output EPC/class).
CREATE TABLE traceability_event_epc (
    event_id bigint       NOT NULL REFERENCES traceability_event (id),
    epc      varchar(300) NOT NULL,
    role     varchar(2)   NOT NULL
);
CREATE INDEX traceability_event_epc_epc_idx ON traceability_event_epc (epc);
CREATE INDEX traceability_event_epc_event_idx ON traceability_event_epc (event_id);

-- Edges of the trace graph between identifiers (batch classes, EPCs, containers): from an input to an output of
-- a transformation, from a child to its parent on packing, from a declared input batch to its batch.
CREATE TABLE traceability_link (
    from_id  varchar(300) NOT NULL,
    to_id    varchar(300) NOT NULL,
    kind     varchar(14)  NOT NULL,
    event_id bigint,
    PRIMARY KEY (from_id, to_id, kind)
);
CREATE INDEX traceability_link_to_idx ON traceability_link (to_id);

-- Origin release (产地准出): a market received a farm batch without a certificate or a passed test.
CREATE TABLE traceability_flag (
    id             bigserial PRIMARY KEY,
    batch_id       bigint      NOT NULL REFERENCES traceability_batch (id),
    event_id       bigint      NOT NULL REFERENCES traceability_event (id),
    enterprise_id  bigint      NOT NULL,
    unit_id        bigint      NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (batch_id, event_id)
);

UPDATE platform_role SET permissions = permissions || ARRAY['traceability:batch:view', 'traceability:batch:edit',
    'traceability:event:capture', 'traceability:batch:recall'] WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
UPDATE platform_role SET permissions = permissions || ARRAY['traceability:batch:view', 'traceability:batch:edit',
    'traceability:event:capture'] WHERE code = 'ENTERPRISE';

-- Locations named in events that belong to a registered enterprise (urn:qualitycity:loc:{credit code}).
CREATE TABLE traceability_location (
    uri           varchar(300) PRIMARY KEY,
    enterprise_id bigint       NOT NULL,
    unit_id       bigint       NOT NULL,
    name          varchar(200) NOT NULL
);
