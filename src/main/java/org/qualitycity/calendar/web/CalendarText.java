package org.qualitycity.calendar.web;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.DayKind;
import org.qualitycity.calendar.internal.CalendarService;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The plain-text form in which an administrator pastes or uploads a year's exception days, one line
 * each: a date or a range of dates, the kind, the Chinese name and optionally the English name,
 * separated by commas or tabs; blank lines and lines starting with {@code #} are ignored.
 *
 * <pre>
 * 2027-01-01~2027-01-03, HOLIDAY, 元旦, New Year's Day
 * 2027-01-04, WORKDAY, 元旦调休上班, New Year's Day make-up working day
 * </pre>
 *
 * The kind may also be written 休 (day off) or 班 (make-up working day), as on Chinese calendars.
 */
final class CalendarText {

    /** Longest range on one line: the longest holiday block is nine days, a month is generous. */
    static final int MAX_RANGE_DAYS = 31;

    private static final Pattern SEPARATOR = Pattern.compile("\\s*[,\\uFF0C\\t]\\s*");
    private static final Pattern RANGE = Pattern.compile("\\s*(~|\\uFF5E|\\.\\.)\\s*");

    private CalendarText() {
    }

    /** A problem of one line, with a message key and its arguments. */
    record LineProblem(int line, String key, String fallback, List<String> args) {
    }

    /** The days read, each with the line it came from, and the problems found. */
    record Parsed(List<CalendarDay> days, List<Integer> lines, List<LineProblem> problems) {
    }

    static Parsed parse(String text) {
        List<CalendarDay> days = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        String[] rows = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < rows.length; i++) {
            int line = i + 1;
            String row = rows[i].strip();
            if (i == 0 && row.startsWith("\uFEFF")) {
                row = row.substring(1).strip();
            }
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] cols = SEPARATOR.split(row, 4);
            if (cols.length < 3) {
                problems.add(new LineProblem(line, "calendar.edit.columns",
                        "write at least the date, the kind and the Chinese name", List.of()));
                continue;
            }
            DayKind kind = CalendarInput.kind(cols[1]);
            if (kind == null) {
                problems.add(new LineProblem(line, "calendar.error.kind",
                        "must be HOLIDAY (day off) or WORKDAY (make-up working day)", List.of()));
            }
            String nameZh = cols[2].strip();
            String nameEn = cols.length > 3 ? cols[3].strip() : "";
            if (nameZh.isEmpty()) {
                problems.add(new LineProblem(line, "calendar.error.required", "required", List.of()));
            }
            List<LocalDate> dates = dates(cols[0], line, problems);
            if (kind == null || nameZh.isEmpty() || dates == null) {
                continue;
            }
            for (LocalDate d : dates) {
                days.add(CalendarService.withEnglishFallback(new CalendarDay(d, kind, nameZh, nameEn)));
                lines.add(line);
            }
        }
        return new Parsed(days, lines, problems);
    }

    private static List<LocalDate> dates(String text, int line, List<LineProblem> problems) {
        String[] ends = RANGE.split(text.strip(), 2);
        try {
            LocalDate first = LocalDate.parse(ends[0].strip());
            LocalDate last = ends.length > 1 ? LocalDate.parse(ends[1].strip()) : first;
            if (last.isBefore(first)) {
                problems.add(new LineProblem(line, "calendar.edit.range-reversed",
                        "the range ends before it starts", List.of()));
                return null;
            }
            if (ChronoUnit.DAYS.between(first, last) >= MAX_RANGE_DAYS) {
                problems.add(new LineProblem(line, "calendar.edit.range-too-long",
                        "a range may span at most {0} days", List.of(String.valueOf(MAX_RANGE_DAYS))));
                return null;
            }
            List<LocalDate> dates = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                dates.add(d);
            }
            return dates;
        } catch (DateTimeParseException e) {
            problems.add(new LineProblem(line, "calendar.error.date-invalid",
                    "must be a date like 2025-10-01, not \"{0}\"", List.of(text.strip())));
            return null;
        }
    }

    /** The days as text that {@link #parse} reads back, runs of equal consecutive days as ranges. */
    static String format(List<CalendarDay> days) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < days.size()) {
            CalendarDay first = days.get(i);
            int j = i;
            while (j + 1 < days.size() && sameRun(days.get(j), days.get(j + 1))) {
                j++;
            }
            CalendarDay last = days.get(j);
            out.append(first.date());
            if (j > i) {
                out.append('~').append(last.date());
            }
            out.append(", ").append(first.kind().name()).append(", ").append(first.nameZh());
            if (!first.nameEn().equals(first.nameZh())) {
                out.append(", ").append(first.nameEn());
            }
            out.append('\n');
            i = j + 1;
        }
        return out.toString();
    }

    private static boolean sameRun(CalendarDay a, CalendarDay b) {
        return b.date().equals(a.date().plusDays(1)) && a.kind() == b.kind() && a.nameZh().equals(b.nameZh())
                && a.nameEn().equals(b.nameEn());
    }
}
