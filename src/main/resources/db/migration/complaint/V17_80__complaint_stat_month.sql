-- Complaint statistics from monthly summary rows (issue 13): every change of a case adds signed delta
-- rows (+1 for the new state, -1 for the old one, per breakdown) in the same statement, through
-- statement-level triggers; writers only INSERT into complaint_stat_delta, so they never wait on each
-- other's summary rows. A job folds the deltas into complaint_stat_month (every minute by default);
-- statistics read both, so the answer is exact at any time, and a range is a scan of months.
-- Repeat reports (repeat_of_id set) are never counted. Keys: district = district_unit_id; decided and
-- handled are histograms of days from receipt (for averages and exact percentiles).
CREATE TABLE complaint_stat_month (
    month   date         NOT NULL,
    unit_id bigint       NOT NULL,
    dim     varchar(12)  NOT NULL,
    key     varchar(200) NOT NULL,
    n       bigint       NOT NULL,
    money   numeric(18, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit_id, dim, key)
);
CREATE TABLE complaint_stat_delta (
    month   date         NOT NULL,
    unit_id bigint       NOT NULL,
    dim     varchar(12)  NOT NULL,
    key     varchar(200) NOT NULL,
    n       bigint       NOT NULL,
    money   numeric(18, 2) NOT NULL DEFAULT 0
);

CREATE FUNCTION complaint_stat_after_insert() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO complaint_stat_delta (month, unit_id, dim, key, n, money)
        SELECT CAST(date_trunc('month', r.received_on) AS date), r.unit_id, v.dim, v.key, sum(r.s),
               sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END)
        FROM (SELECT x.*, 1 AS s FROM new_rows x) r,
             LATERAL (VALUES ('total', ''), ('channel', r.channel), ('type', r.type), ('category', r.category),
                       ('district', CAST(r.district_unit_id AS text)), ('respondent', r.respondent_name),
                       ('subcat', COALESCE(r.subcategory, r.category)), ('satisfaction', r.satisfaction),
                       ('outcome', r.outcome), ('decided', CAST(r.decided_on - r.received_on AS text)),
                       ('handled', CAST(r.handled_on - r.received_on AS text))) v(dim, key)
        WHERE r.repeat_of_id IS NULL AND v.key IS NOT NULL
        GROUP BY 1, 2, 3, 4
        HAVING sum(r.s) <> 0 OR sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END) <> 0;
    RETURN NULL;
END
$$;
CREATE FUNCTION complaint_stat_after_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO complaint_stat_delta (month, unit_id, dim, key, n, money)
        SELECT CAST(date_trunc('month', r.received_on) AS date), r.unit_id, v.dim, v.key, sum(r.s),
               sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END)
        FROM (SELECT x.*, 1 AS s FROM new_rows x UNION ALL SELECT y.*, -1 AS s FROM old_rows y) r,
             LATERAL (VALUES ('total', ''), ('channel', r.channel), ('type', r.type), ('category', r.category),
                       ('district', CAST(r.district_unit_id AS text)), ('respondent', r.respondent_name),
                       ('subcat', COALESCE(r.subcategory, r.category)), ('satisfaction', r.satisfaction),
                       ('outcome', r.outcome), ('decided', CAST(r.decided_on - r.received_on AS text)),
                       ('handled', CAST(r.handled_on - r.received_on AS text))) v(dim, key)
        WHERE r.repeat_of_id IS NULL AND v.key IS NOT NULL
        GROUP BY 1, 2, 3, 4
        HAVING sum(r.s) <> 0 OR sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END) <> 0;
    RETURN NULL;
END
$$;
CREATE FUNCTION complaint_stat_after_delete() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO complaint_stat_delta (month, unit_id, dim, key, n, money)
        SELECT CAST(date_trunc('month', r.received_on) AS date), r.unit_id, v.dim, v.key, sum(r.s),
               sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END)
        FROM (SELECT y.*, -1 AS s FROM old_rows y) r,
             LATERAL (VALUES ('total', ''), ('channel', r.channel), ('type', r.type), ('category', r.category),
                       ('district', CAST(r.district_unit_id AS text)), ('respondent', r.respondent_name),
                       ('subcat', COALESCE(r.subcategory, r.category)), ('satisfaction', r.satisfaction),
                       ('outcome', r.outcome), ('decided', CAST(r.decided_on - r.received_on AS text)),
                       ('handled', CAST(r.handled_on - r.received_on AS text))) v(dim, key)
        WHERE r.repeat_of_id IS NULL AND v.key IS NOT NULL
        GROUP BY 1, 2, 3, 4
        HAVING sum(r.s) <> 0 OR sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END) <> 0;
    RETURN NULL;
END
$$;
CREATE TRIGGER complaint_stat_insert AFTER INSERT ON complaint_case REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_stat_after_insert();
CREATE TRIGGER complaint_stat_update AFTER UPDATE ON complaint_case REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_stat_after_update();
CREATE TRIGGER complaint_stat_delete AFTER DELETE ON complaint_case REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_stat_after_delete();

-- the cases so far
INSERT INTO complaint_stat_delta (month, unit_id, dim, key, n, money)
        SELECT CAST(date_trunc('month', r.received_on) AS date), r.unit_id, v.dim, v.key, sum(r.s),
               sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END)
        FROM (SELECT x.*, 1 AS s FROM complaint_case x) r,
             LATERAL (VALUES ('total', ''), ('channel', r.channel), ('type', r.type), ('category', r.category),
                       ('district', CAST(r.district_unit_id AS text)), ('respondent', r.respondent_name),
                       ('subcat', COALESCE(r.subcategory, r.category)), ('satisfaction', r.satisfaction),
                       ('outcome', r.outcome), ('decided', CAST(r.decided_on - r.received_on AS text)),
                       ('handled', CAST(r.handled_on - r.received_on AS text))) v(dim, key)
        WHERE r.repeat_of_id IS NULL AND v.key IS NOT NULL
        GROUP BY 1, 2, 3, 4
        HAVING sum(r.s) <> 0 OR sum(CASE WHEN v.dim = 'total' THEN COALESCE(r.money_recovered, 0) * r.s ELSE 0 END) <> 0;
INSERT INTO complaint_stat_month (month, unit_id, dim, key, n, money)
SELECT month, unit_id, dim, key, sum(n), sum(money) FROM complaint_stat_delta GROUP BY 1, 2, 3, 4;
DELETE FROM complaint_stat_delta;
