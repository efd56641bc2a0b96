-- Issue 10 item 1: one warning per year whose holiday arrangement is missing when a deadline needs it or the next
-- 60 days reach it. The primary key makes the warning idempotent and safe with several nodes.
CREATE TABLE calendar_missing_warning (
    year       int PRIMARY KEY,
    warned_at  timestamptz  NOT NULL,
    warned_on  date         NOT NULL,
    reason     varchar(100) NOT NULL
);
