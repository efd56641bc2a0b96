package org.qualitycity.calendar.web;

import org.junit.jupiter.api.Test;
import org.qualitycity.calendar.CalendarDay;
import org.qualitycity.calendar.CalendarYear;
import org.qualitycity.calendar.DayKind;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pasted/uploaded text form of a year's exception days. */
class CalendarTextTest {

    @Test
    void readsDatesRangesKindsAndNames() {
        CalendarText.Parsed p = CalendarText.parse("""
                \uFEFF# 2027 (example)
                2027-01-01~2027-01-03, HOLIDAY, 元旦, New Year's Day

                2027-01-04，班，元旦调休上班
                2027-02-06..2027-02-07\t休\t春节\tSpring Festival, the first days
                """);
        assertThat(p.problems()).isEmpty();
        assertThat(p.days()).extracting(CalendarDay::date).containsExactly(
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 3),
                LocalDate.of(2027, 1, 4), LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 7));
        assertThat(p.lines()).containsExactly(2, 2, 2, 4, 5, 5);
        assertThat(p.days().get(3)).isEqualTo(new CalendarDay(LocalDate.of(2027, 1, 4), DayKind.WORKDAY,
                "元旦调休上班", "元旦调休上班"));
        assertThat(p.days().get(5).nameEn()).isEqualTo("Spring Festival, the first days");
    }

    @Test
    void reportsEachBadLineWithItsNumber() {
        CalendarText.Parsed p = CalendarText.parse("""
                2027-13-01, HOLIDAY, 元旦
                2027-01-04, SOMETIMES, 元旦调休上班
                2027-01-04
                2027-02-10~2027-02-01, HOLIDAY, 春节
                2027-01-01~2027-03-01, HOLIDAY, 春节
                2027-10-01, HOLIDAY, ,National Day
                """);
        assertThat(p.days()).isEmpty();
        assertThat(p.problems()).extracting(CalendarText.LineProblem::line, CalendarText.LineProblem::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "calendar.error.date-invalid"),
                        org.assertj.core.groups.Tuple.tuple(2, "calendar.error.kind"),
                        org.assertj.core.groups.Tuple.tuple(3, "calendar.edit.columns"),
                        org.assertj.core.groups.Tuple.tuple(4, "calendar.edit.range-reversed"),
                        org.assertj.core.groups.Tuple.tuple(5, "calendar.edit.range-too-long"),
                        org.assertj.core.groups.Tuple.tuple(6, "calendar.error.required"));
    }

    @Test
    void formatsRunsAsRangesAndReadsThemBack() {
        List<CalendarDay> days = List.of(
                new CalendarDay(LocalDate.of(2025, 9, 28), DayKind.WORKDAY, "国庆节、中秋节调休上班",
                        "National Day and Mid-Autumn Festival make-up working day"),
                new CalendarDay(LocalDate.of(2025, 10, 1), DayKind.HOLIDAY, "国庆节、中秋节",
                        "National Day and Mid-Autumn Festival"),
                new CalendarDay(LocalDate.of(2025, 10, 2), DayKind.HOLIDAY, "国庆节、中秋节",
                        "National Day and Mid-Autumn Festival"),
                new CalendarDay(LocalDate.of(2025, 10, 3), DayKind.HOLIDAY, "国庆节、中秋节",
                        "National Day and Mid-Autumn Festival"),
                new CalendarDay(LocalDate.of(2025, 10, 11), DayKind.WORKDAY, "国庆节、中秋节调休上班",
                        "National Day and Mid-Autumn Festival make-up working day"));
        String text = CalendarText.format(days);
        assertThat(text.lines()).hasSize(3);
        assertThat(text.lines().toList().get(1))
                .isEqualTo("2025-10-01~2025-10-03, HOLIDAY, 国庆节、中秋节, National Day and Mid-Autumn Festival");
        assertThat(CalendarText.parse(text).days()).isEqualTo(days);
    }

    @Test
    void theShippedYearsSurviveTheRoundTrip() {
        for (CalendarYear y : org.qualitycity.calendar.CalendarTestData.shippedYears()) {
            CalendarText.Parsed p = CalendarText.parse(CalendarText.format(y.days()));
            assertThat(p.problems()).isEmpty();
            assertThat(p.days()).as("%d", y.year()).isEqualTo(y.days());
        }
    }
}
