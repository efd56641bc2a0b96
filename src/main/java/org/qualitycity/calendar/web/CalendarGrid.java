package org.qualitycity.calendar.web;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYear;
import org.qualitycity.calendar.DayKind;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The twelve month grids of a year for the page, weeks starting on Monday as on Chinese calendars. */
final class CalendarGrid {

    private CalendarGrid() {
    }

    /** A month: its number and its weeks of seven cells. */
    record Month(int month, List<List<Cell>> weeks) {
    }

    /**
     * One cell: {@code day} is 0 for the padding before the 1st and after the last day. {@code kind} is
     * HOLIDAY, WORKDAY, WEEKEND or WEEKDAY; {@code name} the festival, if any.
     */
    record Cell(int day, String date, String kind, String name) {

        public String css() {
            return switch (kind) {
                case "HOLIDAY" -> "qc-cal-holiday bg-danger text-white";
                case "WORKDAY" -> "qc-cal-workday bg-warning text-dark";
                case "WEEKEND" -> "qc-cal-weekend text-body-secondary";
                default -> "";
            };
        }
    }

    static List<Month> of(CalendarYear year, Locale locale) {
        Map<LocalDate, CalendarDay> exceptions = new HashMap<>();
        year.days().forEach(d -> exceptions.put(d.date(), d));
        List<Month> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth ym = YearMonth.of(year.year(), m);
            List<List<Cell>> weeks = new ArrayList<>();
            List<Cell> week = new ArrayList<>();
            for (int pad = 1; pad < ym.atDay(1).getDayOfWeek().getValue(); pad++) {
                week.add(new Cell(0, "", "", ""));
            }
            for (int d = 1; d <= ym.lengthOfMonth(); d++) {
                LocalDate date = ym.atDay(d);
                CalendarDay exception = exceptions.get(date);
                String kind;
                String name = "";
                if (exception != null) {
                    kind = exception.kind() == DayKind.HOLIDAY ? "HOLIDAY" : "WORKDAY";
                    name = exception.name(locale);
                } else {
                    DayOfWeek dow = date.getDayOfWeek();
                    kind = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? "WEEKEND" : "WEEKDAY";
                }
                week.add(new Cell(d, date.toString(), kind, name));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) {
                    week.add(new Cell(0, "", "", ""));
                }
                weeks.add(week);
            }
            months.add(new Month(m, weeks));
        }
        return months;
    }
}
