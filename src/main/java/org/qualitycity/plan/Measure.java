package org.qualitycity.plan;

import java.util.List;

/**
 * A numbered measure in the plan's own words, with its lead and co-operating units (inferred when
 * the plan's decomposition table is missing; the city admin may edit them) and default phase.
 */
public record Measure(String code, String groupCode, int number, String ref, String titleZh, String titleEn,
                      String textZh, String leadUnit, List<String> coUnits, String phase, List<String> milestones,
                      List<RecurringDuty> recurring, boolean involvesDistricts) {

    /** A duty the measure repeats, e.g. the commission meets every 1 YEAR. */
    public record RecurringDuty(String textZh, String dutyEn, int every, String unit) {
    }
}
