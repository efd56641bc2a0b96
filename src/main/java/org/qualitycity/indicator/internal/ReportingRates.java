package org.qualitycity.indicator.internal;

import org.qualitycity.calendar.CalendarCoverage;
import org.qualitycity.calendar.CalendarYear;
import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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

    private final CalendarCoverage coverage;
    private final AuditLog audit;
    private final Notifications notifications;
    private final MessageSource messages;

    ReportingRates(IndicatorCatalog catalog, Units units, JdbcClient jdbc, WorkingDayCalendar calendar, Clock clock,
                   CalendarCoverage coverage, AuditLog audit, Notifications notifications, MessageSource messages) {
        this.coverage = coverage;
        this.audit = audit;
        this.notifications = notifications;
        this.messages = messages;
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
                                : rs.getTimestamp(5).toInstant().atZone(org.qualitycity.platform.ApplicationZone.ZONE).toLocalDate())))
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
                    int days = deadlineDays.getOrDefault(p.type().name(), 10);
                    LocalDate deadline = deadline(p, days);
                    // without the calendar of the year the deadline reaches: on time only if certainly on time (n working
                    // days end no earlier than n calendar days after the period); recounted on the next read once loaded
                    LocalDate onTimeBy = deadline != null ? deadline : p.end().plusDays(days);
                    for (Unit u : about) {
                        String responsible = e.reportedBy() != null ? e.reportedBy() : u.code();
                        int[] c = counts.computeIfAbsent(responsible, k -> new int[3]);
                        c[0]++;
                        Submission s = stored.get(e.code() + "|" + u.id() + "|" + p.id());
                        if (s != null && (s.status().equals("SUBMITTED") || s.status().equals("APPROVED"))) {
                            c[1]++;
                            if (s.submittedOn() != null && !s.submittedOn().isAfter(onTimeBy)) {
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

    /**
     * A value the unit still owes: a reported element for a period that has ended, neither submitted nor approved.
     *
     * @param deadline the period's end plus the reporting working days; null while that year's calendar is missing
     */
    public record Owed(DataElement element, IndicatorDefinition indicator, Unit about, Period period, LocalDate deadline) {
    }

    /**
     * What {@code unitCode} owes of the current and the previous year, by deadline: the elements it reports for
     * the city (its {@code reported_by}), and, for an area, the elements every area reports for itself. The same
     * expectation as {@link #rates(int)}.
     */
    public List<Owed> owedBy(String unitCode, LocalDate today) {
        Unit unit = units.byCode(unitCode).orElse(null);
        if (unit == null) {
            return List.of();
        }
        Map<String, Integer> deadlineDays = new HashMap<>();
        jdbc.sql("SELECT period_type, working_days FROM indicator_deadline")
                .query((rs, n) -> deadlineDays.put(rs.getString(1), rs.getInt(2))).list();
        java.util.Set<String> done = new java.util.HashSet<>(jdbc.sql("""
                        SELECT element_code || '|' || unit_id || '|' || period FROM indicator_value
                        WHERE source <> 'COMPUTED' AND status IN ('SUBMITTED', 'APPROVED')
                          AND period_start >= :from AND period_end < :today
                        """)
                .param("from", Date.valueOf(LocalDate.of(today.getYear() - 1, 1, 1))).param("today", Date.valueOf(today))
                .query(String.class).list());
        Unit city = units.all().stream().filter(u -> u.parentId() == null).findFirst().orElseThrow();
        boolean area = units.areas().stream().anyMatch(a -> a.id() == unit.id());
        List<Owed> owed = new ArrayList<>();
        for (IndicatorDefinition d : catalog.indicators()) {
            for (DataElement e : d.elements()) {
                if (e.source() == IndicatorDefinition.ValueSource.COMPUTED) {
                    continue;
                }
                List<Unit> about;
                if (unitCode.equals(e.reportedBy())) {
                    about = IndicatorCatalog.regionWide(d, e) ? List.of(city) : units.areas();
                } else if (e.reportedBy() == null && area && !IndicatorCatalog.regionWide(d, e)) {
                    about = List.of(unit);
                } else {
                    continue;
                }
                for (int y = today.getYear() - 1; y <= today.getYear(); y++) {
                    for (Period p : Period.allOf(d.periodType(), y)) {
                        if (!p.end().isBefore(today)) {
                            continue;
                        }
                        for (Unit u : about) {
                            if (!done.contains(e.code() + "|" + u.id() + "|" + p.id())) {
                                owed.add(new Owed(e, d, u, p, deadline(p, deadlineDays.getOrDefault(p.type().name(), 10))));
                            }
                        }
                    }
                }
            }
        }
        owed.sort(java.util.Comparator.comparing((Owed o) -> o.deadline() == null ? LocalDate.MAX : o.deadline())
                .thenComparing(o -> o.element().code()));
        return owed;
    }

    /**
     * The period's end plus the working days, or null while the calendar of a year it reaches is not loaded: the
     * deadline is never guessed. The rates are computed on read, so once the year is loaded the next read counts with
     * the real deadline. (No warning from here: a reporting deadline is internal, and past years before the
     * calendar's first year are never loaded; the daily coverage check warns of upcoming years.)
     */
    private LocalDate deadline(Period p, int workingDays) {
        return deadline(calendar, p, workingDays, false);
    }

    private LocalDate deadline(WorkingDayCalendar cal, Period p, int workingDays, boolean warn) {
        try {
            return cal.addWorkingDays(p.end(), workingDays);
        } catch (CalendarYearMissingException e) {
            if (warn) {
                coverage.warnMissing(e.year(), "calendar.coverage.reason.deadline");
            }
            return null;
        }
    }

    /**
     * After the arrangement of {@code year} was added or replaced: the reporting deadlines that moved (compared with
     * a calendar built from the previous arrangement), audited per period type and posted to the units responsible
     * for reporting elements of that period type. Reporting deadlines are computed on read, so nothing else changes.
     *
     * @return the number of period deadlines that moved
     */
    public int deadlinesMoved(int year, CalendarYear previous) {
        List<CalendarYear> old = new ArrayList<>();
        for (int y : calendar.loadedYears()) {
            if (y != year) {
                calendar.year(y).ifPresent(old::add);
            }
        }
        if (previous != null) {
            old.add(previous);
        }
        WorkingDayCalendar before = WorkingDayCalendar.of(old);
        Map<String, Integer> deadlineDays = new LinkedHashMap<>();
        jdbc.sql("SELECT period_type, working_days FROM indicator_deadline ORDER BY period_type")
                .query((rs, n) -> deadlineDays.put(rs.getString(1), rs.getInt(2))).list();
        int moved = 0;
        for (var e : deadlineDays.entrySet()) {
            IndicatorDefinition.PeriodType type = IndicatorDefinition.PeriodType.valueOf(e.getKey());
            Map<String, Object> was = new LinkedHashMap<>();
            Map<String, Object> now = new LinkedHashMap<>();
            for (int y = year - 1; y <= year; y++) {
                for (Period p : Period.allOf(type, y)) {
                    LocalDate a = deadline(before, p, e.getValue(), false);
                    LocalDate b = deadline(calendar, p, e.getValue(), false);
                    if (!java.util.Objects.equals(a, b)) {
                        was.put(p.id(), a == null ? "" : a.toString());
                        now.put(p.id(), b == null ? "" : b.toString());
                    }
                }
            }
            if (now.isEmpty()) {
                continue;
            }
            moved += now.size();
            audit.record("indicator", "reporting-deadline", type.name(), null, "DEADLINE_RECALCULATED", was, now);
            String periods = String.join(", ", now.keySet());
            for (long unit : responsibleUnits(type)) {
                Object[] args = {periods, year, describe(was, now, "—")};
                notifications.toUnit(unit, Notice.warn("indicator.due.moved",
                        Text.of("indicator.deadline.moved.title", args), Text.of("indicator.deadline.moved.body", args),
                        "/indicators"));
            }
        }
        return moved;
    }

    private static String describe(Map<String, Object> was, Map<String, Object> now, String none) {
        List<String> parts = new ArrayList<>();
        now.forEach((period, d) -> parts.add(period + ": " + (was.get(period).toString().isEmpty() ? none : was.get(period))
                + " → " + (d.toString().isEmpty() ? none : d)));
        String s = String.join("; ", parts);
        return s.length() > 3000 ? s.substring(0, 3000) : s;
    }

    /** The units that report elements of indicators of this period type (a named department, else every area). */
    private List<Long> responsibleUnits(IndicatorDefinition.PeriodType type) {
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        for (IndicatorDefinition d : catalog.indicators()) {
            if (d.periodType() != type) {
                continue;
            }
            for (DataElement e : d.elements()) {
                if (e.source() == IndicatorDefinition.ValueSource.COMPUTED) {
                    continue;
                }
                if (e.reportedBy() != null) {
                    units.byCode(e.reportedBy()).ifPresent(u -> ids.add(u.id()));
                } else {
                    units.areas().forEach(u -> ids.add(u.id()));
                }
            }
        }
        return List.copyOf(ids);
    }
}
