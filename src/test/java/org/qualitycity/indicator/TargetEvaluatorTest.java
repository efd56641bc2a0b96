package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.qualitycity.indicator.internal.TargetEvaluator;
import org.qualitycity.indicator.internal.TargetEvaluator.Inputs;
import org.qualitycity.plan.TargetRule;
import org.qualitycity.plan.TargetRule.Kind;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance: every target rule kind is evaluated correctly at its boundary. */
class TargetEvaluatorTest {

    static final Period Y2018 = Period.year(2018);
    static final Period Q2 = Period.parse("2018Q2");

    static TargetRule rule(Kind kind, String value) {
        return new TargetRule(kind, value == null ? null : new BigDecimal(value), null, null, null, null, false, null,
                null, "PLAN", null);
    }

    static Attainment eval(TargetRule rule, String value) {
        return TargetEvaluator.evaluate(rule, value == null ? null : new BigDecimal(value), Y2018, Inputs.none());
    }

    @Test
    void greaterOrEqualMeetsAtTheBoundaryAndNotJustBelow() {
        assertThat(eval(rule(Kind.GE, "95"), "95.0")).isEqualTo(Attainment.MET);
        assertThat(eval(rule(Kind.GE, "95"), "95")).isEqualTo(Attainment.MET);
        assertThat(eval(rule(Kind.GE, "95"), "94.99")).isEqualTo(Attainment.NOT_MET);
        assertThat(eval(rule(Kind.GE, "95"), "94.9999999")).isEqualTo(Attainment.NOT_MET);
        assertThat(eval(rule(Kind.GE, "95"), null)).isEqualTo(Attainment.NO_DATA);
    }

