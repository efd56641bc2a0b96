package org.qualitycity.monitoring;

import java.util.List;
import java.util.Set;

/**
 * SPI: a module that reacts to a device's points as they are stored (e.g. the elevator module's trapped-passenger
 * detection). Called after the points are committed, on the ingestion worker thread, per device in time order;
 * must be quick (no blocking I/O besides a short DB write).
 */
public interface TelemetryListener {

    Set<DeviceProfile> profiles();

    void onPoints(Device device, List<Point> points);
}
