-- Issue 10 item 9 (cor-w2): what an indicator counts, in words, shown on its page (plan file: definition_zh/_en).
ALTER TABLE plan_indicator ADD COLUMN definition_zh varchar(2000);
ALTER TABLE plan_indicator ADD COLUMN definition_en varchar(4000);
