package org.qualitycity.indicator.internal;

import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reporting completeness and timeliness per responsible unit and year: for every reported element
 * (not computed from records), every area it is reported for and every period of the year that has
 * ended, is there a submitted or approved value, and was it submitted by the deadline (so many working
 * days after the period ends, {@code indicator_deadline})? The responsible unit is the element's
 * {@code reported_by} department, or else each area for itself; region-wide elements are expected once,
 * for the city.
 */
@Service
public class ReportingRates {

    private final IndicatorCatalog catalog;
    private final Units units;
    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    ReportingRates(IndicatorCatalog catalog, Units units, JdbcClient jdbc, WorkingDayCalendar calendar, Clock clock) {
        this.catalog = catalog;
        this.units = units;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.clock = clock;
    }

    private record Submission(String status, LocalDate submittedOn) {
    }

    public List<IndicatorResults.ReportingRate> rates(int year) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Integer> deadlineDays = new HashMap<>();
        jdbc.sql("SELECT period_type, working_days FROM indicator_deadline")
                .query((rs, n) -> deadlineDays.put(rs.getString(1), rs.getInt(2))).list();
        Map<String, Submission> stored = new HashMap<>();
        jdbc.sql("""
                        SELECT element_code, unit_id, period, status, submitted_at FROM indicator_value
                        WHERE source <> 'COMPUTED' AND period_start >= :from AND period_end <= :to
                        """)
                .param("from", Date.valueOf(LocalDate.of(year, 1, 1))).param("to", Date.valueOf(LocalDate.of(year, 12, 31)))
                .query((rs, n) -> stored.put(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3),
                        new Submission(rs.getString(4), rs.getTimestamp(5) == null ? null
                                : rs.getTimestamp(5).toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate())))
                .list();
        Unit city = units.all().stream().filter(u -> u.parentId() == null).findFirst().orElseThrow();
        List<Unit> areas = units.areas();
        Map<String, int[]> counts = new LinkedHashMap<>(); // responsible unit → expected, reported, on time
        for (IndicatorDefinition d : catalog.indicators()) {
            for (DataElement e : d.elements()) {
                if (e.source() == IndicatorDefinition.ValueSource.COMPUTED) {
                    continue;
                }
                List<Unit> about = IndicatorCatalog.regionWide(d, e) ? List.of(city) : areas;
                for (Period p : Period.allOf(d.periodType(), year)) {
                    if (!p.end().isBefore(today)) {
                        continue;
                    }
                    LocalDate deadline = deadline(p, deadlineDays.getOrDefault(p.type().name(), 10));
                    for (Unit u : about) {
                        String responsible = e.reportedBy() != null ? e.reportedBy() : u.code();
                        int[] c = counts.computeIfAbsent(responsible, k -> new int[3]);
                        c[0]++;
                        Submission s = stored.get(e.code() + "|" + u.id() + "|" + p.id());
                        if (s != null && (s.status().equals("SUBMITTED") || s.status().equals("APPROVED"))) {
                            c[1]++;
                            if (s.submittedOn() != null && !s.submittedOn().isAfter(deadline)) {
                                c[2]++;
                            }
                        }
                    }
                }
            }
        }
        return counts.entrySet().stream().map(en -> new IndicatorResults.ReportingRate(en.getKey(), year,
                en.getValue()[0], en.getValue()[1], en.getValue()[2])).toList();
    }

    /** The period's end plus the working days; a year whose holidays are not loaded counts weekdays only. */
    private LocalDate deadline(Period p, int workingDays) {
        try {
            return calendar.addWorkingDays(p.end(), workingDays);
        } catch (RuntimeException missingYear) {
            LocalDate d = p.end();
            int left = workingDays;
            while (left > 0) {
                d = d.plusDays(1);
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    left--;
                }
            }
            return d;
        }
    }
}
