package org.qualitycity.monitoring;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Units;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The public API: register, write (idempotent by device, metric and time), raw points and roll-ups over N only. */
@QcIntegrationTest
class TelemetryStoreTest {

    @Autowired
    Devices devices;
    @Autowired
    TelemetryWriter writer;
    @Autowired
    TelemetryQuery query;
    @Autowired
    Units units;
    @Autowired
    org.qualitycity.monitoring.internal.IngestPipeline pipeline;
    @Autowired
    org.qualitycity.monitoring.internal.PartitionMaintenance partitions;
    @Autowired
    org.qualitycity.support.MutableClock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    List<String> partitionNames() {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'monitoring_point'::regclass AND c.relname LIKE 'monitoring_point_y1990m%'
                        ORDER BY 1""").query(String.class).list();
    }

    @Test
    void retentionDropsWholeOldPartitionsAndKeepsTheRollups() {
        Device d = devices.register(DeviceProfile.AIR_STATION, "R-" + UUID.randomUUID(), "retention test",
                units.city().id(), "secret", Map.of(), false);
        // far in the past, so that no other test's months are touched
        Instant jan = Instant.parse("1990-01-15T02:00:00Z");
        Instant feb = Instant.parse("1990-02-15T02:00:00Z");
        Instant mar = Instant.parse("1990-03-15T02:00:00Z");
        writer.write(List.of(new Point(d.id(), "a34004", jan, 10), new Point(d.id(), "a34004", jan.plusSeconds(60), 20),
                new Point(d.id(), "a34004", feb, 30), new Point(d.id(), "a34004", mar, 40)));
        assertThat(partitionNames()).containsExactly("monitoring_point_y1990m01", "monitoring_point_y1990m02",
                "monitoring_point_y1990m03");
        clock.set(Instant.parse("1990-03-20T00:00:00Z"));
        try {
            assertThat(partitions.retain(0)).as("0 keeps everything").isEmpty();
            // keep two months (March and February): January goes, whole
            assertThat(partitions.retain(2)).containsExactly("monitoring_point_y1990m01");
        } finally {
            clock.reset();
        }
        assertThat(partitionNames()).containsExactly("monitoring_point_y1990m02", "monitoring_point_y1990m03");
        assertThat(query.raw(d.id(), "a34004", jan.minusSeconds(86400), mar.plusSeconds(86400)))
                .extracting(Point::time).containsExactly(feb, mar);
        // the roll-ups of the dropped month stay (charts and indicators read them)
        List<Rollup> janDays = query.daily(d.id(), "a34004", jan.minusSeconds(86400), jan.plusSeconds(86400));
        assertThat(janDays).hasSize(1);
        assertThat(janDays.get(0).avg()).isEqualTo(15.0);
        assertThat(query.hourly(d.id(), "a34004", jan.minusSeconds(3600), jan.plusSeconds(3600))).hasSize(1);
        // a late point of the dropped month gets its partition again
        writer.write(List.of(new Point(d.id(), "a34004", jan.plusSeconds(120), 30)));
        assertThat(query.raw(d.id(), "a34004", jan.minusSeconds(86400), jan.plusSeconds(86400))).hasSize(1);
    }

    @Test
    void pointsAreStoredOnceAndRolledUpOverNormalValuesOnly() throws InterruptedException {
        Device d = devices.register(DeviceProfile.AIR_STATION, "T-" + UUID.randomUUID(), "store test",
                units.city().id(), "secret", Map.of("lat", "29.8"), false);
        assertThat(devices.byCode(d.code())).contains(d);
        assertThat(devices.byProfile(DeviceProfile.AIR_STATION)).contains(d);
        Instant h = Instant.parse("2025-03-01T02:00:00Z");
        List<Point> pts = List.of(new Point(d.id(), "a34004", h, 10),
                new Point(d.id(), "a34004", h.plusSeconds(60), 30),
                new Point(d.id(), "a34004", h.plusSeconds(120), 900, "M"),
                new Point(d.id(), "a34004", h.plusSeconds(3600), 50));
        writer.write(pts);
        writer.write(pts);
        assertThat(query.raw(d.id(), "a34004", h, h.plusSeconds(7200))).hasSize(4);
        List<Rollup> hours = query.hourly(d.id(), "a34004", h, h.plusSeconds(7200));
        assertThat(hours).hasSize(2);
        assertThat(hours.get(0).count()).isEqualTo(2);
        assertThat(hours.get(0).avg()).isEqualTo(20.0);
        assertThat(hours.get(0).max()).isEqualTo(30.0);
        List<Rollup> days = query.daily(d.id(), "a34004", h.minusSeconds(86400), h.plusSeconds(86400));
        assertThat(days).hasSize(1);
        assertThat(days.get(0).count()).isEqualTo(3);
        assertThat(days.get(0).avg()).isEqualTo(30.0);
        assertThat(query.daily(DeviceProfile.AIR_STATION, "a34004", h.minusSeconds(86400), h.plusSeconds(86400)))
                .contains(days.get(0));

        // a batch of an old point, a new one and the new one again: one new point, stored and rolled up once
        Point fresh = new Point(d.id(), "a34004", h.plusSeconds(180), 70);
        assertThat(pipeline.put(List.of(pts.get(0), fresh, fresh)).join()).isEqualTo(1);
        assertThat(query.raw(d.id(), "a34004", h, h.plusSeconds(7200))).hasSize(5);
        List<Rollup> after = query.hourly(d.id(), "a34004", h, h.plusSeconds(7200));
        assertThat(after.get(0).count()).isEqualTo(3);
        assertThat(after.get(0).max()).isEqualTo(70.0);
    }
}
