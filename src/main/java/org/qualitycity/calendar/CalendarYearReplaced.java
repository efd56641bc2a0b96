package org.qualitycity.calendar;

/**
 * An administrator added or replaced the holiday arrangement of {@code year}. Deadlines already
 * computed for dates in that year may have moved: each module recomputes its own open deadlines.
 *
 * @param year     the year
 * @param previous the arrangement before the change, or null when the year was not loaded (a module that does not
 *                 store its deadlines compares with a calendar built from it)
 */
public record CalendarYearReplaced(int year, CalendarYear previous) {

    public CalendarYearReplaced(int year) {
        this(year, null);
    }
}
