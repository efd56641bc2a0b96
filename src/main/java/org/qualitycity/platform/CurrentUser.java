package org.qualitycity.platform;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * The signed-in user as every module sees it: identity, unit, effective permissions (patterns
 * already expanded) and data scope. Obtain it with {@link Security#currentUser()}.
 *
 * <p>{@code unitName} is the unit's Chinese name as it was at sign-in, for logs and stored records; a page names the
 * unit in the reader's language by its code, resolved per request ({@code ${#qc.unit(me.unitCode)}}, issue 12), so a
 * renamed unit or a switch of language needs no new session.
 *
 * <p>{@code moduleScopes} is the functional data scope (issue 14): for a module named there, the user's scope in that
 * module ({@link #scope(String)}); every other module uses {@code scopeKind}. It is computed at sign-in from the
 * roles' per-module scopes ({@code platform_role_module_scope}), as the permissions are.
 */
public record CurrentUser(long id, String username, String displayName, long unitId, String unitCode,
                          String unitName, String unitPath, DataScope.Kind scopeKind, Set<String> permissions,
                          Set<String> roles, Map<String, DataScope.Kind> moduleScopes) implements Serializable {

    public CurrentUser {
        moduleScopes = moduleScopes == null ? Map.of() : Map.copyOf(moduleScopes);
    }

    /** A user without per-module scopes. */
    public CurrentUser(long id, String username, String displayName, long unitId, String unitCode,
                       String unitName, String unitPath, DataScope.Kind scopeKind, Set<String> permissions,
                       Set<String> roles) {
        this(id, username, displayName, unitId, unitCode, unitName, unitPath, scopeKind, permissions, roles, Map.of());
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    /** The scope of the user's roles (for modules without a scope of their own). */
    public DataScope scope() {
        return new DataScope(scopeKind, id, unitId, unitPath);
    }

    /**
     * The scope of the user in one module ({@code "enterprise"}, {@code "complaint"}, ...): the functional scope a role
     * sets for that module, else {@link #scope()}.
     */
    public DataScope scope(String module) {
        return new DataScope(scopeKind(module), id, unitId, unitPath);
    }

    /** The kind of {@link #scope(String)}. */
    public DataScope.Kind scopeKind(String module) {
        return moduleScopes.getOrDefault(module, scopeKind);
    }
}
