-- Functional data scope (issue 14): a role's data scope may be set per module. A row here overrides the role's
-- data_scope for the records of one module (the module's name: enterprise, spotcheck, credit, complaint, ...);
-- every other module keeps the role's data_scope. A user's scope in a module is the broadest over their roles of
-- (the role's scope for that module, else the role's data_scope). Edited with the role by the security
-- administrator (platform:role:edit), audited with the role.
CREATE TABLE platform_role_module_scope (
    role_id    bigint      NOT NULL REFERENCES platform_role (id) ON DELETE CASCADE,
    module     varchar(40) NOT NULL CHECK (module ~ '^[a-z][a-z0-9]*$'),
    data_scope varchar(20) NOT NULL CHECK (data_scope IN ('ALL', 'UNIT_AND_BELOW', 'UNIT', 'SELF')),
    PRIMARY KEY (role_id, module)
);

-- The market regulator supervises enterprises, spot checks, credit and complaints in every district (DESIGN §19):
-- a role that grants no permission of its own and widens those four modules to the whole city. Given beside the
-- officer's role (e.g. DEPT_OFFICER) to the officers of the city market regulator; its own data_scope (UNIT) is
-- never broader than the role it accompanies, so tasks, indicator values and the rest stay within the unit.
INSERT INTO platform_role (code, name_zh, name_en, data_scope, permissions, builtin)
VALUES ('MARKET_CITYWIDE', '市场监管职能范围（全市）', 'Market supervision, city-wide', 'UNIT', '{}', true);
INSERT INTO platform_role_module_scope (role_id, module, data_scope)
SELECT r.id, m.module, 'ALL' FROM platform_role r,
       (VALUES ('enterprise'), ('spotcheck'), ('credit'), ('complaint')) AS m (module)
WHERE r.code = 'MARKET_CITYWIDE';
