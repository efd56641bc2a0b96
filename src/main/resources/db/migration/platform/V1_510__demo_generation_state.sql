-- Issue 13 (start-up): the demo data set is generated in two steps, the accounts before readiness and the rest in the
-- background after it. The marker row is written with the accounts; `complete` turns true when the rest is committed
-- (a start that finds it false generates the rest again). Rows written before this migration mark complete data sets.
ALTER TABLE platform_demo ADD COLUMN complete boolean NOT NULL DEFAULT true;
