package org.qualitycity.plan;

import java.util.List;

/**
 * A numbered measure in the plan's own words, with its lead and co-operating units (inferred when
 * the plan's decomposition table is missing; the city admin may edit them) and default phase.
 *
 * @param assignment        {@code INFERRED} when the units were read from the wording rather than the
 *                          plan's task decomposition table, otherwise null
 * @param indicators        codes of the indicators this measure serves (task ↔ indicator link)
 * @param involvesDistricts the text assigns work to every county-level unit (each gets a sub-task)
 */
public record Measure(String code, String groupCode, int number, String ref, String titleZh, String titleEn,
                      String textZh, String leadUnit, List<String> coUnits, String phase, List<String> milestones,
                      List<RecurringDuty> recurring, boolean involvesDistricts, String assignment,
                      List<String> indicators, String note) {

    /** A measure without assignment, indicator links and note (the original contract). */
    public Measure(String code, String groupCode, int number, String ref, String titleZh, String titleEn,
                   String textZh, String leadUnit, List<String> coUnits, String phase, List<String> milestones,
                   List<RecurringDuty> recurring, boolean involvesDistricts) {
        this(code, groupCode, number, ref, titleZh, titleEn, textZh, leadUnit, coUnits, phase, milestones, recurring,
                involvesDistricts, null, List.of(), null);
    }

    /**
     * A duty the measure repeats, e.g. the commission meets every 1 YEAR.
     *
     * @param unit       YEAR, HALF, QUARTER or MONTH
     * @param provenance PLAN when the plan states the interval, INTERPRETED when it is our reading
     * @param indicator  the count target that measures the duty, or null
     */
    public record RecurringDuty(String textZh, String dutyEn, int every, String unit, String provenance,
                                String indicator) {

        /** A duty without provenance and indicator (the original contract). */
        public RecurringDuty(String textZh, String dutyEn, int every, String unit) {
            this(textZh, dutyEn, every, unit, null, null);
        }
    }
}
