-- Issue 10 (cor-indicators).
-- What a status was compared with, stored with the result so that every reader shows it:
--   basis_kind    TARGET, COMPARATOR, PREVIOUS_YEAR, BASE_YEAR, RUNNING_TOTAL, WINDOW_TOTAL, EACH_MEMBER, RATING
--   basis_value   the reference figure (the comparator, the previous year's or the base year's value)
--   basis_measure the quantity actually held against the target where it is not the value itself
--                 (running total to the due date, the window's count, growth in percent)
--   basis_span    the dates or years behind basis_measure (2017-03-01/2020-12-31, 2017/2018, 2016)
--   missing_members breakdown members (sectors) that have not reached the target yet (each_of targets)
ALTER TABLE indicator_result ADD COLUMN basis_kind varchar(20);
ALTER TABLE indicator_result ADD COLUMN basis_value numeric(30, 10);
ALTER TABLE indicator_result ADD COLUMN basis_measure numeric(30, 10);
ALTER TABLE indicator_result ADD COLUMN basis_span varchar(40);
ALTER TABLE indicator_result ADD COLUMN missing_members text[];

-- A value split by the indicator's breakdown (C6: pilots per sector). The members add up to the value.
CREATE TABLE indicator_value_member (
    element_code varchar(64)    NOT NULL,
    unit_id      bigint         NOT NULL,
    period       varchar(8)     NOT NULL,
    member       varchar(100)   NOT NULL,
    value        numeric(24, 6) NOT NULL CHECK (value >= 0),
    PRIMARY KEY (element_code, unit_id, period, member),
    FOREIGN KEY (element_code, unit_id, period) REFERENCES indicator_value (element_code, unit_id, period)
        ON DELETE CASCADE
);

-- Provenance: the share (0–1) of demo records behind a value. A computed value carries what its provider
-- counted; a generated demo value is 1; a value entered by a person is 0. Results carry the share of their inputs.
ALTER TABLE indicator_value ADD COLUMN demo_share numeric(7, 6);
ALTER TABLE indicator_result ADD COLUMN demo_share numeric(7, 6);

-- Evidence behind an assessed rating (QUALITATIVE targets with evidence_required): what was seen, where
-- the documents are (a text; attachments would need the files module, which indicator does not use yet).
ALTER TABLE indicator_value ADD COLUMN evidence varchar(2000);
