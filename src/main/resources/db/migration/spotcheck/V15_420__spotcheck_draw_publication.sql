-- 双随机一公开 in public (issue 14): a draw may be kept internal when it is made and published later, once; its plan
-- says whether the public sees the assigned inspectors by name or by their number in the pool.
ALTER TABLE spotcheck_draw ADD COLUMN inspector_disclosure varchar(5) NOT NULL DEFAULT 'NAMES'
    CHECK (inspector_disclosure IN ('NAMES', 'IDS'));

-- Still immutable, except for the one step from unpublished to published (published_at set once, nothing else).
CREATE FUNCTION spotcheck_draw_publish_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.published_at IS NULL AND NEW.published_at IS NOT NULL
       AND (to_jsonb(NEW) - 'published_at') = (to_jsonb(OLD) - 'published_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'random draws are immutable';
END $$;
DROP TRIGGER spotcheck_draw_immutable ON spotcheck_draw;
CREATE TRIGGER spotcheck_draw_immutable BEFORE UPDATE OR DELETE ON spotcheck_draw
    FOR EACH ROW EXECUTE FUNCTION spotcheck_draw_publish_only();

CREATE INDEX spotcheck_draw_published_idx ON spotcheck_draw (published_at DESC) WHERE published_at IS NOT NULL;
