-- Which kind of account may hold a role: government staff, an enterprise, or a citizen. A user's roles
-- are all of one kind; a grant across kinds is refused (UserService), so that an enterprise account
-- never becomes a district officer and a staff account never an enterprise user.
ALTER TABLE platform_role ADD COLUMN account_kind varchar(12) NOT NULL DEFAULT 'STAFF'
    CHECK (account_kind IN ('STAFF', 'ENTERPRISE', 'CITIZEN'));
UPDATE platform_role SET account_kind = 'ENTERPRISE', updated_at = now() WHERE code = 'ENTERPRISE' AND builtin;
