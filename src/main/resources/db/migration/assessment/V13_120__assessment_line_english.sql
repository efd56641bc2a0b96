-- Breakdown lines are shown in the reader's language: the English category and label of a scheme item's line
-- beside the Chinese ones (the scheme items carry both names). Lines computed before this migration have none
-- and are shown with their Chinese names; adjustment and scaling lines are rendered from message keys.
ALTER TABLE assessment_line
    ADD COLUMN category_en varchar(100),
    ADD COLUMN label_en    varchar(300);
