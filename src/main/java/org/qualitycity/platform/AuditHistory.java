package org.qualitycity.platform;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Reading the audit trail of records for other modules: a module shows the history of its own records (who
 * submitted, approved, returned a value and with which comment) without reading {@code platform_audit} itself.
 * Read-only; the caller decides who may see the history of its records.
 */
public interface AuditHistory {

    /**
     * One audited step of a record.
     *
     * @param afterValue the text of one top-level field of the state after the step (as asked for), or null
     */
    record Entry(Instant at, String actorName, String action, String entityId, String afterValue) {
    }

    /**
     * The newest entries (at most {@code limit}, newest first) of these records of a module.
     *
     * @param module     the module that recorded them, e.g. "indicator"
     * @param entityType e.g. "value"
     * @param entityIds  the records' ids as recorded
     * @param afterField the top-level field of the after state to return as {@link Entry#afterValue()}, or null
     */
    List<Entry> history(String module, String entityType, Collection<String> entityIds, String afterField, int limit);
}
