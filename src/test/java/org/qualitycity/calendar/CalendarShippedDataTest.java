package org.qualitycity.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Plausibility of the shipped State Council arrangements 2017-2026 (the data, not the calculation). */
class CalendarShippedDataTest {

    private static final List<CalendarYear> YEARS = ShippedCalendarData.years();
    private static final List<CalendarDay> DAYS = ShippedCalendarData.days();

    @Test
    void everyYearFrom2017To2026IsLoadedWithASource() {
        assertThat(YEARS).extracting(CalendarYear::year)
                .containsExactlyElementsOf(IntStream.rangeClosed(2017, 2026).boxed().toList());
        assertThat(YEARS).allSatisfy(y -> assertThat(y.source()).contains("国务院办公厅关于" + y.year() + "年部分节假日安排的通知"));
        // the regular expressions of the reader saw every row that the migration inserts
        assertThat(DAYS).hasSize(YEARS.stream().mapToInt(y -> y.days().size()).sum());
        assertThat(ShippedCalendarData.sql().split("\\('20\\d\\d-\\d\\d-\\d\\d'", -1)).hasSize(DAYS.size() + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026})
    void eachYearHasTheSevenStatutoryFestivals(int year) {
        Set<String> names = YEARS.get(year - 2017).days().stream()
                .filter(d -> d.kind() == DayKind.HOLIDAY)
                .map(CalendarDay::nameEn)
                .collect(Collectors.toSet());
        for (String festival : List.of("New Year's Day", "Spring Festival", "Qingming Festival", "Labour Day",
                "Dragon Boat Festival", "Mid-Autumn Festival", "National Day")) {
            assertThat(names).as("%d %s", year, festival).anyMatch(n -> n.contains(festival));
        }
    }

    /**
     * Within a year, days off on weekdays minus make-up working days equals the statutory holidays: 11
     * days up to 2024, 13 from 2025 (Spring Festival and Labour Day one day more each). In 2020 the State
     * Council extended the Spring Festival by two working days (31 January and the make-up Saturday 1
     * February) because of COVID-19. A wrong or missing day in the data breaks this balance.
     */
    @ParameterizedTest
    @CsvSource({"2017,11", "2018,11", "2019,11", "2020,13", "2021,11", "2022,11", "2023,11", "2024,11",
            "2025,13", "2026,13"})
    void daysOffBalanceMakeUpDaysToTheStatutoryHolidays(int year, int statutory) {
        CalendarYear y = YEARS.get(year - 2017);
        long weekdayHolidays = y.days().stream()
                .filter(d -> d.kind() == DayKind.HOLIDAY && !d.onWeekend()).count();
        assertThat(weekdayHolidays - y.workdayCount()).isEqualTo(statutory);
    }

    @ParameterizedTest
    @CsvSource({"2017,33", "2018,36", "2019,34", "2020,36", "2021,38", "2022,39", "2023,35", "2024,38",
            "2025,33", "2026,39"})
    void eachYearHasAPlausibleNumberOfExceptions(int year, int expected) {
        CalendarYear y = YEARS.get(year - 2017);
        assertThat(y.days()).hasSize(expected);
        assertThat(y.holidayCount()).isBetween(25L, 35L);
        assertThat(y.workdayCount()).isBetween(4L, 9L);
    }

    @Test
    void makeUpWorkingDaysAreAllOnWeekends() {
        assertThat(DAYS).filteredOn(d -> d.kind() == DayKind.WORKDAY).allSatisfy(d -> assertThat(d.onWeekend())
                .as("%s", d).isTrue());
    }

    @Test
    void everyDayHasBothNames() {
        assertThat(DAYS).allSatisfy(d -> {
            assertThat(d.nameZh()).isNotBlank();
            assertThat(d.nameEn()).isNotBlank();
        });
    }

    @Test
    void holidayBlocksAreContiguousAndNamedOnce() {
        // each festival's days off form one run of consecutive days per year (2020's extension continues it)
        for (CalendarYear y : YEARS) {
            List<CalendarDay> holidays = y.days().stream().filter(d -> d.kind() == DayKind.HOLIDAY).toList();
            for (int i = 1; i < holidays.size(); i++) {
                CalendarDay prev = holidays.get(i - 1);
                CalendarDay day = holidays.get(i);
                if (day.nameZh().equals(prev.nameZh()) && !day.date().equals(prev.date().plusDays(1))) {
                    // the same name twice in a year is only New Year's Day (1 January and 30/31 December)
                    assertThat(day.nameEn()).as("%s after %s", day, prev).isEqualTo("New Year's Day");
                }
            }
        }
    }

    @Test
    void anchorsFromTheNotices() {
        WorkingDayCalendar c = ShippedCalendarData.calendar();
        // 2026 (notice of 2025-11-04)
        assertOff(c, "2026-01-01", "2026-01-03");
        assertThat(c.isWorkingDay(LocalDate.parse("2026-01-04"))).isTrue();
        assertOff(c, "2026-02-15", "2026-02-23");
        assertWorking(c, "2026-02-14", "2026-02-28");
        assertOff(c, "2026-04-04", "2026-04-06");
        assertOff(c, "2026-05-01", "2026-05-05");
        assertWorking(c, "2026-05-09");
        assertOff(c, "2026-06-19", "2026-06-21");
        assertOff(c, "2026-09-25", "2026-09-27");
        assertOff(c, "2026-10-01", "2026-10-07");
        assertWorking(c, "2026-09-20", "2026-10-10");
        // 2025
        assertOff(c, "2025-10-01", "2025-10-08");
        assertWorking(c, "2025-09-28", "2025-10-11");
        // 2024: Spring Festival, and New Year joined to the weekend 30-31 December 2023
        assertOff(c, "2024-02-10", "2024-02-17");
        assertWorking(c, "2024-02-04", "2024-02-18", "2024-02-09");
        assertOff(c, "2023-12-30", "2024-01-01");
        // 2020: Spring Festival extended to 2 February; 1 February no longer a make-up working day
        assertOff(c, "2020-01-24", "2020-02-02");
        assertWorking(c, "2020-01-19", "2020-02-03");
        // 2019: Labour Day changed to 1-4 May by the notice of 22 March 2019
        assertOff(c, "2019-05-01", "2019-05-04");
        assertWorking(c, "2019-04-28", "2019-05-05");
        // 2019 New Year: Monday 31 December 2018 off, Saturday 29 December 2018 worked
        assertOff(c, "2018-12-30", "2019-01-01");
        assertWorking(c, "2018-12-29");
    }

    @Test
    void ordinaryWeeksFollowTheMondayToFridayRule() {
        WorkingDayCalendar c = ShippedCalendarData.calendar();
        Set<LocalDate> exceptions = DAYS.stream().map(CalendarDay::date).collect(Collectors.toCollection(TreeSet::new));
        for (LocalDate d = LocalDate.of(2017, 1, 1); d.getYear() <= 2026; d = d.plusDays(1)) {
            if (!exceptions.contains(d)) {
                boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                assertThat(c.isWorkingDay(d)).as("%s", d).isEqualTo(!weekend);
            }
        }
    }

    private static void assertOff(WorkingDayCalendar c, String first, String last) {
        for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
            assertThat(c.isWorkingDay(d)).as("%s is a day off", d).isFalse();
        }
    }

    private static void assertWorking(WorkingDayCalendar c, String... days) {
        for (String d : days) {
            assertThat(c.isWorkingDay(LocalDate.parse(d))).as("%s is a working day", d).isTrue();
        }
    }
}
