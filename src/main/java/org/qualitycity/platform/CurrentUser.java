package org.qualitycity.platform;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in user as every module sees it: identity, unit, effective permissions (patterns
 * already expanded) and data scope. Obtain it with {@link Security#currentUser()}.
 */
public record CurrentUser(long id, String username, String displayName, long unitId, String unitCode,
                          String unitName, String unitPath, DataScope.Kind scopeKind, Set<String> permissions,
                          Set<String> roles) implements Serializable {

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    public DataScope scope() {
        return new DataScope(scopeKind, id, unitId, unitPath);
    }
}
