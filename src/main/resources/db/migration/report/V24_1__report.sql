-- Reports (issue 18): the yearly quality white paper and the quarterly/yearly quality analyses, generated from
-- indicator results into Word documents; the office edits the texts, publishes, and the published document is
-- frozen with its data snapshot.

-- Word templates the office edits in Word (placeholders for texts, tables, charts); version 0 is the bundled one.
CREATE TABLE report_template (
    version          int PRIMARY KEY CHECK (version > 0),
    file_name        text        NOT NULL,
    bytes            bytea       NOT NULL,
    sha256           text        NOT NULL,
    note             text,
    uploaded_by      bigint,
    uploaded_by_name text,
    uploaded_at      timestamptz NOT NULL
);

CREATE TABLE report_document (
    id                bigserial PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('WHITE_PAPER', 'ANALYSIS')),
    sector            text CHECK (sector IN ('PRODUCT', 'ENGINEERING', 'SERVICE')),
    period            text        NOT NULL,
    year              int         NOT NULL,
    lang              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('GENERATING', 'DRAFT', 'FAILED', 'PUBLISHED')),
    template_version  int         NOT NULL DEFAULT 0,
    job_id            bigint,
    snapshot          text,
    texts             text,
    bytes             bytea,
    sha256            text,
    unit_id           bigint      NOT NULL REFERENCES platform_unit (id),
    created_by        bigint,
    created_by_name   text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz,
    published_by      bigint,
    published_by_name text,
    published_at      timestamptz,
    CHECK ((kind = 'ANALYSIS') = (sector IS NOT NULL))
);
CREATE INDEX report_document_published ON report_document (published_at DESC) WHERE status = 'PUBLISHED';

-- A published document is frozen: neither its bytes, its snapshot nor its texts change, and it is not deleted.
CREATE FUNCTION report_document_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'report_document % is published and frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER report_document_frozen BEFORE UPDATE OR DELETE ON report_document
    FOR EACH ROW EXECUTE FUNCTION report_document_frozen();

-- Reading published and draft documents is for every signed-in officer; generating and publishing stays with the
-- city quality office (CITY_ADMIN holds '*').
UPDATE platform_role SET permissions = permissions || ARRAY['report:document:view']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER') AND NOT ('report:document:view' = ANY (permissions));
