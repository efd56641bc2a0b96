package org.qualitycity.platform.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Roles: permission patterns plus a data scope. Granting is limited to what the granter holds. */
@Service
public class RoleService {

    /** Which kind of account may hold a role; a user's roles are all of one kind. */
    public enum AccountKind { STAFF, ENTERPRISE, CITIZEN }

    public record Role(long id, String code, String nameZh, String nameEn, DataScope.Kind dataScope,
                       List<String> permissions, boolean builtin, AccountKind accountKind,
                       List<ModuleScope> moduleScopes) {
    }

    /**
     * The functional data scope of a role in one module (issue 14): the module's name (as in its permissions,
     * e.g. {@code complaint}) and the scope the role gives there instead of its own.
     */
    public record ModuleScope(@NotBlank @Size(max = 40) String module, @NotNull DataScope.Kind dataScope) {
    }

    public record SaveRole(@NotBlank @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}")
                           String code,
                           @NotBlank @Size(max = 100) String nameZh,
                           @NotBlank @Size(max = 100) String nameEn,
                           @NotNull DataScope.Kind dataScope,
                           @NotNull @Size(max = 200) List<@NotBlank @Size(max = 100) String> permissions,
                           AccountKind accountKind,
                           @Size(max = 50) List<@NotNull @jakarta.validation.Valid ModuleScope> moduleScopes) {

        /** Without per-module scopes (a create gives none; an update keeps the role's). */
        public SaveRole(String code, String nameZh, String nameEn, DataScope.Kind dataScope, List<String> permissions,
                        AccountKind accountKind) {
            this(code, nameZh, nameEn, dataScope, permissions, accountKind, null);
        }
    }

    private final JdbcClient jdbc;
    private final PermissionRegistry registry;
    private final AuditLog audit;

    RoleService(JdbcClient jdbc, PermissionRegistry registry, AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.audit = audit;
    }

    private static final String SELECT = """
            SELECT r.*, (SELECT coalesce(array_agg(ms.module || '=' || ms.data_scope ORDER BY ms.module), '{}')
                         FROM platform_role_module_scope ms WHERE ms.role_id = r.id) AS module_scopes
            FROM platform_role r
            """;

    private static Role map(ResultSet rs, int n) throws SQLException {
        List<ModuleScope> modules = AccountRepository.textArray(rs.getArray("module_scopes")).stream()
                .map(pair -> new ModuleScope(pair.substring(0, pair.indexOf('=')),
                        DataScope.Kind.valueOf(pair.substring(pair.indexOf('=') + 1))))
                .toList();
        return new Role(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                DataScope.Kind.valueOf(rs.getString("data_scope")), AccountRepository.textArray(rs.getArray("permissions")),
                rs.getBoolean("builtin"), AccountKind.valueOf(rs.getString("account_kind")), modules);
    }

    private volatile java.util.Map<String, Role> byCodeCache;

    /** Roles by code, cached until a role changes (for labels on every page). */
    public java.util.Map<String, Role> byCodeCached() {
        var cache = byCodeCache;
        if (cache == null) {
            cache = new java.util.LinkedHashMap<>();
            for (Role r : all()) {
                cache.put(r.code(), r);
            }
            byCodeCache = cache;
        }
        return cache;
    }

    public List<Role> all() {
        return jdbc.sql(SELECT + " ORDER BY r.builtin DESC, r.id").query(RoleService::map).list();
    }

    public Optional<Role> byId(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = :id").param("id", id).query(RoleService::map).optional();
    }

    public Optional<Role> byCode(String code) {
        return jdbc.sql(SELECT + " WHERE r.code = :code").param("code", code)
                .query(RoleService::map).optional();
    }

    /**
     * A role can be granted only by someone who holds all its permissions and at least its scope; an
     * administrator role (三权分立 and the city administrator) only by a holder of
     * {@code platform:admin-role:grant} (the system administrator).
     */
    public boolean grantableBy(Role role, CurrentUser granter) {
        if (TwoFactor.ADMIN_ROLES.contains(role.code())) {
            return granter.permissions().contains("platform:admin-role:grant");
        }
        Set<String> perms = registry.expand(role.permissions());
        return role.dataScope().breadth() <= granter.scopeKind().breadth() && granter.permissions().containsAll(perms)
                && role.moduleScopes().stream()
                .allMatch(m -> m.dataScope().breadth() <= granter.scopeKind(m.module()).breadth());
    }

    public List<Role> grantableBy(CurrentUser granter) {
        return all().stream().filter(r -> grantableBy(r, granter)).toList();
    }

    @Transactional
    public Role create(SaveRole req) {
        validate(req);
        if (byCode(req.code()).isPresent()) {
            throw new ValidationException("code", Texts.msg("platform.error.role-code-taken", req.code()));
        }
        long id = jdbc.sql("""
                        INSERT INTO platform_role (code, name_zh, name_en, data_scope, permissions, account_kind)
                        VALUES (:code, :nameZh, :nameEn, :scope, :perms, :kind) RETURNING id
                        """)
                .param("kind", (req.accountKind() == null ? AccountKind.STAFF : req.accountKind()).name())
                .param("code", req.code()).param("nameZh", req.nameZh()).param("nameEn", req.nameEn())
                .param("scope", req.dataScope().name()).param("perms", req.permissions().toArray(String[]::new))
                .query(Long.class).single();
        saveModuleScopes(id, req.moduleScopes() == null ? List.of() : req.moduleScopes());
        Role created = byId(id).orElseThrow();
        byCodeCache = null;
        audit.record("platform", "role", id, null, "CREATE", null, created);
        return created;
    }

    @Transactional
    public Role update(long id, SaveRole req) {
        Role before = byId(id).orElseThrow(() -> new NotFoundException("role " + id));
        validate(req);
        if (!before.code().equals(req.code())) {
            throw new ValidationException("code", Texts.msg("platform.error.role-code-fixed"));
        }
        if (TwoFactor.ADMIN_ROLES.contains(before.code()) && (!before.permissions().equals(req.permissions())
                || before.dataScope() != req.dataScope()
                || (req.moduleScopes() != null && !java.util.Set.copyOf(req.moduleScopes())
                .equals(java.util.Set.copyOf(before.moduleScopes()))))) {
            // the separation of the administrators (三权分立) must not be undone by editing their roles
            throw new ValidationException("permissions", Texts.msg("platform.error.admin-role-permissions-fixed"));
        }
        AccountKind kind = req.accountKind() == null ? before.accountKind() : req.accountKind();
        if (kind != before.accountKind() && jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_user_role WHERE role_id = :id)")
                .param("id", id).query(Boolean.class).single()) {
            throw new ValidationException("accountKind", Texts.msg("platform.error.role-account-kind-fixed"));
        }
        jdbc.sql("""
                        UPDATE platform_role SET name_zh = :nameZh, name_en = :nameEn, data_scope = :scope,
                               permissions = :perms, account_kind = :kind, updated_at = now() WHERE id = :id
                        """)
                .param("kind", kind.name())
                .param("nameZh", req.nameZh()).param("nameEn", req.nameEn()).param("scope", req.dataScope().name())
                .param("perms", req.permissions().toArray(String[]::new)).param("id", id).update();
        if (req.moduleScopes() != null) {
            saveModuleScopes(id, req.moduleScopes());
        }
        Role after = byId(id).orElseThrow();
        byCodeCache = null;
        audit.record("platform", "role", id, null, "UPDATE", before, after);
        return after;
    }

    /** Refuses a set of roles that holds more than one administrator role (三权分立). */
    void checkSeparation(java.util.Collection<Long> roleIds) {
        long admins = roleIds.stream().distinct().map(this::byId).flatMap(Optional::stream)
                .filter(r -> TwoFactor.ADMIN_ROLES.contains(r.code())).count();
        if (admins > 1) {
            throw new ValidationException("roles", Texts.msg("platform.error.one-admin-role"));
        }
    }

    private void saveModuleScopes(long roleId, List<ModuleScope> scopes) {
        jdbc.sql("DELETE FROM platform_role_module_scope WHERE role_id = :id").param("id", roleId).update();
        for (ModuleScope m : scopes) {
            jdbc.sql("""
                            INSERT INTO platform_role_module_scope (role_id, module, data_scope)
                            VALUES (:id, :module, :scope)
                            """)
                    .param("id", roleId).param("module", m.module()).param("scope", m.dataScope().name()).update();
        }
    }

    /** The modules whose scope a role can set: those that declare permissions. */
    public java.util.SortedSet<String> modules() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        registry.all().forEach(p -> out.add(p.code().substring(0, p.code().indexOf(':'))));
        return out;
    }

    private void validate(SaveRole req) {
        if (req.moduleScopes() != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<ValidationException.FieldProblem> problems = new java.util.ArrayList<>();
            for (int i = 0; i < req.moduleScopes().size(); i++) {
                String module = req.moduleScopes().get(i).module();
                if (!modules().contains(module)) {
                    problems.add(new ValidationException.FieldProblem("moduleScopes[" + i + "].module",
                            Texts.msg("platform.error.unknown-module", module)));
                } else if (!seen.add(module)) {
                    problems.add(new ValidationException.FieldProblem("moduleScopes[" + i + "].module",
                            Texts.msg("platform.error.module-scope-twice", module)));
                }
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
        }
        for (int i = 0; i < req.permissions().size(); i++) {
            if (!registry.isValidPattern(req.permissions().get(i))) {
                throw new ValidationException("permissions[" + i + "]",
                        Texts.msg("platform.error.unknown-permission", req.permissions().get(i)));
            }
        }
    }
}
