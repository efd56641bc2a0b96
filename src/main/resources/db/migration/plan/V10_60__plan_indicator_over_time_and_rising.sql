-- Issue 10 (cor-indicators): how an indicator's values combine over time (SUM for flows; LAST for stocks
-- counted at period end, e.g. P8) and the "keeps rising" half of a target (W3: 不断提升,达到75分以上).
ALTER TABLE plan_indicator ADD COLUMN over_time varchar(8) NOT NULL DEFAULT 'SUM' CHECK (over_time IN ('SUM', 'LAST'));
ALTER TABLE plan_indicator ADD COLUMN target_rising boolean NOT NULL DEFAULT false;
