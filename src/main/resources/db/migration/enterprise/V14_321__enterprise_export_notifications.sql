-- P5 (issue 14): export notifications (境外通报) of locally made products and export batches per unit and year.
-- The national average (P5's comparator P5_NATIONAL_AVG) stays a value reported by customs with its source in the
-- value's comment (the indicator engine's comparators are reported values).
CREATE TABLE enterprise_export_notification (
    id            bigserial    PRIMARY KEY,
    notified_on   date         NOT NULL,
    country       varchar(100) NOT NULL,
    product       varchar(200) NOT NULL,
    enterprise_id bigint       NOT NULL REFERENCES enterprise (id),
    unit_id       bigint       NOT NULL REFERENCES platform_unit (id),
    reason        varchar(500) NOT NULL,
    demo          boolean      NOT NULL DEFAULT false,
    created_by    bigint,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_export_notification_unit_idx ON enterprise_export_notification (unit_id, notified_on);

CREATE TABLE enterprise_export_batches (
    unit_id    bigint       NOT NULL REFERENCES platform_unit (id),
    year       int          NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    batches    int          NOT NULL CHECK (batches >= 0),
    source     varchar(200),
    demo       boolean      NOT NULL DEFAULT false,
    updated_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_id, year)
);
