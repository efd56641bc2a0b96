-- issue 12 (entry): an uploaded data-entry workbook waiting for its uploader's confirmation (the preview step).
-- Nothing of it is a value until confirmed; it belongs to the user who uploaded it and nobody else reads it.
CREATE TABLE indicator_upload_stage (
    id         uuid         PRIMARY KEY,
    user_id    bigint       NOT NULL,
    file_name  text         NOT NULL,
    content    bytea        NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX indicator_upload_stage_created ON indicator_upload_stage (created_at);
