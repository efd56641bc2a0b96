package org.qualitycity.task.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervision notice colour by lateness and repetition. */
class DeadlineLevelTest {

    @Test
    void blueYellowRedByWorkingDaysLate() {
        assertThat(DeadlineChecker.level(1, 0, 5, 10, 2)).isZero();
        assertThat(DeadlineChecker.level(4, 0, 5, 10, 2)).isZero();
        assertThat(DeadlineChecker.level(5, 0, 5, 10, 2)).isEqualTo(1);
        assertThat(DeadlineChecker.level(9, 1, 5, 10, 2)).isEqualTo(1);
        assertThat(DeadlineChecker.level(10, 0, 5, 10, 2)).isEqualTo(2);
    }

    @Test
    void aUnitWithRepeatedNoticesIsEscalatedOneLevelUpToRed() {
        assertThat(DeadlineChecker.level(1, 2, 5, 10, 2)).isEqualTo(1);
        assertThat(DeadlineChecker.level(6, 3, 5, 10, 2)).isEqualTo(2);
        assertThat(DeadlineChecker.level(12, 5, 5, 10, 2)).isEqualTo(2);
    }
}
