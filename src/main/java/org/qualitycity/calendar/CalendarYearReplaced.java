package org.qualitycity.calendar;

/**
 * An administrator added or replaced the holiday arrangement of {@code year}. Deadlines already
 * computed for dates in that year may have moved.
 */
public record CalendarYearReplaced(int year) {
}