    @Test
    void ratiosAreComparedUnrounded() {
        // 37 of 39 = 94.87 % misses 95 %; 19 of 20 = 95 % exactly meets it
        BigDecimal p = TargetEvaluator.ratio(BigDecimal.valueOf(37), BigDecimal.valueOf(39), BigDecimal.valueOf(100));
        assertThat(TargetEvaluator.evaluate(rule(Kind.GE, "95"), p, Q2, Inputs.none())).isEqualTo(Attainment.NOT_MET);
        BigDecimal q = TargetEvaluator.ratio(BigDecimal.valueOf(19), BigDecimal.valueOf(20), BigDecimal.valueOf(100));
        assertThat(TargetEvaluator.evaluate(rule(Kind.GE, "95"), q, Q2, Inputs.none())).isEqualTo(Attainment.MET);
        // 100 % only when every batch passed
        BigDecimal all = TargetEvaluator.ratio(BigDecimal.valueOf(333), BigDecimal.valueOf(333), BigDecimal.valueOf(100));
        BigDecimal allButOne = TargetEvaluator.ratio(BigDecimal.valueOf(332), BigDecimal.valueOf(333), BigDecimal.valueOf(100));
        assertThat(TargetEvaluator.evaluate(rule(Kind.EQ, "100"), all, Q2, Inputs.none())).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(rule(Kind.EQ, "100"), allButOne, Q2, Inputs.none())).isEqualTo(Attainment.NOT_MET);
        assertThat(TargetEvaluator.ratio(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.TEN)).isNull();
    }

    @Test
    void lessOrEqualAndEqual() {
        assertThat(eval(rule(Kind.LE, "0"), "0")).isEqualTo(Attainment.MET);
        assertThat(eval(rule(Kind.LE, "0"), "0.01")).isEqualTo(Attainment.NOT_MET);
        assertThat(eval(rule(Kind.EQ, "0"), "0.000")).isEqualTo(Attainment.MET);
        assertThat(eval(rule(Kind.EQ, "0"), "1")).isEqualTo(Attainment.NOT_MET);
    }

    @Test
    void lessThanAComparatorThatIsItselfData() {
        TargetRule r = new TargetRule(Kind.LT_COMPARATOR, null, "P5_NATIONAL_AVG", null, null, null, false, null, null,
                "PLAN", null);
        var below = new Inputs(new BigDecimal("0.45"), null, null, 0, null, null);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("0.44"), Y2018, below)).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("0.45"), Y2018, below)).isEqualTo(Attainment.NOT_MET);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("0.44"), Y2018, Inputs.none())).isEqualTo(Attainment.NO_DATA);
    }

    @Test
    void yearOnYearGrowthAgainstTheSamePeriodOfThePreviousYear() {
        TargetRule r = rule(Kind.YOY_GROWTH_GE, "10");
        var prev100 = new Inputs(null, new BigDecimal("100"), null, 0, null, null);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("110"), Q2, prev100)).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("109.99"), Q2, prev100)).isEqualTo(Attainment.NOT_MET);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("110"), Q2, Inputs.none())).isEqualTo(Attainment.NO_DATA);
        assertThat(TargetEvaluator.growthPercent(new BigDecimal("110"), new BigDecimal("100")))
                .isEqualByComparingTo("10");
        // decreasing year on year (W1): growth < 0
        TargetRule down = rule(Kind.YOY_GROWTH_LT, "0");
        assertThat(TargetEvaluator.evaluate(down, new BigDecimal("99"), Y2018, prev100)).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(down, new BigDecimal("100"), Y2018, prev100)).isEqualTo(Attainment.NOT_MET);
    }

    @Test
    void averageAnnualGrowthSinceABaseYear() {
        TargetRule r = new TargetRule(Kind.YOY_GROWTH_GE, BigDecimal.TEN, null, null, null, null, true, 2016, null,
                "PLAN", null);
        // 100 → 121 in two years is exactly 10 % a year
        var base = new Inputs(null, null, new BigDecimal("100"), 2, null, null);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("121.0001"), Y2018, base)).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(r, new BigDecimal("120.9"), Y2018, base)).isEqualTo(Attainment.NOT_MET);
    }

    @Test
    void rankAtMost() {
        assertThat(eval(rule(Kind.RANK_LE, "5"), "5")).isEqualTo(Attainment.MET);
        assertThat(eval(rule(Kind.RANK_LE, "5"), "6")).isEqualTo(Attainment.NOT_MET);
    }

    @Test
    void countByADate() {
        TargetRule r = new TargetRule(Kind.COUNT_GE, new BigDecimal("5"), null, LocalDate.of(2020, 12, 31), null, null,
                false, null, null, "PLAN", null);
        Period y2019 = Period.year(2019);
        Period y2020 = Period.year(2020);
        var reached = new Inputs(null, null, null, 0, new BigDecimal("5"), null);
        var short4 = new Inputs(null, null, null, 0, new BigDecimal("4"), null);
        assertThat(TargetEvaluator.evaluate(r, BigDecimal.ONE, y2019, reached)).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(r, BigDecimal.ONE, y2020, short4)).isEqualTo(Attainment.NOT_MET);
        // before the deadline: on track or at risk by the projection to the deadline
        var onTrack = new Inputs(null, null, null, 0, new BigDecimal("4"), new BigDecimal("5.5"));
        var behind = new Inputs(null, null, null, 0, new BigDecimal("4"), new BigDecimal("4.9"));
        assertThat(TargetEvaluator.evaluate(r, BigDecimal.ONE, y2019, onTrack)).isEqualTo(Attainment.ON_TRACK);
        assertThat(TargetEvaluator.evaluate(r, BigDecimal.ONE, y2019, behind)).isEqualTo(Attainment.AT_RISK);
    }

    @Test
    void countPerYear() {
        TargetRule r = new TargetRule(Kind.COUNT_GE, BigDecimal.ONE, null, null, 1, "YEAR", false, null, null, "PLAN", null);
        assertThat(TargetEvaluator.evaluate(r, BigDecimal.ONE, Y2018, Inputs.none())).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(r, BigDecimal.ZERO, Y2018, Inputs.none())).isEqualTo(Attainment.NOT_MET);
        // every two years: last year's count is part of the window
        TargetRule two = new TargetRule(Kind.COUNT_GE, BigDecimal.ONE, null, null, 2, "YEAR", false, null, null, "PLAN", null);
        var lastYearHeld = new Inputs(null, null, null, 0, BigDecimal.ONE, null);
        assertThat(TargetEvaluator.evaluate(two, BigDecimal.ZERO, Y2018, lastYearHeld)).isEqualTo(Attainment.MET);
    }

    @Test
    void qualitativeNeedsAnAssessment() {
        TargetRule r = rule(Kind.QUALITATIVE, "2");
        assertThat(eval(r, null)).isEqualTo(Attainment.PENDING_ASSESSMENT);
        assertThat(eval(r, "1")).isEqualTo(Attainment.MET);
        assertThat(eval(r, "2")).isEqualTo(Attainment.MET);
        assertThat(eval(r, "3")).isEqualTo(Attainment.NOT_MET);
    }

    @Test
    void aProjectedMissTurnsMetIntoAtRisk() {
        TargetRule r = rule(Kind.GE, "90");
        assertThat(TargetEvaluator.withProjection(Attainment.MET, r, new BigDecimal("89.4"), Y2018, Inputs.none()))
                .isEqualTo(Attainment.AT_RISK);
        assertThat(TargetEvaluator.withProjection(Attainment.MET, r, new BigDecimal("90"), Y2018, Inputs.none()))
                .isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.withProjection(Attainment.NOT_MET, r, new BigDecimal("95"), Y2018, Inputs.none()))
                .isEqualTo(Attainment.NOT_MET);
    }

    // ---- issue 10 (cor-indicators)

    @Test
    void equalComparesAfterRoundingToTheIndicatorsDecimals() {
        Inputs oneDecimal = Inputs.none().withDecimals(1);
        // 99.96 is shown as 100.0 and is 100 (docs/plan-format.md: "= value after rounding to decimals")
        assertThat(TargetEvaluator.evaluate(rule(Kind.EQ, "100"), new BigDecimal("99.96"), Q2, oneDecimal))
                .isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(rule(Kind.EQ, "100"), new BigDecimal("99.94"), Q2, oneDecimal))
                .isEqualTo(Attainment.NOT_MET);
        assertThat(TargetEvaluator.evaluate(rule(Kind.EQ, "0"), new BigDecimal("0.4"), Q2, Inputs.none().withDecimals(0)))
                .isEqualTo(Attainment.MET);
    }

    static TargetRule rising(String value) {
        return new TargetRule(Kind.GE, new BigDecimal(value), null, null, null, null, false, null, null, "PLAN", null,
                null, null, false, null, java.util.List.of(), false, null, true);
    }

    @Test
    void aTargetThatMustKeepRisingNeedsBothHalves() {
        // W3: 满意度不断提升,达到75分以上 — at least 75 AND above the previous year
        Inputs lastYear81 = new Inputs(null, new BigDecimal("81"), null, 0, null, null);
        Inputs lastYear79 = new Inputs(null, new BigDecimal("79"), null, 0, null, null);
        assertThat(TargetEvaluator.evaluate(rising("75"), new BigDecimal("80"), Y2018, lastYear81)).isEqualTo(Attainment.NOT_MET);
        assertThat(TargetEvaluator.evaluate(rising("75"), new BigDecimal("80"), Y2018, lastYear79)).isEqualTo(Attainment.MET);
        assertThat(TargetEvaluator.evaluate(rising("75"), new BigDecimal("74"), Y2018, lastYear79)).isEqualTo(Attainment.NOT_MET);
        // the first year has nothing to rise from: the figure alone decides
        assertThat(TargetEvaluator.evaluate(rising("75"), new BigDecimal("80"), Y2018, Inputs.none())).isEqualTo(Attainment.MET);
    }

    @Test
    void aCountWindowThatHasNotEndedIsNotMissedYet() {
        TargetRule everyTwoYears = new TargetRule(Kind.COUNT_GE, BigDecimal.ONE, null, null, 2, "YEAR", false, null,
                null, "PLAN", null);
        assertThat(TargetEvaluator.evaluate(everyTwoYears, null, Y2018, Inputs.none().withWindowOpen(true)))
                .isEqualTo(Attainment.ON_TRACK);
        assertThat(TargetEvaluator.evaluate(everyTwoYears, null, Y2018, Inputs.none())).isEqualTo(Attainment.NO_DATA);
        assertThat(TargetEvaluator.evaluate(everyTwoYears, BigDecimal.ZERO, Y2018, Inputs.none())).isEqualTo(Attainment.NOT_MET);
    }

    @Test
    void countWindowsRunFromThePlansStartAndAChangedYearRecomputesTheYearsThatReadIt() {
        // 每两年: 2017–18, 2019–20, never 2016–17
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.windowStart(2017, 2, 2017)).isEqualTo(2017);
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.windowStart(2018, 2, 2017)).isEqualTo(2017);
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.windowStart(2019, 2, 2017)).isEqualTo(2019);
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.windowStart(2016, 2, 2017)).isEqualTo(2015);
        TargetRule yoy = rule(Kind.YOY_GROWTH_LT, "0");
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.dependentYears(yoy, 2019, 2026, 2017))
                .containsExactly(2020);
        TargetRule countBy = new TargetRule(Kind.COUNT_GE, BigDecimal.ONE, null, LocalDate.of(2020, 12, 31), null,
                null, false, null, null, "PLAN", null);
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.dependentYears(countBy, 2019, 2022, 2017))
                .containsExactly(2020, 2021, 2022);
        TargetRule average = new TargetRule(Kind.YOY_GROWTH_GE, BigDecimal.TEN, null, null, null, null, true, 2016,
                null, "PLAN", null);
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.dependentYears(average, 2016, 2018, 2017))
                .containsExactly(2017, 2018);
        assertThat(org.qualitycity.indicator.internal.RecomputeEngine.dependentYears(average, 2017, 2018, 2017)).isEmpty();
    }

    @Test
    void eachSectorTargetsHoldForEveryMember() {
        TargetRule each = new TargetRule(Kind.COUNT_GE, BigDecimal.ONE, null, LocalDate.of(2020, 12, 31), null, null,
                false, null, null, "PLAN", null, null, null, true, null, java.util.List.of(), false, null);
        var oneSector = new java.util.LinkedHashMap<String, BigDecimal>();
        oneSector.put("卫生", BigDecimal.ONE);
        oneSector.put("旅游", null);
        // one pilot in all is not "one in each sector"
        assertThat(TargetEvaluator.eachMember(each, oneSector, BigDecimal.ONE, Period.year(2020), null))
                .isEqualTo(Attainment.NOT_MET);
        assertThat(TargetEvaluator.eachMember(each, oneSector, BigDecimal.ONE, Period.year(2019), null))
                .isEqualTo(Attainment.ON_TRACK);
        oneSector.put("旅游", BigDecimal.valueOf(2));
        assertThat(TargetEvaluator.eachMember(each, oneSector, BigDecimal.valueOf(3), Period.year(2020), null))
                .isEqualTo(Attainment.MET);
    }
}
