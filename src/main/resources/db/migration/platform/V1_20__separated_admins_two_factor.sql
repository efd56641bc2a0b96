-- 等保 2.0 level 3 (GB/T 22239-2019) application controls: separated administrators, two-factor login,
-- per-address login throttle.

-- Role patterns may exclude permissions with a leading '!': '{*,!platform:audit:*}' is everything but the audit trail.
-- The city administrator keeps business administration (plan, indicators, tasks, units and their staff) but no
-- longer edits roles, reads the audit trail or designates administrators.
UPDATE platform_role
SET permissions = ARRAY['*', '!platform:role:edit', '!platform:audit:*', '!platform:login-log:view',
                        '!platform:admin-role:grant'],
    updated_at = now()
WHERE code = 'CITY_ADMIN';

-- 三权分立: three administrators, no account holds two of them (nor one of them and the city administrator).
INSERT INTO platform_role (code, name_zh, name_en, data_scope, permissions, builtin) VALUES
    ('SYS_ADMIN', '系统管理员', 'System administrator', 'ALL',
     '{platform:unit:view,platform:unit:edit,platform:user:view,platform:user:edit,platform:role:view,platform:monitor:view,platform:admin-role:grant}',
     true),
    ('SEC_ADMIN', '安全管理员', 'Security administrator', 'ALL',
     '{platform:role:view,platform:role:edit,platform:user:view,platform:login-log:view}', true),
    ('AUDIT_ADMIN', '审计管理员', 'Audit administrator', 'ALL',
     '{platform:audit:*,platform:login-log:view}', true);

-- TOTP (RFC 6238): the base32 secret once enrolment is confirmed; a pending secret while enrolling.
ALTER TABLE platform_user ADD COLUMN totp_secret varchar(64);
ALTER TABLE platform_user ADD COLUMN totp_pending_secret varchar(64);
ALTER TABLE platform_user ADD COLUMN totp_enabled_at timestamptz;

-- Ten one-time recovery codes per enrolment, stored as SHA-256 (the codes have 50 bits of entropy).
CREATE TABLE platform_recovery_code (
    id         bigserial PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES platform_user (id) ON DELETE CASCADE,
    code_hash  char(64)    NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_recovery_code_user_idx ON platform_recovery_code (user_id);

-- The per-address throttle counts recent failures of one client address in the login log.
CREATE INDEX platform_login_log_ip_at_idx ON platform_login_log (ip, at) WHERE NOT success;
