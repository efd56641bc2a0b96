package org.qualitycity.calendar;

import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The calculation itself, over an immutable set of loaded years. One bit per day from 1 January of the
 * first loaded year to 31 December of the last says whether the day is a working day, so counting
 * {@code n} working days is {@code n} calls of {@link BitSet#nextSetBit}; years between the first and
 * the last that are not loaded have no bits set and are checked separately.
 */
final class CalendarSnapshot implements WorkingDayCalendar {

    private final Map<Integer, CalendarYear> years;
    private final List<Integer> loadedYears;
    private final int firstYear;
    private final int lastYear;
    private final long firstEpochDay;
    private final BitSet working;

    CalendarSnapshot(Collection<CalendarYear> loaded) {
        TreeMap<Integer, CalendarYear> byYear = new TreeMap<>();
        for (CalendarYear y : loaded) {
            if (byYear.put(y.year(), y) != null) {
                throw new IllegalArgumentException("year " + y.year() + " occurs twice");
            }
        }
        this.years = Collections.unmodifiableMap(byYear);
        this.loadedYears = List.copyOf(byYear.keySet());
        this.working = new BitSet();
        if (byYear.isEmpty()) {
            firstYear = 0;
            lastYear = -1;
            firstEpochDay = 0;
            return;
        }
        firstYear = byYear.firstKey();
        lastYear = byYear.lastKey();
        firstEpochDay = LocalDate.of(firstYear, 1, 1).toEpochDay();
        for (CalendarYear y : byYear.values()) {
            LocalDate day = LocalDate.of(y.year(), 1, 1);
            LocalDate end = day.plusYears(1);
            for (; day.isBefore(end); day = day.plusDays(1)) {
                if (!CalendarDay.isWeekend(day)) {
                    working.set(index(day));
                }
            }
            for (CalendarDay exception : y.days()) {
                working.set(index(exception.date()), exception.kind() == DayKind.WORKDAY);
            }
        }
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        required(date, "date");
        requireLoaded(date.getYear(), "date");
        return working.get(index(date));
    }

    @Override
    public LocalDate addWorkingDays(LocalDate from, int days) {
        required(from, "from");
        if (days < 0 || days > MAX_DAYS) {
            throw new ValidationException("days", Texts.msg("error.range", "0", String.valueOf(MAX_DAYS)));
        }
        requireLoaded(from.getYear(), "from");
        int i = index(from);
        for (int n = 0; n < days && i >= 0; n++) {
            i = working.nextSetBit(i + 1);
        }
        // nextSetBit skips years that are not loaded (they have no bits) and runs out after the last
        // loaded year: the first year reached that is not loaded is the one to report
        int reached = i < 0 ? lastYear + 1 : date(i).getYear();
        for (int y = from.getYear() + 1; y <= reached; y++) {
            requireLoaded(y, "days");
        }
        return date(i);
    }

    @Override
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        required(fromExclusive, "from");
        required(toInclusive, "to");
        if (toInclusive.isBefore(fromExclusive)) {
            requireLoadedRange(toInclusive, "to", fromExclusive, "from");
            return -count(toInclusive, fromExclusive);
        }
        requireLoadedRange(fromExclusive, "from", toInclusive, "to");
        return count(fromExclusive, toInclusive);
    }

    @Override
    public Optional<CalendarYear> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    @Override
    public List<Integer> loadedYears() {
        return loadedYears;
    }

    /** Working days in (from, to], both in loaded years, from <= to. */
    private int count(LocalDate from, LocalDate to) {
        int count = 0;
        int end = index(to);
        for (int i = working.nextSetBit(index(from) + 1); i >= 0 && i <= end; i = working.nextSetBit(i + 1)) {
            count++;
        }
        return count;
    }

    private void requireLoadedRange(LocalDate earlier, String earlierField, LocalDate later, String laterField) {
        requireLoaded(earlier.getYear(), earlierField);
        for (int y = earlier.getYear() + 1; y <= later.getYear(); y++) {
            requireLoaded(y, laterField);
        }
    }

    private void requireLoaded(int year, String field) {
        if (!years.containsKey(year)) {
            throw missing(year, field);
        }
    }

    private static CalendarYearMissingException missing(int year, String field) {
        return new CalendarYearMissingException(field, year,
                "the holiday arrangement for " + year + " is not loaded");
    }

    private static void required(LocalDate date, String field) {
        if (date == null) {
            throw new ValidationException(field, Texts.msg("error.required"));
        }
    }

    private int index(LocalDate date) {
        return (int) (date.toEpochDay() - firstEpochDay);
    }

    private LocalDate date(int index) {
        return LocalDate.ofEpochDay(firstEpochDay + index);
    }

    @Override
    public String toString() {
        List<String> summary = new ArrayList<>();
        years.values().forEach(y -> summary.add(y.year() + ":" + y.days().size()));
        return "CalendarSnapshot" + summary;
    }
}
