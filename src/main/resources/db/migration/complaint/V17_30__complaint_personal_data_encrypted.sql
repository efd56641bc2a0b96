-- Personal data of complainants and reporters is stored encrypted ("pd1:<key id>:<base64>", see
-- platform PersonalData); equality look-ups go through keyed hashes (HMAC-SHA256, hex).
ALTER TABLE complaint_case
    ALTER COLUMN person_name TYPE text,
    ALTER COLUMN person_phone TYPE text,
    ALTER COLUMN person_id_number TYPE text,
    ALTER COLUMN person_address TYPE text,
    ADD COLUMN person_phone_hash  char(64),
    ADD COLUMN person_phone4_hash char(64),
    ADD COLUMN person_name_hash   char(64);
DROP INDEX complaint_case_reporter;
CREATE INDEX complaint_case_phone_hash ON complaint_case (person_phone_hash) WHERE person_phone_hash IS NOT NULL;
