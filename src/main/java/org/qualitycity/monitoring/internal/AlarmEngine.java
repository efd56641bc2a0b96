package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Point;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Evaluates the alarm rules of a device's profile on its new points. */
@Component
class AlarmEngine {

    void evaluate(Device device, List<Point> points, Instant receivedAt) {
    }
}
