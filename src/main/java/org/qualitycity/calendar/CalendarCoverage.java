package org.qualitycity.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * Whether the loaded holiday arrangements cover the dates the application is about to need. A legal deadline is
 * never guessed: a module that cannot compute one because a year is missing keeps the deadline pending (and
 * computes it when the year is loaded, on {@link CalendarYearReplaced}) and reports it here, so that the city's
 * calendar administrators are warned.
 */
public interface CalendarCoverage {

    /** How many days ahead the administrators are warned of a year whose arrangement is not loaded. */
    int WARNING_DAYS = 60;

    /** The years without a loaded arrangement from {@code today} to {@link #WARNING_DAYS} days after it, ascending. */
    List<Integer> missingYears(LocalDate today);

    /**
     * Warns the users who maintain the calendar (inbox), once per missing year however often it is called and on
     * however many nodes (the first caller records the warning; the others find it recorded). Called by the daily
     * check and by modules whose deadline is pending because of the year.
     *
     * @param year   the year whose arrangement is missing
     * @param reason a message key of the calling module's situation, e.g. the daily check's or a pending deadline's
     * @return whether this call sent the warning
     */
    boolean warnMissing(int year, String reason);
}
