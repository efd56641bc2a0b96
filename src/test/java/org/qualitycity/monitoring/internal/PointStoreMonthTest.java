package org.qualitycity.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.qualitycity.monitoring.Point;

import org.junit.jupiter.api.Test;

/** A point's partition month is its UTC month, computed without zone rules, at every boundary; the roll-ups' minute
 *  sums of a batch. */
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

    @Test
    void aBatchIsSummedPerDeviceMetricAndUtcMinuteOverNormalValuesOnly() {
        Instant m = Instant.parse("2025-03-01T02:07:00Z");
        List<Point> batch = List.of(new Point(1, "a", m.plusSeconds(1), 10), new Point(1, "a", m.plusSeconds(59), 30),
                new Point(1, "a", m.plusSeconds(30), 900, "M"), new Point(1, "a", m.plusSeconds(60), 5),
                new Point(1, "b", m, 7), new Point(2, "a", m.plusMillis(1), -4),
                new Point(2, "a", Instant.parse("1969-12-31T23:59:30Z"), 1));
        Map<PointStore.MinuteKey, double[]> sums = PointStore.minuteSums(batch);
        long minute = m.getEpochSecond() * 1_000_000L;
        assertThat(sums).hasSize(5);
        assertThat(sums.get(new PointStore.MinuteKey(1, "a", minute))).containsExactly(40, 10, 30, 2);
        assertThat(sums.get(new PointStore.MinuteKey(1, "a", minute + 60_000_000L))).containsExactly(5, 5, 5, 1);
        assertThat(sums.get(new PointStore.MinuteKey(1, "b", minute))).containsExactly(7, 7, 7, 1);
        assertThat(sums.get(new PointStore.MinuteKey(2, "a", minute))).containsExactly(-4, -4, -4, 1);
        assertThat(sums.get(new PointStore.MinuteKey(2, "a", -60_000_000L))).containsExactly(1, 1, 1, 1);
    }
}
