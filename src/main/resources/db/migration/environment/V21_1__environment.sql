-- Environment (issue 16): the stations' figures are computed from the monitoring module's roll-ups; this module
-- grants its read permission to the officers of departments and districts.
UPDATE platform_role SET permissions = permissions || ARRAY['environment:station:view']
WHERE code IN ('DEPT_OFFICER', 'DISTRICT_OFFICER');
