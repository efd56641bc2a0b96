package org.qualitycity.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qualitycity.platform.ValidationException;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counting rules, on the shipped arrangements and on small hand-made calendars. No Spring. */
class CalendarWorkingDaysTest {

    private static final WorkingDayCalendar SHIPPED = ShippedCalendarData.calendar();

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            // anchors: National Day + Mid-Autumn 2025 (1-8 Oct off, Sat 11 Oct works)
            "2025-09-30, 1, 2025-10-09",
            "2025-09-30, 7, 2025-10-16",
            // Spring Festival 2024 (10-17 Feb off, Sun 18 Feb works)
            "2024-02-09, 1, 2024-02-18",
            // New Year 2024 joined to the weekend
            "2023-12-29, 3, 2024-01-04",
            // start on a weekend: the Saturday itself is not counted, Monday is the first day
            "2025-03-15, 1, 2025-03-17",
            "2025-03-16, 5, 2025-03-21",
            // start inside a holiday block: the first working day after the block is day one
            "2025-10-03, 1, 2025-10-09",
            "2024-02-12, 2, 2024-02-19",
            // a make-up working Saturday counts
            "2025-10-10, 1, 2025-10-11",
            "2025-09-26, 1, 2025-09-28",
            // start on a make-up working Sunday
            "2025-09-28, 1, 2025-09-29",
            // a plain week
            "2025-03-10, 5, 2025-03-17",
            // across the year boundary 2025/2026 (1-3 Jan 2026 off, Sun 4 Jan works)
            "2025-12-31, 1, 2026-01-04",
            "2025-12-31, 2, 2026-01-05",
            // 2026 Spring Festival (15-23 Feb off; Sat 14 and Sat 28 Feb work)
            "2026-02-13, 1, 2026-02-14",
            "2026-02-14, 1, 2026-02-24",
            "2026-02-24, 4, 2026-02-28",
            // the 2020 extension of the Spring Festival: Sat 1 Feb 2020 is no longer worked
            "2020-01-23, 1, 2020-02-03",
            // 2019: Sat 29 Dec 2018 worked, 30 Dec-1 Jan off
            "2018-12-28, 1, 2018-12-29",
            "2018-12-28, 2, 2019-01-02",
            // days = 0: the start itself, even on a holiday
            "2025-10-01, 0, 2025-10-01",
            "2025-03-17, 0, 2025-03-17",
    })
    void addWorkingDays(LocalDate from, int days, LocalDate expected) {
        LocalDate result = SHIPPED.addWorkingDays(from, days);
        assertThat(result).isEqualTo(expected);
        if (days > 0) {
            assertThat(SHIPPED.isWorkingDay(result)).isTrue();
            assertThat(SHIPPED.workingDaysBetween(from, result)).isEqualTo(days);
            assertThat(SHIPPED.workingDaysBetween(from, result.minusDays(1))).isEqualTo(days - 1);
        }
    }

    @Test
    void sevenWorkingDaysOverTheSpringFestival2026() {
        // received on Friday 13 Feb 2026: Sat 14 Feb works (1), 15-23 Feb off, 24-27 Feb (2-5),
        // Sat 28 Feb works (6), Mon 2 March (7)
        LocalDate received = LocalDate.of(2026, 2, 13);
        assertThat(SHIPPED.addWorkingDays(received, 6)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(SHIPPED.addWorkingDays(received, 7)).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void longPeriodsCrossSeveralYears() {
        LocalDate end = SHIPPED.addWorkingDays(LocalDate.of(2017, 1, 1), 2000);
        assertThat(end.getYear()).isEqualTo(2025);
        assertThat(SHIPPED.workingDaysBetween(LocalDate.of(2017, 1, 1), end)).isEqualTo(2000);
        // 2018: 365 days, 104 weekend days, 11 weekday holidays net of make-up days
        assertThat(SHIPPED.workingDaysBetween(LocalDate.of(2017, 12, 31), LocalDate.of(2018, 12, 31)))
                .isEqualTo(365 - 104 - 11);
    }

    @Test
    void workingDaysBetweenIsAntisymmetricAndZeroForTheSameDay() {
        LocalDate a = LocalDate.of(2025, 9, 30);
        LocalDate b = LocalDate.of(2025, 10, 16);
        assertThat(SHIPPED.workingDaysBetween(a, b)).isEqualTo(7);
        assertThat(SHIPPED.workingDaysBetween(b, a)).isEqualTo(-7);
        assertThat(SHIPPED.workingDaysBetween(a, a)).isZero();
        // the holiday block holds no working day
        assertThat(SHIPPED.workingDaysBetween(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 8))).isZero();
    }

    @Test
    void negativeOrTooManyDaysNameTheField() {
        LocalDate from = LocalDate.of(2025, 3, 3);
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(from, -1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.FieldProblem::field).containsExactly("days"));
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(from, WorkingDayCalendar.MAX_DAYS + 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.FieldProblem::field).containsExactly("days"));
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(null, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.FieldProblem::field).containsExactly("from"));
    }

    @Test
    void theLargestPeriodIsAcceptedWhenItsYearsAreLoaded() {
        WorkingDayCalendar plain = WorkingDayCalendar.of(
                java.util.stream.IntStream.rangeClosed(2000, 2020).mapToObj(y -> new CalendarYear(y, "test", List.of()))
                        .toList());
        LocalDate end = plain.addWorkingDays(LocalDate.of(2000, 1, 3), WorkingDayCalendar.MAX_DAYS);
        // 3650 plain working days are 730 weeks
        assertThat(end).isEqualTo(LocalDate.of(2000, 1, 3).plusWeeks(730));
    }

    @Test
    void aStartInAYearNotLoadedIsAnErrorNamingFrom() {
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(LocalDate.of(2016, 12, 30), 1))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> {
                    assertThat(e.year()).isEqualTo(2016);
                    assertThat(e.field()).isEqualTo("from");
                });
        assertThatThrownBy(() -> SHIPPED.isWorkingDay(LocalDate.of(2027, 1, 4)))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> {
                    assertThat(e.year()).isEqualTo(2027);
                    assertThat(e.field()).isEqualTo("date");
                });
        // even with days = 0: the start must be a known day
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(LocalDate.of(2027, 1, 4), 0))
                .isInstanceOf(CalendarYearMissingException.class);
    }

    @Test
    void countingIntoAYearNotLoadedIsAnErrorNamingDays() {
        // 2026 ends on Thursday 31 December; 2027 is not loaded
        assertThat(SHIPPED.addWorkingDays(LocalDate.of(2026, 12, 28), 3)).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(LocalDate.of(2026, 12, 28), 4))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> {
                    assertThat(e.year()).isEqualTo(2027);
                    assertThat(e.field()).isEqualTo("days");
                });
        assertThatThrownBy(() -> SHIPPED.workingDaysBetween(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 5)))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> {
                    assertThat(e.year()).isEqualTo(2027);
                    assertThat(e.field()).isEqualTo("to");
                });
    }

    @Test
    void aGapBetweenLoadedYearsIsNotSkippedSilently() {
        WorkingDayCalendar gap = WorkingDayCalendar.of(List.of(
                new CalendarYear(2030, "test", List.of()), new CalendarYear(2032, "test", List.of())));
        assertThat(gap.loadedYears()).containsExactly(2030, 2032);
        assertThatThrownBy(() -> gap.addWorkingDays(LocalDate.of(2030, 12, 30), 5))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> {
                    assertThat(e.year()).isEqualTo(2031);
                    assertThat(e.field()).isEqualTo("days");
                });
        // also when counting runs past the last loaded year: the first missing year is named
        assertThatThrownBy(() -> gap.addWorkingDays(LocalDate.of(2030, 12, 30), 600))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> assertThat(e.year()).isEqualTo(2031));
        assertThatThrownBy(() -> gap.addWorkingDays(LocalDate.of(2032, 12, 30), 5))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> assertThat(e.year()).isEqualTo(2033));
        assertThatThrownBy(() -> gap.workingDaysBetween(LocalDate.of(2032, 1, 5), LocalDate.of(2030, 1, 1)))
                .isInstanceOfSatisfying(CalendarYearMissingException.class, e -> assertThat(e.year()).isEqualTo(2031));
    }

    @Test
    void anEmptyCalendarKnowsNoDay() {
        WorkingDayCalendar empty = WorkingDayCalendar.of(List.of());
        assertThat(empty.loadedYears()).isEmpty();
        assertThatThrownBy(() -> empty.isWorkingDay(LocalDate.of(2025, 1, 2)))
                .isInstanceOf(CalendarYearMissingException.class);
    }

    @Test
    void exceptionDaysOverrideTheWeek() {
        WorkingDayCalendar c = WorkingDayCalendar.of(List.of(new CalendarYear(2030, "test", List.of(
                new CalendarDay(LocalDate.of(2030, 1, 1), DayKind.HOLIDAY, "元旦", "New Year's Day"),
                new CalendarDay(LocalDate.of(2030, 1, 5), DayKind.WORKDAY, "调休", "Make-up")))));
        assertThat(c.isWorkingDay(LocalDate.of(2030, 1, 1))).isFalse(); // Tuesday off
        assertThat(c.isWorkingDay(LocalDate.of(2030, 1, 2))).isTrue();
        assertThat(c.isWorkingDay(LocalDate.of(2030, 1, 5))).isTrue(); // Saturday worked
        assertThat(c.isWorkingDay(LocalDate.of(2030, 1, 6))).isFalse(); // Sunday
        assertThat(c.addWorkingDays(LocalDate.of(2030, 1, 4), 1)).isEqualTo(LocalDate.of(2030, 1, 5));
    }

    @Test
    void aYearsExceptionsAreAvailable() {
        CalendarYear y2025 = SHIPPED.year(2025).orElseThrow();
        assertThat(y2025.days()).first().isEqualTo(
                new CalendarDay(LocalDate.of(2025, 1, 1), DayKind.HOLIDAY, "元旦", "New Year's Day"));
        assertThat(y2025.days()).extracting(CalendarDay::date).isSorted();
        assertThat(SHIPPED.year(2027)).isEmpty();
        assertThat(SHIPPED.loadedYears()).containsExactly(2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
    }

    @Test
    void aYearRejectsForeignAndDuplicateDates() {
        CalendarDay d = new CalendarDay(LocalDate.of(2030, 1, 1), DayKind.HOLIDAY, "元旦", "New Year's Day");
        assertThatThrownBy(() -> new CalendarYear(2031, "x", List.of(d))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CalendarYear(2030, "x", List.of(d, d))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(new CalendarYear(2030, "x", List.of()),
                new CalendarYear(2030, "y", List.of())))).isInstanceOf(IllegalArgumentException.class);
    }
}
