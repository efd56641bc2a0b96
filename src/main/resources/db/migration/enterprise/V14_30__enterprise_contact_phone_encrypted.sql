-- The enterprise's contact phone is stored encrypted (platform PersonalData), with a keyed hash for look-ups.
ALTER TABLE enterprise
    ALTER COLUMN contact_phone TYPE text,
    ADD COLUMN contact_phone_hash char(64);
CREATE INDEX enterprise_contact_phone_hash ON enterprise (contact_phone_hash) WHERE contact_phone_hash IS NOT NULL;
