-- The unit tree is data (a file loaded at start-up, qc.city.units), no longer a migration: units carry
-- roles (QUALITY_OFFICE, COMPLAINT_INTAKE, MARKET_REGULATOR) that the modules look up instead of codes.
ALTER TABLE platform_unit ADD COLUMN roles varchar(32)[] NOT NULL DEFAULT '{}';

-- An installation that already works with the units of V1_1 keeps them: give them their roles.
UPDATE platform_unit SET roles = '{QUALITY_OFFICE}' WHERE code = '421200-ZQB';
UPDATE platform_unit SET roles = '{COMPLAINT_INTAKE,MARKET_REGULATOR}' WHERE code = '421200-SCJG';
UPDATE platform_unit SET roles = '{MARKET_REGULATOR}'
WHERE code LIKE '%-SCJG' AND code <> '421200-SCJG' AND kind = 'SUBUNIT';

-- A fresh installation (no user, no row anywhere that references a unit) drops the units V1_1
-- seeded, so that the start-up loader fills the empty register from the configured city's file; the
-- sequence starts again, so the bundled file gives the same ids as V1_1 did. All or nothing: an
-- installation in use keeps its whole tree.
DO
$$
DECLARE
    fk   record;
    used boolean := EXISTS (SELECT 1 FROM platform_user);
BEGIN
    FOR fk IN
        SELECT c.conrelid::regclass AS tbl, a.attname AS col
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'platform_unit'::regclass
          AND c.conrelid <> 'platform_unit'::regclass
    LOOP
        EXIT WHEN used;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I IS NOT NULL)', fk.tbl, fk.col) INTO used;
    END LOOP;
    IF NOT used THEN
        DELETE FROM platform_unit;
        PERFORM setval(pg_get_serial_sequence('platform_unit', 'id'), 1, false);
    END IF;
END
$$;
