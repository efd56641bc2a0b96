package org.qualitycity.platform;

import java.util.Map;

/**
 * The one mechanism that records changes: who, when, from where, which record, action, before and
 * after. Call it inside the transaction of the change, so that the entry and the change commit or
 * roll back together. Entries are hash-chained; see {@code docs/architecture.md}.
 */
public interface AuditLog {

    /**
     * @param module     module name, e.g. "platform"
     * @param entityType e.g. "unit"
     * @param entityId   the record's id (or code)
     * @param unitId     the unit that owns the record (for scope filtering), may be null
     * @param action     e.g. CREATE, UPDATE, DELETE, SUBMIT, APPROVE
     * @param before     state before (a record/view/map, serialised as JSON), or null
     * @param after      state after, or null
     */
    void record(String module, String entityType, Object entityId, Long unitId, String action, Object before,
                Object after);

    /** As {@link #record}, naming the actor explicitly (e.g. at login, before the user is signed in). */
    void recordAs(CurrentUser actor, String module, String entityType, Object entityId, Long unitId, String action,
                  Object before, Object after);

    /**
     * The entry of a row that the caller's own {@code INSERT} statement creates, appended by that same statement (issue
     * 13: one round trip for the change and its entry, which commit or roll back together as one statement, in or
     * outside a transaction). {@link Entry#sql()} is an {@code INSERT … SELECT} that reads the new row's id from the
     * column {@code idColumn} of the caller's data-modifying CTE {@code cte} (both SQL identifiers are constants of
     * the caller, never input): use it as a further CTE of the statement, bind {@link Entry#params()} (all named
     * {@code audit…}) and call {@link #appended()} after the statement ran. The entry is the one {@link #record} writes
     * (actor, address, module, type, id, unit, action, {@code after} as JSON; unsealed, chained by the sealer).
     */
    Entry entryFor(String cte, String idColumn, String module, String entityType, Long unitId, String action,
                   Object after);

    /** After a statement that carried an {@link #entryFor} entry ran: the sealer chains it (after commit, in a transaction). */
    void appended();

    /** An audit entry's statement part: see {@link #entryFor}. */
    record Entry(String sql, Map<String, Object> params) {
    }

    /** Records an event that is not a change of a record (login, permission failure, data view). */
    default void event(String module, String action, Object details) {
        record(module, "event", null, null, action, null, details);
    }
}
