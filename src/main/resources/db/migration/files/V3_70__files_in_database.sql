-- Attachments live in PostgreSQL, where every application node reads them (issue 10, item 11).
-- The bytes are stored in chunks of 1 MiB, so that an upload or a download never holds more than one
-- chunk in memory. `store` says where an attachment's bytes are: DATABASE (files_chunk), DISK (a file
-- under the data directory written before this migration; the application copies those into the
-- database when it starts and then marks them DATABASE) or S3 (an object store, an extension point).
ALTER TABLE files_attachment ADD COLUMN store varchar(12) NOT NULL DEFAULT 'DISK'
    CHECK (store IN ('DISK', 'DATABASE', 'S3'));
ALTER TABLE files_attachment ALTER COLUMN store SET DEFAULT 'DATABASE';
CREATE INDEX files_attachment_on_disk_idx ON files_attachment (id) WHERE store = 'DISK';

CREATE TABLE files_chunk (
    storage_key varchar(64) NOT NULL REFERENCES files_attachment (storage_key),
    seq         int         NOT NULL CHECK (seq >= 0),
    data        bytea       NOT NULL,
    PRIMARY KEY (storage_key, seq)
);
