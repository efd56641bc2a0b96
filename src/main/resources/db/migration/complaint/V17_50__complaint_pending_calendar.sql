-- Issue 10 items 1 and 2: a deadline is never guessed. The acceptance (or check) period is stored as its start and
-- its length in working days, so that it can be recomputed when a year's holiday arrangement is replaced; when the
-- arrangement of a year it reaches is missing, the deadline stays NULL and calendar_pending_year names the year.
ALTER TABLE complaint_case ALTER COLUMN accept_due DROP NOT NULL;
ALTER TABLE complaint_case ADD COLUMN accept_from date;
ALTER TABLE complaint_case ADD COLUMN accept_days int;
ALTER TABLE complaint_case ADD COLUMN calendar_pending_year int;
UPDATE complaint_case SET accept_from = received_on,
       accept_days = CASE WHEN type = 'REPORT' THEN 15 * (CASE WHEN check_extended THEN 2 ELSE 1 END) ELSE 7 END;
