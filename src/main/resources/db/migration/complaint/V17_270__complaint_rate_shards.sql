-- Issue 13: the abuse counters no longer serialise every submission from one address on one row. A key's
-- count in a window is spread over a few shard rows (each hit increments one, chosen at random) and read as
-- their sum, in one auto-committed statement; see ADR 0010.
ALTER TABLE complaint_rate ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE complaint_rate DROP CONSTRAINT complaint_rate_pkey;
ALTER TABLE complaint_rate ADD PRIMARY KEY (key, window_start, shard);
