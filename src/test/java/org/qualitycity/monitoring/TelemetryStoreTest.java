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

    @Test
    void pointsAreStoredOnceAndRolledUpOverNormalValuesOnly() {
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
    }
}
