-- Messages as message keys with arguments (platform Text as JSON), rendered in the reader's language when
-- shown. title and body stay: for a message posted as a key they hold its Chinese rendering (the fallback for
-- sorting and for an unknown key); messages written before this migration and notices sent by hand keep
-- their text there and are shown as written.
ALTER TABLE notification_message
    ADD COLUMN title_text jsonb,
    ADD COLUMN body_text  jsonb;
