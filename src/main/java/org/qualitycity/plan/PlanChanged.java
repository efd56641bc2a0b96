package org.qualitycity.plan;

/**
 * Published by the plan module ({@code PlanService}) inside the transaction of a change to a stored plan: an import,
 * a replaced plan file, an edit of a measure's lead and co-operating units, or another plan made the current one.
 *
 * <p>Who hears it: the task module ({@code TaskGenerator}, an {@code @ApplicationModuleListener}, so after the
 * commit and recorded in the event publication registry): when the changed plan is the current one it creates the
 * tasks the plan now calls for and re-synchronises open generated tasks (lead units, titles) with it. Nobody else listens: the
 * indicator engine and the spot-check module read the plan through {@link Plans} whenever they need it, so they see
 * the change at once, and indicator results already computed stay as they are until the next recompute.
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
