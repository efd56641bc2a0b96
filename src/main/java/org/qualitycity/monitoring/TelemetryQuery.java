package org.qualitycity.monitoring;

import java.time.Instant;
import java.util.List;

/** Reads stored telemetry: raw points (all flags) and roll-ups ("N" values only); ranges are [from, to). */
public interface TelemetryQuery {

    List<Point> raw(long deviceId, String metric, Instant from, Instant to);

    List<Rollup> hourly(long deviceId, String metric, Instant from, Instant to);

    List<Rollup> daily(long deviceId, String metric, Instant from, Instant to);

    /** Daily roll-ups of many devices of a profile in one set-based query (for indicator providers). */
    List<Rollup> daily(DeviceProfile profile, String metric, Instant from, Instant to);
}
