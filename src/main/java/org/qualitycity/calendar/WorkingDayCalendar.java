package org.qualitycity.calendar;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Working days (工作日) under the State Council's annual holiday arrangements: Monday to Friday are
 * working days, except the official days off (放假) of the year's arrangement; Saturdays and Sundays are
 * not, except the make-up working days (调休上班) of the arrangement.
 *
 * <p>Only years whose arrangement is loaded are known. Any date in another year, given or reached while
 * counting, raises {@link CalendarYearMissingException} (400, naming the input field) rather than a
 * guess: a deadline computed from a guessed calendar could be wrong by days.
 *
 * <p>The Spring bean of this type answers from memory (loaded once, refreshed when an administrator
 * changes a year, and at most a few minutes stale when another node changed it), so it may be called on
 * hot paths. {@link #of(Collection)} builds a fixed calendar without Spring, for unit tests of rules that
 * count working days.
 */
public interface WorkingDayCalendar {

    /** Largest number of working days that {@link #addWorkingDays} accepts (about fourteen years). */
    int MAX_DAYS = 3650;

    /**
     * Whether {@code date} is a working day.
     *
     * @throws org.qualitycity.platform.ValidationException on a null date (field {@code date})
     * @throws CalendarYearMissingException if the date's year is not loaded (field {@code date})
     */
    boolean isWorkingDay(LocalDate date);

    /**
     * The end of a period of {@code days} working days that starts on {@code from}: the day of
     * {@code from} itself is not counted, and the result is the {@code days}-th working day after it.
     * This is the counting rule for time limits in working days (a period that would end on a holiday
     * ends on the next working day; SAMR Order No. 121, Art. 45). With {@code days == 0} the result is
     * {@code from} itself.
     *
     * <p>Examples: from 2025-09-30, 1 working day is 2025-10-09 (1-8 October are off); 7 working days
     * are 2025-10-16 (Saturday 11 October is a make-up working day).
     *
     * @param from the day the period starts (a working day or not)
     * @param days 0 to {@link #MAX_DAYS}
     * @throws org.qualitycity.platform.ValidationException naming {@code from} if it is null, or
     *         {@code days} if it is negative or above {@link #MAX_DAYS}
     * @throws CalendarYearMissingException naming {@code from} if its year is not loaded, or
     *         {@code days} if counting reaches a year that is not loaded
     */
    LocalDate addWorkingDays(LocalDate from, int days);

    /**
     * The number of working days {@code d} with {@code fromExclusive < d <= toInclusive}, so that
     * {@code addWorkingDays(a, n)} is the first day {@code b} with {@code workingDaysBetween(a, b) == n}.
     * If {@code toInclusive} is before {@code fromExclusive} the result is negative:
     * {@code -workingDaysBetween(toInclusive, fromExclusive)}.
     *
     * @throws org.qualitycity.platform.ValidationException naming {@code from} or {@code to} if null
     * @throws CalendarYearMissingException if a year from the earlier to the later date is not loaded
     *         (naming {@code from} or {@code to})
     */
    int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive);

    /** The loaded arrangement of {@code year} with its exception days, or empty if it is not loaded. */
    Optional<CalendarYear> year(int year);

    /** The loaded years, ascending. */
    List<Integer> loadedYears();

    /**
     * A fixed calendar of the given years, without Spring or a database (for tests and batch
     * computations). Immutable and thread-safe.
     *
     * @throws IllegalArgumentException if a year occurs twice
     */
    static WorkingDayCalendar of(Collection<CalendarYear> years) {
        return new CalendarSnapshot(years);
    }
}
