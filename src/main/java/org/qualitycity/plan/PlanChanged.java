package org.qualitycity.plan;

/**
 * Published after a plan was imported, replaced or edited (tasks and indicators re-read it).
 *
 * @param version the plan's version after the change
 * @param change  IMPORTED, REPLACED, MEASURE_UNITS_EDITED or MADE_CURRENT
 * @param current whether the plan is the current one after the change
 */
public record PlanChanged(String planId, int version, String change, boolean current) {

    /** An event without the kind of change (the original contract). */
    public PlanChanged(String planId, int version) {
        this(planId, version, null, true);
    }
}
