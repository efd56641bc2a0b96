package org.qualitycity.assessment.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.assessment.AssessmentViews;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines are rounded before they are added, so a breakdown sums exactly to its total. */
class ScoringArithmeticTest {

    @Test
    void proportionalPointsRoundHalfUpToTwoDecimals() {
        assertThat(AssessmentService.ratio(new BigDecimal("50"), BigDecimal.valueOf(2), BigDecimal.valueOf(3)))
                .isEqualByComparingTo("33.33");
        assertThat(AssessmentService.ratio(new BigDecimal("25"), new BigDecimal("1.5"), BigDecimal.valueOf(2)))
                .isEqualByComparingTo("18.75");
        assertThat(AssessmentService.ratio(new BigDecimal("15"), BigDecimal.valueOf(1), BigDecimal.valueOf(6)))
                .isEqualByComparingTo("2.50");
    }

    @Test
    void theTotalIsTheExactSumOfTheRoundedLines() {
        List<AssessmentViews.Line> lines = List.of(
                line(AssessmentService.ratio(new BigDecimal("50"), BigDecimal.valueOf(2), BigDecimal.valueOf(3))),
                line(AssessmentService.ratio(new BigDecimal("25"), BigDecimal.valueOf(1), BigDecimal.valueOf(3))),
                line(AssessmentService.ratio(new BigDecimal("25"), BigDecimal.valueOf(1), BigDecimal.valueOf(3))),
                line(new BigDecimal("-4.00")));
        assertThat(AssessmentService.sum(lines)).isEqualByComparingTo("45.99");
    }

    private static AssessmentViews.Line line(BigDecimal points) {
        return new AssessmentViews.Line(1, "X", "c", "l", null, points, null);
    }
}
