-- 双随机一公开 (issue 14): random draws of enterprises and inspectors, reproducible from a recorded seed.
-- The inspector pool (执法检查人员名录库): a person, the unit they work in.
CREATE TABLE spotcheck_inspector (
    id             bigserial PRIMARY KEY,
    name           varchar(100) NOT NULL,
    unit_id        bigint       NOT NULL REFERENCES platform_unit (id),
    certificate_no varchar(60),
    active         boolean      NOT NULL DEFAULT true,
    demo           boolean      NOT NULL DEFAULT false,
    created_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX spotcheck_inspector_unit_idx ON spotcheck_inspector (unit_id);

-- A draw as it was made: its filters, the seed, the sorted candidate list and inspector pool it drew from, the
-- enterprises excluded for a sampling of the same product within 6 months and the overrides with their reasons.
-- Everything needed to recompute it (docs/random-draws.md); immutable once written.
CREATE TABLE spotcheck_draw (
    id                   bigserial PRIMARY KEY,
    draw_no              varchar(30)  NOT NULL UNIQUE,
    title                varchar(200) NOT NULL,
    category_code        varchar(20)  NOT NULL REFERENCES spotcheck_category (code),
    filter_industry      varchar(5),
    filter_unit_id       bigint REFERENCES platform_unit (id),
    filter_grade         varchar(1) CHECK (filter_grade IN ('A', 'B', 'C', 'D')),
    sample_size          int          NOT NULL CHECK (sample_size > 0),
    exclude_own_district boolean      NOT NULL,
    seed                 varchar(64)  NOT NULL,
    drawn_on             date         NOT NULL,
    candidates           jsonb        NOT NULL,
    excluded             jsonb        NOT NULL,
    overrides            jsonb        NOT NULL,
    inspectors           jsonb        NOT NULL,
    unit_id              bigint       NOT NULL REFERENCES platform_unit (id),
    published_at         timestamptz,
    demo                 boolean      NOT NULL DEFAULT false,
    created_by           bigint,
    created_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX spotcheck_draw_unit_idx ON spotcheck_draw (unit_id, drawn_on);

CREATE TABLE spotcheck_draw_pick (
    draw_id       bigint   NOT NULL REFERENCES spotcheck_draw (id) ON DELETE CASCADE,
    position      int      NOT NULL,
    enterprise_id bigint   NOT NULL REFERENCES enterprise (id),
    inspector_ids bigint[] NOT NULL CHECK (cardinality(inspector_ids) = 2),
    PRIMARY KEY (draw_id, position)
);
CREATE INDEX spotcheck_draw_pick_enterprise_idx ON spotcheck_draw_pick (enterprise_id);

CREATE FUNCTION spotcheck_draw_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'random draws are immutable';
END $$;
CREATE TRIGGER spotcheck_draw_immutable BEFORE UPDATE OR DELETE ON spotcheck_draw
    FOR EACH ROW EXECUTE FUNCTION spotcheck_draw_immutable();
CREATE TRIGGER spotcheck_draw_pick_immutable BEFORE UPDATE OR DELETE ON spotcheck_draw_pick
    FOR EACH ROW EXECUTE FUNCTION spotcheck_draw_immutable();

UPDATE platform_role SET permissions = permissions || ARRAY['spotcheck:draw:view', 'spotcheck:draw:create',
    'spotcheck:inspector:edit'] WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
