package org.qualitycity.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Read access to the alarms that are active now (raised or acknowledged, not cleared), city-wide, for the quality
 * office's big screen (portal). Callers check their own permission; this answers whatever the caller's scope.
 */
public interface ActiveAlarms {

    /** An active alarm: its device, the unit the device belongs to (code), its rule and when it was raised. */
    record ActiveAlarm(long id, String deviceCode, String deviceName, String profile, String unitCode, String rule,
                       String severity, String state, Instant raisedAt) {
    }

    /** Active alarms, the most severe first, then the newest; at most {@code limit}. */
    List<ActiveAlarm> active(int limit);

    /** How many alarms are active now. */
    long countActive();
}
