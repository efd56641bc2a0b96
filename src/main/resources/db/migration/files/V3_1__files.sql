-- Attachments of records of any module (version range 3.x belongs to the files module).
-- The bytes live in the file store under storage_key (a generated UUID), never under the user's name.
CREATE TABLE files_attachment (
    id           bigserial PRIMARY KEY,
    owner_type   varchar(40)  NOT NULL,  -- e.g. 'unit', 'task'; access is decided by the owner type's policy
    owner_id     bigint       NOT NULL,
    unit_id      bigint REFERENCES platform_unit (id),
    filename     varchar(255) NOT NULL,  -- as uploaded, for display and download only
    content_type varchar(120) NOT NULL,  -- detected from the content
    size_bytes   bigint       NOT NULL CHECK (size_bytes > 0),
    sha256       char(64)     NOT NULL,
    storage_key  varchar(64)  NOT NULL UNIQUE,
    created_by   bigint REFERENCES platform_user (id),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    deleted_by   bigint REFERENCES platform_user (id)
);
CREATE INDEX files_attachment_owner_idx ON files_attachment (owner_type, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX files_attachment_unit_idx ON files_attachment (unit_id);
