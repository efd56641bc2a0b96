package org.qualitycity.platform;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The one place that applies a step of a {@link Workflow}: checks the table (409 naming the current state
 * and the action when the step is not allowed there, 403/409 from the guards), lets the module change its
 * record, records the step in the workflow history ({@code platform_workflow_step}), writes the audit entry
 * and publishes {@link WorkflowStepped}, all in the caller's transaction.
 */
public interface WorkflowSteps {

    /**
     * What a step changed, for the audit trail: records, views or maps, serialised as JSON like every audit entry
     * ({@code null}: the states before and after).
     */
    record Change(Object before, Object after) {

        public static final Change STATES = new Change(null, null);
    }

    /** One recorded step of a record's history. */
    record Step(String workflow, String entityId, String action, String from, String to, Long actorId, Instant at) {
    }

    /**
     * Applies {@code action} to the record {@code entityId} (its id, or its key as in the audit trail) that is in
     * state {@code current}.
     *
     * @param unitId the unit that owns the record (the audit entry's scope), may be null
     * @param effect the module's change of its record for the checked transition (runs after the check,
     *               before the history, audit and event); it may still refuse with a validation error
     * @return the state after the step
     */
    <S extends Enum<S>, A extends Enum<A>, C> S apply(Workflow<S, A, C> workflow, Object entityId, Long unitId, S current,
                                                     A action, C context,
                                                     Function<Workflow.Transition<S, A, C>, Change> effect);

    /** The steps recorded for a record, oldest first. */
    List<Step> history(Workflow<?, ?, ?> workflow, Object entityId);
}
