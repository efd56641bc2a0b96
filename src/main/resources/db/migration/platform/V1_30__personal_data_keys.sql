-- Encryption of personal data at rest: data keys, each wrapped (AES-GCM) by the master key that is kept
-- outside the database (key file under the data directory, or QC_MASTER_KEY). ENCRYPT keys encrypt
-- values (the key id is stored with each value); the HMAC key computes the look-up hashes.
CREATE TABLE platform_data_key (
    id            integer     PRIMARY KEY,
    purpose       varchar(10) NOT NULL CHECK (purpose IN ('ENCRYPT', 'HMAC')),
    wrapped       bytea       NOT NULL,
    master_key_id varchar(16) NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    rewrapped_at  timestamptz
);
