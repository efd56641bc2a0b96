-- User inbox (version range 5.x belongs to the notification module). A message is addressed either to
-- one user (read state in read_at) or to a unit, whose users each read it separately (notification_read).
CREATE TABLE notification_message (
    id                bigserial PRIMARY KEY,
    recipient_user_id bigint REFERENCES platform_user (id) ON DELETE CASCADE,
    recipient_unit_id bigint REFERENCES platform_unit (id) ON DELETE CASCADE,
    category          varchar(40)   NOT NULL,
    title             varchar(200)  NOT NULL,
    body              varchar(4000),
    link              varchar(500),
    severity          varchar(8)    NOT NULL DEFAULT 'INFO' CHECK (severity IN ('INFO', 'WARN', 'ALERT')),
    created_by        bigint REFERENCES platform_user (id) ON DELETE SET NULL,  -- null: posted by the system
    created_at        timestamptz   NOT NULL DEFAULT now(),
    read_at           timestamptz,
    CONSTRAINT notification_one_recipient CHECK ((recipient_user_id IS NULL) <> (recipient_unit_id IS NULL)),
    CONSTRAINT notification_read_at_for_user CHECK (read_at IS NULL OR recipient_user_id IS NOT NULL)
);
CREATE INDEX notification_message_user_idx ON notification_message (recipient_user_id, id DESC)
    WHERE recipient_user_id IS NOT NULL;
CREATE INDEX notification_message_unit_idx ON notification_message (recipient_unit_id, id DESC)
    WHERE recipient_unit_id IS NOT NULL;

CREATE TABLE notification_read (
    message_id bigint      NOT NULL REFERENCES notification_message (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES platform_user (id) ON DELETE CASCADE,
    read_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX notification_read_user_idx ON notification_read (user_id);
