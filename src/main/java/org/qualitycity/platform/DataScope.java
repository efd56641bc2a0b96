package org.qualitycity.platform;

import java.util.HashMap;
import java.util.Map;

/**
 * Which records a user may see, applied in SQL as a parameterised predicate (RuoYi-style scopes).
 *
 * <p>Usage in a repository: {@code "WHERE " + scope.predicate("c.unit_id", "c.created_by")} and bind
 * {@link #params()}. The column names are constants of the calling repository, never user input;
 * the values are always bound parameters.
 *
 * @param kind     ALL, UNIT_AND_BELOW, UNIT or SELF
 * @param userId   the user (for SELF)
 * @param unitId   the user's unit
 * @param unitPath the user's unit path ('/1/5/'), for UNIT_AND_BELOW
 */
public record DataScope(Kind kind, long userId, long unitId, String unitPath) {

    public enum Kind {
        ALL, UNIT_AND_BELOW, UNIT, SELF;

        /** Breadth for comparisons: a role may only grant a scope no broader than the granter's. */
        public int breadth() {
            return switch (this) {
                case ALL -> 3;
                case UNIT_AND_BELOW -> 2;
                case UNIT -> 1;
                case SELF -> 0;
            };
        }
    }

    /**
     * SQL predicate over a record's owning unit column (and owner column for SELF). A SELF-scoped user
     * (an enterprise's or a citizen's account) sees only records it owns: when the table has no owner
     * column ({@code null}), SELF sees none of them — never its unit's or district's records.
     */
    public String predicate(String unitIdColumn, String ownerColumn) {
        return switch (kind) {
            case ALL -> "TRUE";
            case UNIT_AND_BELOW -> "(" + unitIdColumn
                    + " IN (SELECT scope_u.id FROM platform_unit scope_u WHERE scope_u.path LIKE :scopeUnitPath))";
            case UNIT -> "(" + unitIdColumn + " = :scopeUnitId)";
            case SELF -> ownerColumn == null ? "FALSE" : "(" + ownerColumn + " = :scopeUserId)";
        };
    }

    /** The bound values that {@link #predicate} refers to. */
    public Map<String, Object> params() {
        Map<String, Object> p = new HashMap<>();
        p.put("scopeUnitPath", unitPath + "%");
        p.put("scopeUnitId", unitId);
        p.put("scopeUserId", userId);
        return p;
    }

    /**
     * Whether a record of {@code unitPathOfRecord}'s unit (owned by {@code ownerId}) is visible; for SELF
     * only a record the user owns (a record without an owner is not).
     */
    public boolean covers(long recordUnitId, String recordUnitPath, Long ownerId) {
        return switch (kind) {
            case ALL -> true;
            case UNIT_AND_BELOW -> recordUnitPath != null && recordUnitPath.startsWith(unitPath);
            case UNIT -> recordUnitId == unitId;
            case SELF -> ownerId != null && ownerId == userId;
        };
    }
}
