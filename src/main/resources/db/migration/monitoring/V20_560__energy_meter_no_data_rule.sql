-- Issue 16: "a meter that stops reporting must be noticed the same day". The energy meter profile's "no data for N
-- hours" rule is data of every installation, not only of the demo: each meter is watched for its own number of hours
-- (attribute noDataHours; the energy page's late flag uses the same attribute). The environment module's EnergyAlerts
-- tell the enterprise and its regulator when it is raised. The demo's per-profile "no-data" rules skip this profile
-- now that the rule exists (same profile and code).
INSERT INTO monitoring_alarm_rule (profile, code, severity, kind, threshold_attribute, demo)
VALUES ('ENERGY_METER', 'no-data', 'MAJOR', 'NO_DATA', 'noDataHours', false)
ON CONFLICT (profile, code) DO UPDATE SET demo = false, enabled = true;

-- meters registered before this rule without their own number of hours: the energy page's default (6 hours)
UPDATE monitoring_device SET attributes = attributes || jsonb_build_object('noDataHours', '6')
WHERE profile = 'ENERGY_METER' AND attributes -> 'noDataHours' IS NULL;
