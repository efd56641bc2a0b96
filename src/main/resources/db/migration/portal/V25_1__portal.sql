-- The public portal: quality hot topics proposed by the public (质量热点问题征集), moderated by the city quality
-- office before publication, and the per-address counters that limit public submissions and look-ups.

CREATE TABLE portal_hot_topic (
    id             bigserial PRIMARY KEY,
    category       varchar(12)   NOT NULL CHECK (category IN ('PRODUCT', 'ENGINEERING', 'SERVICE', 'ECOLOGY',
                                                             'GOVERNMENT', 'OTHER')),
    title          varchar(100)  NOT NULL,
    body           varchar(2000) NOT NULL,
    -- the text as published: personal data removed (PersonalDataRedactor) when the office publishes it
    public_title   varchar(100),
    public_body    varchar(2000),
    status         varchar(10)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PUBLISHED', 'REJECTED')),
    submitted_at   timestamptz   NOT NULL,
    moderated_at   timestamptz,
    moderated_by   bigint,
    reject_reason  varchar(400),
    demo           boolean       NOT NULL DEFAULT false
);
CREATE INDEX portal_hot_topic_status_idx ON portal_hot_topic (status, submitted_at DESC);

-- Fixed-window counters per key (client address), spread over shard rows (as complaint_rate, ADR 0010).
CREATE TABLE portal_rate (
    key          varchar(80) NOT NULL,
    window_start timestamptz NOT NULL,
    shard        int         NOT NULL,
    hits         int         NOT NULL,
    PRIMARY KEY (key, window_start, shard)
);
