package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo simulator (demo data only: on when demo devices exist and {@code QC_DEMO} is not {@code false}): at
 * start-up and every minute it feeds every demo device one reading per metric at the current minute through the
 * normal ingestion pipeline ({@link TelemetryWriter}: roll-ups, alarm rules, listeners), so that the demo devices
 * are online and their "no data" rules stay quiet. Each metric repeats the device's latest hourly average (air
 * quality with a small random variation); elevators report standing at a floor, doors closed, no passenger.
 * Readings are at whole minutes, so two nodes feeding the same minute store it once. A demo device whose
 * attribute {@code demoSilent} is {@code true} (a demo meter that stopped reporting) is left silent.
 */
@Component
class DemoTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTelemetry.class);

    /** The latest hourly average of each demo device's metrics, and the idle status of the demo elevators. */
    private static final String LATEST = """
            SELECT * FROM (
                SELECT DISTINCT ON (r.device_id, r.metric) r.device_id, d.profile, r.metric, r.sum / r.count AS value
                FROM monitoring_rollup_hour r JOIN monitoring_device d ON d.id = r.device_id
                WHERE d.demo AND d.profile <> 'ELEVATOR' AND r.count > 0 AND strpos(r.metric, '-') = 0
                  AND coalesce(d.attributes ->> 'demoSilent', 'false') <> 'true'
                ORDER BY r.device_id, r.metric, r.bucket DESC) latest
            UNION ALL
            SELECT d.id, d.profile, s.metric, s.value FROM monitoring_device d
            CROSS JOIN (VALUES ('door_zone', 1.0), ('door_closed', 1.0), ('passenger', 0.0), ('moving', 0.0)) s(metric, value)
            WHERE d.demo AND d.profile = 'ELEVATOR'""";

    private final JdbcClient jdbc;
    private final TelemetryWriter writer;
    private final Clock clock;
    private final boolean enabled;

    DemoTelemetry(JdbcClient jdbc, TelemetryWriter writer, Clock clock, @Value("${qc.demo:}") String demo) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.clock = clock;
        this.enabled = !"false".equalsIgnoreCase(demo.trim());
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (enabled) {
            int n = feed();
            if (n > 0) {
                LOG.info("Demo telemetry simulator: {} readings of the demo devices now, then every minute", n);
            }
        }
    }

    @Scheduled(fixedDelayString = "${qc.monitoring.demo-feed-ms:60000}",
            initialDelayString = "${qc.monitoring.demo-feed-ms:60000}")
    void everyMinute() {
        if (enabled) {
            feed();
        }
    }

    /** Feeds one reading per demo device and metric at the current minute; answers how many. */
    int feed() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Point> points = new ArrayList<>();
        jdbc.sql(LATEST).query(rs -> {
            double v = rs.getDouble("value");
            if ("AIR_STATION".equals(rs.getString("profile"))) {
                v = Math.round(v * (0.95 + 0.1 * ThreadLocalRandom.current().nextDouble()) * 10) / 10.0;
            }
            points.add(new Point(rs.getLong("device_id"), rs.getString("metric"), now, v));
        });
        if (!points.isEmpty()) {
            writer.write(points);
        }
        return points.size();
    }
}
