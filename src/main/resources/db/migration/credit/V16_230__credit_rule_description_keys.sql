-- Issue 12 (one language per screen): the rule descriptions were stored as glued "中文 / English" text. Each
-- rule's description is now its message key (credit.rule.CODE in both bundles), rendered in the reader's
-- language (Texts.renderStored); a rule added later without a key keeps the text it is given.
UPDATE credit_rule SET description = 'credit.rule.' || code
WHERE code IN ('BASE', 'FAILED_BATCH', 'OVERDUE_RECTIFICATION', 'PENALTY', 'HONOUR', 'CLEAN_HISTORY',
               'GRADE_A', 'GRADE_B', 'GRADE_C');
