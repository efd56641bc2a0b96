package org.qualitycity.monitoring;

import java.time.Instant;

/** A roll-up bucket (hour, or day in the application zone) over "N" values only. */
public record Rollup(long deviceId, String metric, Instant bucket, double avg, double min, double max, long count) {
}
