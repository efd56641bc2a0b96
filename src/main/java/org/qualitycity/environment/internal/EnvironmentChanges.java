package org.qualitycity.environment.internal;

import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryListener;
import org.qualitycity.platform.ApplicationZone;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New measurements of the environmental stations make the indicator engine recompute the elements they feed: the
 * listener notes the years that received points (per element set), and a timer publishes one
 * {@link ComputedDataChanged} per set every {@code qc.environment.recompute-ms} (default a minute), so that a
 * section turning class IV shows on the dashboard without anyone typing it and without a recompute per batch.
 * The notes are per node: each node announces what it ingested.
 */
@Component
class EnvironmentChanges implements TelemetryListener {

    private static final Map<DeviceProfile, Set<String>> ELEMENTS = Map.of(
            DeviceProfile.AIR_STATION, Set.of("G1_GOOD_DAYS", "G1_VALID_DAYS"),
            DeviceProfile.WATER_SECTION, Set.of("G2_SECTIONS_III", "G2_SECTIONS"),
            DeviceProfile.DRINKING_WATER_SOURCE, Set.of("G5_COMPLIANT_VOLUME", "G5_TOTAL_VOLUME"));

    private final Map<DeviceProfile, Set<Integer>> dirty = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    EnvironmentChanges(ApplicationEventPublisher events, TransactionTemplate tx) {
        this.events = events;
        this.tx = tx;
    }

    @Override
    public Set<DeviceProfile> profiles() {
        return ELEMENTS.keySet();
    }

    @Override
    public void onPoints(Device device, java.util.List<Point> points) {
        Set<Integer> years = dirty.computeIfAbsent(device.profile(), k -> ConcurrentHashMap.newKeySet());
        for (Point p : points) {
            years.add(p.time().atZone(ApplicationZone.ZONE).getYear());
        }
    }

    @Scheduled(fixedDelayString = "${qc.environment.recompute-ms:60000}", initialDelayString = "${qc.environment.recompute-ms:60000}")
    void announce() {
        for (DeviceProfile profile : ELEMENTS.keySet()) {
            Set<Integer> years = dirty.get(profile);
            if (years == null || years.isEmpty()) {
                continue;
            }
            Set<Integer> taken = Set.copyOf(years);
            years.removeAll(taken);
            tx.executeWithoutResult(s -> events.publishEvent(new ComputedDataChanged(ELEMENTS.get(profile), taken)));
        }
    }
}
