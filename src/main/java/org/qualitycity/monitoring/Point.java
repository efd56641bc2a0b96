package org.qualitycity.monitoring;

import java.time.Instant;

/**
 * One measurement. flag: the HJ 212 flag ("N" normal; others e.g. "M" maintenance, "D" fault, ...);
 * HTTP/MQTT points default to "N". Only "N" counts toward thresholds, roll-ups and statistics.
 */
public record Point(long deviceId, String metric, Instant time, double value, String flag) {

    public static final String NORMAL = "N";

    public Point {
        flag = flag == null || flag.isBlank() ? NORMAL : flag;
    }

    public Point(long deviceId, String metric, Instant time, double value) {
        this(deviceId, metric, time, value, NORMAL);
    }

    /** Whether the value counts toward thresholds, roll-ups and statistics. */
    public boolean normal() {
        return NORMAL.equals(flag);
    }
}
