package org.qualitycity.monitoring;

import java.util.List;

/**
 * Writes points through the same pipeline as the network receivers (queue, dedup by (device, metric, time),
 * roll-ups, alarm rules). Returns when the points are durably stored.
 */
public interface TelemetryWriter {

    void write(List<Point> points);
}
