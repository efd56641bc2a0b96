package org.qualitycity.platform;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in user as every module sees it: identity, unit, effective permissions (patterns
 * already expanded) and data scope. Obtain it with {@link Security#currentUser()}.
 *
 * <p>{@code unitName} is the unit's Chinese name as it was at sign-in, for logs and stored records; a page names the
 * unit in the reader's language by its code, resolved per request ({@code ${#qc.unit(me.unitCode)}}, issue 12), so a
 * renamed unit or a switch of language needs no new session.
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
