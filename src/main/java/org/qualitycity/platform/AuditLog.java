package org.qualitycity.platform;

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

    /** Records an event that is not a change of a record (login, permission failure, data view). */
    default void event(String module, String action, Object details) {
        record(module, "event", null, null, action, null, details);
    }
}
