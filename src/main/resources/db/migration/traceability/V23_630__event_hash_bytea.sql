-- Issue 17 (capture): the event hash (SHA-256 of the CBV 2.0 pre-hash string) stored as its 32 bytes instead of 64
-- hex characters. The unique index that deduplicates re-sent events shrinks to about 60 % of its size (48 instead of
-- 80 bytes per entry), so that more of it stays in the buffer pool: every capture inserts into it at random places.
-- Existing rows (also those re-filed by V23_550) keep their hash, in bytes.
ALTER TABLE traceability_event ALTER COLUMN hash TYPE bytea USING decode(hash, 'hex');
