package org.qualitycity.calendar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A year whose holiday arrangement is loaded, with all its exceptions to the Monday-to-Friday rule.
 *
 * @param year   the calendar year
 * @param source where the arrangement comes from (the State Council notice, or who entered it)
 * @param days   the exception days of this year, sorted by date; every date lies in {@code year} and
 *               occurs once
 */
public record CalendarYear(int year, String source, List<CalendarDay> days) {

    public CalendarYear {
        Objects.requireNonNull(source, "source");
        List<CalendarDay> sorted = new ArrayList<>(days);
        sorted.sort(Comparator.comparing(CalendarDay::date));
        Set<Object> seen = new HashSet<>();
        for (CalendarDay day : sorted) {
            if (day.date().getYear() != year) {
                throw new IllegalArgumentException(day.date() + " is not in " + year);
            }
            if (!seen.add(day.date())) {
                throw new IllegalArgumentException(day.date() + " occurs twice");
            }
        }
        days = List.copyOf(sorted);
    }

    /** Number of official days off listed for the year (weekend days inside holiday blocks included). */
    public long holidayCount() {
        return days.stream().filter(d -> d.kind() == DayKind.HOLIDAY).count();
    }

    /** Number of make-up working days of the year. */
    public long workdayCount() {
        return days.stream().filter(d -> d.kind() == DayKind.WORKDAY).count();
    }
}
