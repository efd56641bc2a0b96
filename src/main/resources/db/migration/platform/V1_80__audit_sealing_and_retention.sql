-- Audit chain off the writers' critical path (ADR 0003, revised): writers append unsealed entries
-- (seq, prev_hash and hash NULL) without any lock; one sealer at a time (advisory lock, once per
-- cluster) gives them the next chain positions and hashes in batches. The chain is ordered by seq,
-- which is assigned at sealing, so an entry that commits late is simply sealed later.
DROP TRIGGER platform_audit_no_change ON platform_audit;

ALTER TABLE platform_audit ADD COLUMN seq bigint;
ALTER TABLE platform_audit ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE platform_audit ALTER COLUMN hash DROP NOT NULL;
-- entries so far were chained in id order under the writers' lock
UPDATE platform_audit SET seq = id;
ALTER TABLE platform_audit ADD CONSTRAINT platform_audit_sealed_ck
    CHECK ((seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL));
CREATE UNIQUE INDEX platform_audit_seq_idx ON platform_audit (seq);
CREATE INDEX platform_audit_unsealed_idx ON platform_audit (id) WHERE seq IS NULL;

-- Entries removed after the retention period: archived to a file (its SHA-256 recorded here) before
-- the rows are deleted. last_hash continues the chain for the first entry that remains.
CREATE TABLE platform_audit_archive (
    id          bigserial PRIMARY KEY,
    archived_at timestamptz  NOT NULL DEFAULT now(),
    from_seq    bigint       NOT NULL,
    to_seq      bigint       NOT NULL,
    row_count   bigint       NOT NULL,
    first_at    timestamptz,
    last_at     timestamptz,
    last_hash   char(64)     NOT NULL,
    file_name   varchar(300) NOT NULL,
    sha256      char(64)     NOT NULL,
    CHECK (to_seq >= from_seq)
);

-- The chain's head as recorded by the daily verification: if the newest entries are cut off later,
-- the recorded head no longer exists and verification fails.
CREATE TABLE platform_audit_head (
    id          bigserial PRIMARY KEY,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    seq         bigint      NOT NULL,
    hash        char(64)    NOT NULL
);

-- Append-only, with two narrow exceptions: the sealer fills in seq/prev_hash/hash of an unsealed entry
-- (every other value unchanged, hash correct), and an entry already covered by an archive record may be
-- deleted. Anything else is refused.
CREATE OR REPLACE FUNCTION platform_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
        AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_name, NEW.actor_unit_id, NEW.ip, NEW.module, NEW.entity_type,
             NEW.entity_id, NEW.unit_id, NEW.action, NEW.before_data, NEW.after_data)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.actor_unit_id, OLD.ip, OLD.module, OLD.entity_type,
             OLD.entity_id, OLD.unit_id, OLD.action, OLD.before_data, OLD.after_data)
        AND NEW.hash = platform_audit_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.actor_id, NEW.actor_name,
                                           NEW.actor_unit_id, NEW.ip, NEW.module, NEW.entity_type, NEW.entity_id,
                                           NEW.unit_id, NEW.action, NEW.before_data, NEW.after_data) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND OLD.seq IS NOT NULL
        AND EXISTS (SELECT 1 FROM platform_audit_archive a WHERE OLD.seq BETWEEN a.from_seq AND a.to_seq) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'platform_audit is append-only';
END
$$;
CREATE TRIGGER platform_audit_no_change BEFORE UPDATE OR DELETE ON platform_audit
    FOR EACH ROW EXECUTE FUNCTION platform_audit_append_only();

-- Seals up to p_limit unsealed entries (oldest id first) after the current head. Callers hold the
-- chain's advisory lock, so there is one sealer at a time.
CREATE FUNCTION platform_audit_seal(p_limit int) RETURNS int LANGUAGE plpgsql AS
$$
DECLARE
    s bigint;
    h char(64);
    prev char(64);
    r record;
    n int := 0;
BEGIN
    SELECT a.seq, a.hash INTO s, h FROM platform_audit a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
    IF s IS NULL THEN
        SELECT a.to_seq, a.last_hash INTO s, h FROM platform_audit_archive a ORDER BY a.to_seq DESC LIMIT 1;
    END IF;
    s := coalesce(s, 0);
    h := coalesce(h, repeat('0', 64));
    FOR r IN SELECT * FROM platform_audit a WHERE a.seq IS NULL ORDER BY a.id LIMIT p_limit FOR UPDATE LOOP
        s := s + 1;
        prev := h;
        h := platform_audit_hash(prev, r.id, r.at, r.actor_id, r.actor_name, r.actor_unit_id, r.ip, r.module,
                                 r.entity_type, r.entity_id, r.unit_id, r.action, r.before_data, r.after_data);
        UPDATE platform_audit SET seq = s, prev_hash = prev, hash = h WHERE id = r.id;
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
