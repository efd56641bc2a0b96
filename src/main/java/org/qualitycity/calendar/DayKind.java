package org.qualitycity.calendar;

/** How a {@link CalendarDay} departs from the Monday-to-Friday rule. */
public enum DayKind {

    /** An official day off (放假), including the weekend days inside a holiday block. */
    HOLIDAY,

    /** A make-up working day (调休上班) on a Saturday or Sunday. */
    WORKDAY
}
