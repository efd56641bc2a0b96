package org.qualitycity.enterprise;

import org.qualitycity.platform.DataScope;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data scope of records owned by an enterprise (samples, credit listings, the register itself), as a typed
 * filter that a repository renders over its own columns: an enterprise's account (role ENTERPRISE, SELF scope) sees
 * the records of the one enterprise it is linked to ({@code enterpriseId}; an unlinked account: -1, so nothing);
 * everyone else the records of the units its {@link DataScope} covers. The SQL is made of constants and the
 * caller's column names, which must be plain identifiers; the values are bound parameters ({@link #params()}).
 *
 * @param enterpriseId the linked enterprise of an enterprise account, or null for staff
 * @param units        the unit scope of staff, or null for an enterprise account
 */
public record EnterpriseScope(Long enterpriseId, DataScope units) {

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    public EnterpriseScope {
        if ((enterpriseId == null) == (units == null)) {
            throw new IllegalArgumentException("either an enterprise or a unit scope");
        }
    }

    /** The scope of an enterprise's account: its own enterprise only. */
    public static EnterpriseScope ofEnterprise(long enterpriseId) {
        return new EnterpriseScope(enterpriseId, null);
    }

    /** The scope of staff: the records of the units their data scope covers. */
    public static EnterpriseScope ofUnits(DataScope units) {
        return new EnterpriseScope(null, units);
    }

    /**
     * The predicate over the caller's columns, to be combined with {@code AND}; bind {@link #params()}.
     *
     * @param enterpriseIdColumn the column holding the owning enterprise's id, e.g. {@code "s.enterprise_id"}
     * @param unitIdColumn       the column holding the record's unit, e.g. {@code "s.unit_id"}
     * @throws IllegalArgumentException if a column is not a plain (optionally qualified) identifier
     */
    public String predicate(String enterpriseIdColumn, String unitIdColumn) {
        String enterprise = column(enterpriseIdColumn);
        String unit = column(unitIdColumn);
        return enterpriseId != null ? "(" + enterprise + " = :scopeEnterpriseId)" : units.predicate(unit, null);
    }

    /** The bound values the predicate refers to. */
    public Map<String, Object> params() {
        if (enterpriseId != null) {
            Map<String, Object> p = new HashMap<>();
            p.put("scopeEnterpriseId", enterpriseId);
            return p;
        }
        return units.params();
    }

    private static String column(String name) {
        if (name == null || !COLUMN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a column name: " + name);
        }
        return name;
    }
}
