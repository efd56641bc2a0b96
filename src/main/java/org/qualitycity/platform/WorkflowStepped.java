package org.qualitycity.platform;

import java.time.Instant;

/**
 * A record took a step of its workflow (published by {@link WorkflowSteps#apply} inside the step's
 * transaction, after the history and the audit entry are written).
 *
 * @param workflow the workflow's name, e.g. {@code complaint.case}
 * @param entityId the record's id (or key, as in the audit trail)
 * @param unitId   the unit that owns the record, may be null
 * @param action   the action's name
 * @param from     the state before
 * @param to       the state after
 * @param actorId  the user who took it, null for the system
 * @param at       when
 */
public record WorkflowStepped(String workflow, String entityId, Long unitId, String action, String from, String to,
                              Long actorId, Instant at) {
}
