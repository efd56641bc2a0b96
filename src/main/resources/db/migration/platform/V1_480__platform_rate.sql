-- The one abuse limiter of the public entries (platform.RateLimits, ADR 0010): fixed-window counters per limit and
-- key ("<limit name>:<key>"), each key spread over shard rows, counted outside the callers' transactions. Replaces
-- complaint_rate, survey_rate and portal_rate (dropped by their modules' migrations V17_480, V19_80, V25_80).
CREATE TABLE platform_rate (
    key          varchar(120) NOT NULL,
    window_start timestamptz  NOT NULL,
    shard        smallint     NOT NULL,
    hits         int          NOT NULL,
    PRIMARY KEY (key, window_start, shard)
);
