package org.qualitycity.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** A point's partition month is its UTC month, computed without zone rules, at every boundary. */
class PointStoreMonthTest {

    @Test
    void theMonthOfAnInstantIsItsUtcMonthAtEveryBoundary() {
        for (String at : new String[] {"2026-11-30T23:59:59.999999Z", "2026-12-01T00:00:00Z", "2024-02-29T12:00:00Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2000-01-01T00:00:00.000001Z"}) {
            Instant t = Instant.parse(at);
            assertThat(PointStore.utcMonth(t)).as(at).isEqualTo(YearMonth.from(t.atOffset(ZoneOffset.UTC)));
        }
        assertThat(PointStore.utcMonth(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo(YearMonth.of(2026, 11));
        assertThat(PointStore.utcMonth(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo(YearMonth.of(1969, 12));
        assertThat(PointStore.monthStart(Instant.parse("2026-12-01T00:00:00Z"))).hasToString("2026-12-01");
    }
}
