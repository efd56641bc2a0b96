package org.qualitycity.indicator;

import org.qualitycity.plan.IndicatorDefinition.PeriodType;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period with the identifiers of DHIS2: {@code 2018} (year), {@code 2018S1} (half),
 * {@code 2018Q2} (quarter), {@code 201805} (month).
 */
public record Period(PeriodType type, int year, int index) implements Comparable<Period> {

    private static final Pattern ID = Pattern.compile("(\\d{4})(?:(S)([12])|(Q)([1-4])|(\\d{2}))?");

    public Period {
        if (year < 1900 || year > 2999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        int max = switch (type) {
            case YEAR -> 1;
            case HALF -> 2;
            case QUARTER -> 4;
            case MONTH -> 12;
        };
        if (index < 1 || index > max) {
            throw new IllegalArgumentException("index out of range for " + type + ": " + index);
        }
    }

    /** Parses an identifier; throws IllegalArgumentException for anything else. */
    public static Period parse(String id) {
        Matcher m = id == null ? null : ID.matcher(id.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a period: " + id + " (use 2018, 2018S1, 2018Q2 or 201805)");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return new Period(PeriodType.HALF, year, Integer.parseInt(m.group(3)));
        }
        if (m.group(4) != null) {
            return new Period(PeriodType.QUARTER, year, Integer.parseInt(m.group(5)));
        }
        if (m.group(6) != null) {
            return new Period(PeriodType.MONTH, year, Integer.parseInt(m.group(6)));
        }
        return new Period(PeriodType.YEAR, year, 1);
    }

    public static Period year(int year) {
        return new Period(PeriodType.YEAR, year, 1);
    }

    public static Period month(int year, int month) {
        return new Period(PeriodType.MONTH, year, month);
    }

    /** The period of {@code type} containing {@code date}. */
    public static Period containing(PeriodType type, LocalDate date) {
        int m = date.getMonthValue();
        return switch (type) {
            case YEAR -> year(date.getYear());
            case HALF -> new Period(type, date.getYear(), m <= 6 ? 1 : 2);
            case QUARTER -> new Period(type, date.getYear(), (m - 1) / 3 + 1);
            case MONTH -> month(date.getYear(), m);
        };
    }

    public String id() {
        return switch (type) {
            case YEAR -> String.valueOf(year);
            case HALF -> year + "S" + index;
            case QUARTER -> year + "Q" + index;
            case MONTH -> String.valueOf(year * 100 + index); // yyyyMM (year has four digits); String.format was hot in recomputes
        };
    }

    public int months() {
        return switch (type) {
            case YEAR -> 12;
            case HALF -> 6;
            case QUARTER -> 3;
            case MONTH -> 1;
        };
    }

    public LocalDate start() {
        return LocalDate.of(year, (index - 1) * months() + 1, 1);
    }

    public LocalDate end() {
        return YearMonth.of(year, index * months()).atEndOfMonth();
    }

    /** Same period one year earlier (for year-on-year growth). */
    public Period previousYear() {
        return new Period(type, year - 1, index);
    }

    public Period previous() {
        if (index > 1) {
            return new Period(type, year, index - 1);
        }
        return new Period(type, year - 1, 12 / months());
    }

    /** Whether this period is at least as long as {@code type} (a year "covers" quarters). */
    public boolean isCoarserOrEqual(PeriodType other) {
        return months() >= new Period(other, 2000, 1).months();
    }

    /** The months inside this period. */
    public List<Period> monthsInside() {
        List<Period> list = new ArrayList<>();
        LocalDate d = start();
        while (!d.isAfter(end())) {
            list.add(month(d.getYear(), d.getMonthValue()));
            d = d.plusMonths(1);
        }
        return list;
    }

    /** All periods of {@code type} in a year, in order. */
    public static List<Period> allOf(PeriodType type, int year) {
        int n = 12 / new Period(type, year, 1).months();
        List<Period> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new Period(type, year, i));
        }
        return list;
    }

    /** Every period of a year that an indicator of {@code finest} type is evaluated for. */
    public static List<Period> evaluatedIn(PeriodType finest, int year) {
        List<Period> list = new ArrayList<>();
        for (PeriodType t : PeriodType.values()) {
            Period p = new Period(t, year, 1);
            if (p.isCoarserOrEqual(finest)) {
                list.addAll(allOf(t, year));
            }
        }
        return list;
    }

    @Override
    public int compareTo(Period o) {
        int c = start().compareTo(o.start());
        return c != 0 ? c : Integer.compare(o.months(), months());
    }

    @Override
    public String toString() {
        return id();
    }
}
