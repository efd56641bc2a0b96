package org.qualitycity.engineering.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;

import java.util.HashMap;
import java.util.Map;

/**
 * Which construction projects a user sees (DESIGN §19, scope per module). A member of a housing and construction
 * regulator (a unit with the role {@link Unit.Role#CONSTRUCTION_REGULATOR}, or below one) sees every project of the
 * area the regulator belongs to: the city's bureau every district, a district's bureau its district. Everyone else
 * has the data scope of their roles over the project's district (a district's officers see their district; a city
 * department sees none, since no project belongs to it; an ALL role sees all; SELF accounts see none).
 *
 * @param areaPath the materialised path of the regulated area, or null when the role's scope applies
 */
record ProjectScope(String areaPath, DataScope roleScope) {

    static ProjectScope of(CurrentUser user, Units units) {
        DataScope scope = user.scope();
        if (scope.kind() == DataScope.Kind.ALL || scope.kind() == DataScope.Kind.SELF) {
            return new ProjectScope(null, scope);
        }
        boolean regulator = false;
        Unit u = units.byId(user.unitId()).orElse(null);
        while (u != null) {
            regulator |= u.hasRole(Unit.Role.CONSTRUCTION_REGULATOR);
            if (u.isArea() || u.parentId() == null) {
                break;
            }
            u = units.byId(u.parentId()).orElse(null);
        }
        return regulator && u != null ? new ProjectScope(u.path(), scope) : new ProjectScope(null, scope);
    }

    /** SQL over a project's district column; values bound by {@link #params()}. */
    String predicate(String unitColumn) {
        if (areaPath == null) {
            return roleScope.predicate(unitColumn, null);
        }
        return "(" + unitColumn + " IN (SELECT ps_u.id FROM platform_unit ps_u WHERE ps_u.path LIKE :projectScopePath))";
    }

    Map<String, Object> params() {
        Map<String, Object> p = new HashMap<>(roleScope.params());
        if (areaPath != null) {
            p.put("projectScopePath", areaPath + "%");
        }
        return p;
    }

    boolean covers(long unitId, String unitPath) {
        return areaPath == null ? roleScope.covers(unitId, unitPath, null)
                : unitPath != null && unitPath.startsWith(areaPath);
    }
}
