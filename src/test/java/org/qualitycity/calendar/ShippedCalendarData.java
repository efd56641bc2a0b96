package org.qualitycity.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the holiday arrangements shipped in the calendar migration, so that unit tests check the very
 * data that production loads, without a database.
 */
final class ShippedCalendarData {

    static final String MIGRATION = "/db/migration/calendar/V2_1__calendar.sql";

    private static final Pattern YEAR = Pattern.compile("^\\s*\\((\\d{4}), '((?:[^']|'')*)'\\)[,;]\\s*$",
            Pattern.MULTILINE);
    private static final Pattern DAY = Pattern.compile(
            "^\\s*\\('(\\d{4}-\\d{2}-\\d{2})', '(HOLIDAY|WORKDAY)', '((?:[^']|'')*)', '((?:[^']|'')*)'\\)[,;]\\s*$",
            Pattern.MULTILINE);

    private ShippedCalendarData() {
    }

    static String sql() {
        try (InputStream in = ShippedCalendarData.class.getResourceAsStream(MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException(MIGRATION + " not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<CalendarDay> days() {
        List<CalendarDay> days = new ArrayList<>();
        Matcher m = DAY.matcher(sql());
        while (m.find()) {
            days.add(new CalendarDay(LocalDate.parse(m.group(1)), DayKind.valueOf(m.group(2)), unquote(m.group(3)),
                    unquote(m.group(4))));
        }
        return days;
    }

    static List<CalendarYear> years() {
        Map<Integer, String> sources = new TreeMap<>();
        Matcher m = YEAR.matcher(sql());
        while (m.find()) {
            sources.put(Integer.parseInt(m.group(1)), unquote(m.group(2)));
        }
        Map<Integer, List<CalendarDay>> byYear = new TreeMap<>();
        sources.keySet().forEach(y -> byYear.put(y, new ArrayList<>()));
        for (CalendarDay day : days()) {
            List<CalendarDay> list = byYear.get(day.date().getYear());
            if (list == null) {
                throw new IllegalStateException(day.date() + " lies in a year that the migration does not load");
            }
            list.add(day);
        }
        List<CalendarYear> years = new ArrayList<>();
        byYear.forEach((y, days) -> years.add(new CalendarYear(y, sources.get(y), days)));
        return years;
    }

    static WorkingDayCalendar calendar() {
        return WorkingDayCalendar.of(years());
    }

    private static String unquote(String sql) {
        return sql.replace("''", "'");
    }
}
