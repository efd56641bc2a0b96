-- Issue 10 item 6: breakdown lines explained by message keys with arguments (rendered in the reader's language),
-- and units to which no scored item applies are not ranked.
ALTER TABLE assessment_line ADD COLUMN detail_key varchar(100);
ALTER TABLE assessment_line ADD COLUMN detail_args text[];
ALTER TABLE assessment_score ALTER COLUMN rank DROP NOT NULL;
