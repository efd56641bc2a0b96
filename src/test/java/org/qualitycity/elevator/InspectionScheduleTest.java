package org.qualitycity.elevator;

import org.junit.jupiter.api.Test;
import org.qualitycity.elevator.internal.InspectionSchedule;
import org.qualitycity.elevator.internal.InspectionSchedule.Due;
import org.qualitycity.elevator.internal.InspectionSchedule.Kind;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 5 (second half) of issue 16: TSG T7001-2023 inspection years of an elevator first used in 2019-06. */
class InspectionScheduleTest {

    @Test
    void firstUsedInJune2019() {
        LocalDate firstUse = LocalDate.of(2019, 6, 18);
        List<Due> dues = InspectionSchedule.between(firstUse, LocalDate.of(2020, 1, 1), LocalDate.of(2036, 12, 31));
        // years 1, 4, 7, 9, 11, 13, 15 after first use (2020, 2023, 2026, 2028, 2030, 2032, 2034), then every year
        assertThat(dues.stream().filter(d -> d.kind() == Kind.INSPECTION).map(d -> d.dueOn().getYear()))
                .containsExactly(2020, 2023, 2026, 2028, 2030, 2032, 2034, 2035, 2036);
        // the user unit's self-checks in the other years
        assertThat(dues.stream().filter(d -> d.kind() == Kind.SELF_CHECK).map(d -> d.dueOn().getYear()))
                .containsExactly(2021, 2022, 2024, 2025, 2027, 2029, 2031, 2033);
        assertThat(dues.get(0)).isEqualTo(new Due(1, Kind.INSPECTION, LocalDate.of(2020, 6, 18)));
        assertThat(dues.get(dues.size() - 1)).isEqualTo(new Due(17, Kind.INSPECTION, LocalDate.of(2036, 6, 18)));
        assertThat(InspectionSchedule.next(firstUse, LocalDate.of(2026, 12, 7)))
                .isEqualTo(new Due(8, Kind.SELF_CHECK, LocalDate.of(2027, 6, 18)));
        assertThat(InspectionSchedule.next(firstUse, LocalDate.of(2019, 7, 1)).dueOn()).isEqualTo(LocalDate.of(2020, 6, 18));
        assertThat(InspectionSchedule.maintenanceDue(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 16));
    }
}
