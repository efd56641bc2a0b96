package org.qualitycity.monitoring;

import java.time.Instant;

/** Published when an alarm is raised, acknowledged or cleared (state RAISED, ACKNOWLEDGED, CLEARED). */
public record AlarmChanged(long alarmId, long deviceId, String rule, String severity, String state, Instant at) {
}
