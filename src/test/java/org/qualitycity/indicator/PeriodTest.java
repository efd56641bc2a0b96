package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.qualitycity.plan.IndicatorDefinition.PeriodType;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {

    @Test
    void parsesTheFourIdentifierForms() {
        assertThat(Period.parse("2018")).isEqualTo(new Period(PeriodType.YEAR, 2018, 1));
        assertThat(Period.parse("2018S1")).isEqualTo(new Period(PeriodType.HALF, 2018, 1));
        assertThat(Period.parse("2018Q2")).isEqualTo(new Period(PeriodType.QUARTER, 2018, 2));
        assertThat(Period.parse("201805")).isEqualTo(new Period(PeriodType.MONTH, 2018, 5));
        assertThat(Period.parse("2018Q2").id()).isEqualTo("2018Q2");
        assertThat(Period.parse("201805").id()).isEqualTo("201805");
    }

    @Test
    void rejectsWhatIsNotAPeriod() {
        for (String bad : new String[]{"2018Q5", "201813", "201800", "2018S3", "18", "2018-05", "", "abcd"}) {
            assertThatThrownBy(() -> Period.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void knowsItsDatesAndNeighbours() {
        Period q2 = Period.parse("2018Q2");
        assertThat(q2.start()).isEqualTo(LocalDate.of(2018, 4, 1));
        assertThat(q2.end()).isEqualTo(LocalDate.of(2018, 6, 30));
        assertThat(q2.previousYear().id()).isEqualTo("2017Q2");
        assertThat(Period.parse("2018Q1").previous().id()).isEqualTo("2017Q4");
        assertThat(Period.parse("2018S2").end()).isEqualTo(LocalDate.of(2018, 12, 31));
        assertThat(Period.parse("201802").end()).isEqualTo(LocalDate.of(2018, 2, 28));
        assertThat(Period.containing(PeriodType.QUARTER, LocalDate.of(2025, 11, 27)).id()).isEqualTo("2025Q4");
        assertThat(q2.monthsInside()).extracting(Period::id).containsExactly("201804", "201805", "201806");
    }

    @Test
    void aMonthlyIndicatorIsEvaluatedForMonthsQuartersHalvesAndTheYear() {
        assertThat(Period.evaluatedIn(PeriodType.MONTH, 2018)).hasSize(12 + 4 + 2 + 1);
        assertThat(Period.evaluatedIn(PeriodType.QUARTER, 2018)).hasSize(4 + 2 + 1);
        assertThat(Period.evaluatedIn(PeriodType.YEAR, 2018)).extracting(Period::id).containsExactly("2018");
    }
}
