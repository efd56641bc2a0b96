package org.qualitycity.calendar.internal;

import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYear;
import org.qualitycity.calendar.DayKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tables calendar_year and calendar_day. */
@Repository
class CalendarRepository {

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every loaded year with its days: a few hundred rows per decade, read when the cache is (re)built. */
    List<CalendarYear> findAll() {
        Map<Integer, String> sources = new LinkedHashMap<>();
        jdbc.sql("SELECT year, source FROM calendar_year ORDER BY year")
                .query(rs -> {
                    sources.put(rs.getInt("year"), rs.getString("source"));
                });
        Map<Integer, List<CalendarDay>> days = new LinkedHashMap<>();
        sources.keySet().forEach(y -> days.put(y, new ArrayList<>()));
        jdbc.sql("SELECT day, kind, name_zh, name_en FROM calendar_day ORDER BY day")
                .query(rs -> {
                    CalendarDay day = day(rs);
                    days.get(day.date().getYear()).add(day);
                });
        List<CalendarYear> years = new ArrayList<>();
        sources.forEach((year, source) -> years.add(new CalendarYear(year, source, days.get(year))));
        return years;
    }

    Optional<CalendarYear> find(int year) {
        Optional<String> source = jdbc.sql("SELECT source FROM calendar_year WHERE year = :year")
                .param("year", year)
                .query(String.class)
                .optional();
        return source.map(s -> new CalendarYear(year, s, jdbc.sql("""
                        SELECT day, kind, name_zh, name_en FROM calendar_day
                        WHERE day BETWEEN :first AND :last ORDER BY day""")
                .param("first", LocalDate.of(year, 1, 1))
                .param("last", LocalDate.of(year, 12, 31))
                .query((rs, n) -> day(rs))
                .list()));
    }

    /** Serialises changes of one year until the end of the transaction (also when the year is new). */
    void lockYear(int year) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('calendar_year'), :year)")
                .param("year", year)
                .query((rs, n) -> 1)
                .list();
    }

    /** Adds or replaces the year and all its days. */
    void replace(CalendarYear year) {
        jdbc.sql("""
                        INSERT INTO calendar_year (year, source) VALUES (:year, :source)
                        ON CONFLICT (year) DO UPDATE SET source = excluded.source, updated_at = now()""")
                .param("year", year.year())
                .param("source", year.source())
                .update();
        jdbc.sql("DELETE FROM calendar_day WHERE day BETWEEN :first AND :last")
                .param("first", LocalDate.of(year.year(), 1, 1))
                .param("last", LocalDate.of(year.year(), 12, 31))
                .update();
        for (CalendarDay day : year.days()) {
            jdbc.sql("""
                            INSERT INTO calendar_day (day, kind, name_zh, name_en)
                            VALUES (:day, :kind, :nameZh, :nameEn)""")
                    .param("day", day.date())
                    .param("kind", day.kind().name())
                    .param("nameZh", day.nameZh())
                    .param("nameEn", day.nameEn())
                    .update();
        }
    }

    private static CalendarDay day(ResultSet rs) throws SQLException {
        return new CalendarDay(rs.getObject("day", LocalDate.class), DayKind.valueOf(rs.getString("kind")),
                rs.getString("name_zh"), rs.getString("name_en"));
    }
}
