-- Officers see the devices and alarms of their units and acknowledge alarms; the city administrator holds '*'.
UPDATE platform_role SET permissions = permissions || ARRAY['monitoring:device:view', 'monitoring:alarm:view',
    'monitoring:alarm:ack']
WHERE code IN ('DISTRICT_OFFICER', 'DEPT_OFFICER') AND builtin;
