package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** After a commit: the alarm rules, then the listeners of other modules, per device in time order. */
@Component
class AfterStore implements IngestPipeline.AfterCommit {

    private static final Logger LOG = LoggerFactory.getLogger(AfterStore.class);

    private final Devices devices;
    private final AlarmEngine alarms;
    private final ObjectProvider<TelemetryListener> listeners;

    AfterStore(Devices devices, AlarmEngine alarms, ObjectProvider<TelemetryListener> listeners) {
        this.devices = devices;
        this.alarms = alarms;
        this.listeners = listeners;
    }

    @Override
    public void stored(List<Point> inserted, Instant receivedAt) {
        Map<Long, List<Point>> byDevice = new LinkedHashMap<>();
        for (Point p : inserted) {
            byDevice.computeIfAbsent(p.deviceId(), k -> new ArrayList<>()).add(p);
        }
        List<TelemetryListener> ls = listeners.orderedStream().toList();
        Map<Device, List<Point>> known = new LinkedHashMap<>();
        for (Map.Entry<Long, List<Point>> e : byDevice.entrySet()) {
            Device device = devices.byId(e.getKey()).orElse(null);
            if (device == null) {
                continue;
            }
            List<Point> pts = e.getValue();
            pts.sort(Comparator.comparing(Point::time));
            known.put(device, pts);
        }
        // the rules of the whole batch at once: one transaction, one statement for the changed rule states
        try {
            alarms.evaluate(known, receivedAt);
        } catch (RuntimeException ex) {
            LOG.warn("alarm rules failed for a batch of {} devices", known.size(), ex);
        }
        if (ls.isEmpty()) {
            return;
        }
        for (Map.Entry<Device, List<Point>> e : known.entrySet()) {
            Device device = e.getKey();
            for (TelemetryListener l : ls) {
                if (l.profiles().contains(device.profile())) {
                    try {
                        l.onPoints(device, e.getValue());
                    } catch (RuntimeException ex) {
                        LOG.warn("telemetry listener {} failed for device {}", l.getClass().getName(), device.id(), ex);
                    }
                }
            }
        }
    }
}
