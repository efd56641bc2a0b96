package org.qualitycity.platform.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.ValidationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Users in the caller's scope: list, create, edit, roles, passwords, unlock. */
@Service
public class UserService implements org.qualitycity.platform.UserDirectory {

    public record UserView(long id, String username, String displayName, String unitCode, String unitName,
                           String phone, String email, boolean active, boolean locked, List<String> roles,
                           Instant createdAt) {
    }

    public record CreateUser(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[a-z][a-z0-9_.-]{2,63}",
                    message = "{user.username.pattern}") String username,
            @NotBlank @Size(max = 100) String displayName,
            @NotBlank @Size(max = 32) String unitCode,
            @NotBlank @Size(max = 64) String password,
            @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*", message = "{user.phone.pattern}") String phone,
            @Size(max = 200) @Email String email,
            @Size(max = 10) List<@NotBlank @Size(max = 40) String> roles) {

        /** A form with no role ticked sends no roles at all: that means none. */
        public CreateUser {
            roles = roles == null ? List.of() : roles;
        }
    }

    public record UpdateUser(
            @NotBlank @Size(max = 100) String displayName,
            @NotBlank @Size(max = 32) String unitCode,
            @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*", message = "{user.phone.pattern}") String phone,
            @Size(max = 200) @Email String email,
            @NotNull Boolean active,
            @Size(max = 10) List<@NotBlank @Size(max = 40) String> roles) {

        public UpdateUser {
            roles = roles == null ? List.of() : roles;
        }
    }

    public record SetPassword(@NotBlank @Size(max = 64) String password) {
    }

    public record ChangeOwnPassword(@NotBlank @Size(max = 64) String currentPassword,
                                    @NotBlank @Size(max = 64) String newPassword) {
    }

    public record Filter(@Size(max = 100) String q, @Size(max = 32) String unitCode, Boolean active) {
    }

    private final UserRepository repo;
    private final UnitService units;
    private final RoleService roles;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final ApiTokens tokens;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<org.qualitycity.platform.AccountAdministration> administrations;
    private final UserSessions sessions;
    private final LoginAttempts attempts;

    UserService(UserRepository repo, UnitService units, RoleService roles, PasswordEncoder encoder, AuditLog audit,
                ApiTokens tokens, Clock clock,
                org.springframework.beans.factory.ObjectProvider<org.qualitycity.platform.AccountAdministration> administrations,
                UserSessions sessions, LoginAttempts attempts) {
        this.administrations = administrations;
        this.sessions = sessions;
        this.attempts = attempts;
        this.repo = repo;
        this.units = units;
        this.roles = roles;
        this.encoder = encoder;
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
    }

    private UserView view(UserRepository.UserRow r) {
        return new UserView(r.id(), r.username(), r.displayName(), r.unitCode(), r.unitName(), r.phone(), r.email(),
                r.active(), r.lockedUntil() != null && r.lockedUntil().isAfter(clock.instant()), r.roles(),
                r.createdAt());
    }

    private static UserRepository.Filter filter(Filter f) {
        return f == null ? new UserRepository.Filter(null, null, null)
                : new UserRepository.Filter(f.q(), f.unitCode(), f.active());
    }

    public PageResult<UserView> page(Filter f, ListQuery q, CurrentUser by) {
        return repo.page(filter(f), by.scope(), q).map(this::view);
    }

    public List<UserView> all(Filter f, ListQuery q, CurrentUser by) {
        return repo.all(filter(f), by.scope(), q).stream().map(this::view).toList();
    }

    /** The user if the caller's scope covers it, else 404. */
    public UserView get(long id, CurrentUser by) {
        return view(visibleRow(id, by));
    }

    private UserRepository.UserRow visibleRow(long id, CurrentUser by) {
        return repo.byId(id)
                .filter(r -> by.scope().covers(r.unitId(), r.unitPath(), r.id()))
                .orElseThrow(() -> new NotFoundException("user " + id));
    }

    private List<Long> grantableRoleIds(List<String> codes, CurrentUser by) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            var role = roles.byCode(code).orElseThrow(() -> new ValidationException("roles", org.qualitycity.platform.Texts.msg("platform.error.unknown-role", code)));
            if (!roles.grantableBy(role, by)) {
                throw new ValidationException("roles", org.qualitycity.platform.Texts.msg("platform.error.cannot-grant-role", code));
            }
            ids.add(role.id());
        }
        return ids.stream().distinct().toList();
    }

    /**
     * All roles of an account are of one account kind (government staff, enterprise, citizen), and an
     * account keeps its kind: a grant across kinds is a 400 on {@code roles} that names both kinds.
     */
    private void requireOneKind(List<Long> roleIds, RoleService.AccountKind accountKind) {
        RoleService.AccountKind kind = accountKind;
        String first = null;
        for (long roleId : roleIds) {
            RoleService.Role r = roles.byId(roleId).orElseThrow();
            if (kind == null) {
                kind = r.accountKind();
                first = r.code();
            } else if (r.accountKind() != kind) {
                throw new ValidationException("roles", org.qualitycity.platform.Texts.msg("platform.error.role-account-kind", r.code(), org.qualitycity.platform.Texts.msg("accountKind." + r.accountKind()), org.qualitycity.platform.Texts.msg("accountKind." + kind)));
            }
        }
    }

    private static String describe(RoleService.AccountKind k) {
        return switch (k) {
            case STAFF -> "government staff";
            case ENTERPRISE -> "enterprise";
            case CITIZEN -> "citizen";
        };
    }

    /** The kind of an account: the kind of its roles (null when it holds none). */
    private RoleService.AccountKind kindOf(List<String> roleCodes) {
        return roleCodes.stream().map(roles::byCode).flatMap(java.util.Optional::stream)
                .map(RoleService.Role::accountKind).findFirst().orElse(null);
    }

    /**
     * Enterprise (and citizen) accounts are administered by whoever the module that governs them names
     * (the enterprise module: the regulator of the enterprise); without such a module only a user
     * administrator of the whole city. Staff accounts: any user administrator whose scope covers them.
     */
    private void requireAdministrable(UserView user, CurrentUser by) {
        boolean governed = false;
        for (var a : administrations.orderedStream().toList()) {
            var decision = a.mayAdminister(user.id(), by);
            if (decision.isPresent()) {
                governed = true;
                if (!decision.get()) {
                    throw new org.springframework.security.access.AccessDeniedException(
                            org.qualitycity.platform.Texts.msg("platform.error.enterprise-regulator-only"));
                }
            }
        }
        RoleService.AccountKind kind = kindOf(user.roles());
        if (!governed && kind != null && kind != RoleService.AccountKind.STAFF
                && by.scopeKind() != org.qualitycity.platform.DataScope.Kind.ALL) {
            throw new org.springframework.security.access.AccessDeniedException(
                    org.qualitycity.platform.Texts.msg("platform.error.city-user-admin-only"));
        }
    }

    @Transactional
    public UserView create(CreateUser req, CurrentUser by) {
        String username = req.username().trim().toLowerCase();
        Unit unit = units.byCode(req.unitCode()).filter(u -> UnitService.covers(by, u))
                .orElseThrow(() -> new ValidationException("unitCode", org.qualitycity.platform.Texts.msg("error.unknown-unit", req.unitCode())));
        if (repo.usernameTaken(username)) {
            throw new ValidationException("username", org.qualitycity.platform.Texts.msg("platform.error.username-taken", username));
        }
        PasswordPolicy.check("password", username, req.password());
        List<Long> roleIds = grantableRoleIds(req.roles(), by);
        requireOneKind(roleIds, null);
        roles.checkSeparation(roleIds);
        long id = repo.insert(username, req.displayName().trim(), encoder.encode(req.password()), unit.id(),
                blankToNull(req.phone()), blankToNull(req.email()), by.id());
        repo.setRoles(id, roleIds);
        UserView created = get(id, by);
        audit.record("platform", "user", id, unit.id(), "CREATE", null, created);
        return created;
    }

    @Transactional
    public UserView update(long id, UpdateUser req, CurrentUser by) {
        UserView before = view(visibleRow(id, by));
        requireAdministrable(before, by);
        Unit unit = units.byCode(req.unitCode()).filter(u -> UnitService.covers(by, u))
                .orElseThrow(() -> new ValidationException("unitCode", org.qualitycity.platform.Texts.msg("error.unknown-unit", req.unitCode())));
        if (id == by.id() && (!req.active() || !before.roles().equals(req.roles().stream().sorted().toList()))) {
            throw new ValidationException("roles", org.qualitycity.platform.Texts.msg("platform.error.own-roles"));
        }
        List<Long> roleIds = grantableRoleIds(req.roles(), by);
        // roles the caller could not grant are kept, not silently dropped
        List<Long> kept = before.roles().stream().map(roles::byCode).flatMap(java.util.Optional::stream)
                .filter(r -> !roles.grantableBy(r, by)).map(RoleService.Role::id).toList();
        List<Long> all = new ArrayList<>(roleIds);
        kept.stream().filter(k -> !all.contains(k)).forEach(all::add);
        requireOneKind(all, kindOf(before.roles()));
        roles.checkSeparation(all);
        repo.update(id, req.displayName().trim(), unit.id(), blankToNull(req.phone()), blankToNull(req.email()),
                req.active());
        repo.setRoles(id, all);
        if (!req.active()) {
            tokens.revokeAll(id, unit.id());
        }
        UserView after = view(repo.byId(id).orElseThrow());
        audit.record("platform", "user", id, unit.id(), "UPDATE", before, after);
        return after;
    }

    @Transactional
    public void setPassword(long id, SetPassword req, CurrentUser by) {
        UserView user = get(id, by);
        requireAdministrable(user, by);
        PasswordPolicy.check("password", user.username(), req.password());
        repo.setPassword(id, encoder.encode(req.password()));
        Long unitId = units.byCode(user.unitCode()).map(Unit::id).orElse(null);
        // whoever held the old password is signed out everywhere
        tokens.revokeAllExcept(id, unitId, null);
        int ended = sessions.endAllExcept(user.username(), null);
        audit.record("platform", "user", id, unitId,
                "RESET_PASSWORD", null, Map.of("username", user.username(), "sessionsEnded", ended));
    }

    @Transactional
    public void changeOwnPassword(ChangeOwnPassword req, CurrentUser me) {
        // a wrong current password counts toward the lock-out (as a failed login would); a locked account
        // cannot change its password with it either
        if (attempts.locked(me.id()) || !encoder.matches(req.currentPassword(), repo.passwordHash(me.id()))) {
            attempts.countFailure(me.id(), "BAD_CURRENT_PASSWORD");
            throw new ValidationException("currentPassword", org.qualitycity.platform.Texts.msg("platform.error.wrong-current-password"));
        }
        PasswordPolicy.check("newPassword", me.username(), req.newPassword());
        repo.setPassword(me.id(), encoder.encode(req.newPassword()));
        // every other token and session ends; the one this change came through stays
        tokens.revokeAllExcept(me.id(), me.unitId(), ApiTokens.currentBearer());
        int ended = sessions.endAllExcept(me.username(), UserSessions.currentSessionId());
        audit.record("platform", "user", me.id(), me.unitId(), "CHANGE_PASSWORD", null,
                Map.of("username", me.username(), "sessionsEnded", ended));
    }

    @Transactional
    public UserView unlock(long id, CurrentUser by) {
        UserView before = get(id, by);
        requireAdministrable(before, by);
        repo.unlock(id);
        UserView after = get(id, by);
        audit.record("platform", "user", id, null, "UNLOCK", before, after);
        return after;
    }

    /** Creates a user without a granter (first administrator, demo accounts); audited as the system. */
    @Transactional
    public long createBySystem(String username, String displayName, String unitCode, String rawPassword,
                               List<String> roleCodes) {
        return createBySystem(username, displayName, unitCode, rawPassword, encoder.encode(rawPassword), roleCodes);
    }

    /**
     * {@link #createBySystem(String, String, String, String, List)} with the password already encoded: the demo
     * accounts share one published password, so the demo data hashes it once, not once per account (issue 13).
     */
    @Transactional
    public long createBySystem(String username, String displayName, String unitCode, String rawPassword,
                               String encodedPassword, List<String> roleCodes) {
        Unit unit = units.byCode(unitCode).orElseThrow(() -> new IllegalArgumentException("unknown unit " + unitCode));
        PasswordPolicy.check("password", username, rawPassword);
        List<Long> roleIds = roleCodes.stream().map(c -> roles.byCode(c).orElseThrow().id()).toList();
        roles.checkSeparation(roleIds);
        long id = repo.insert(username, displayName, encodedPassword, unit.id(), null, null, null);
        repo.setRoles(id, roleIds);
        audit.record("platform", "user", id, unit.id(), "CREATE", null,
                Map.of("username", username, "unitCode", unitCode, "roles", roleCodes));
        return id;
    }

    @Override
    public java.util.Optional<Long> idByUsername(String username) {
        return username == null ? java.util.Optional.empty() : repo.idByUsername(username.trim().toLowerCase());
    }

    @Override
    public java.util.Optional<ActiveUser> activeByUsername(String username) {
        return username == null ? java.util.Optional.empty() : repo.activeByUsername(username.trim().toLowerCase());
    }

    @Override
    public boolean exists(long userId) {
        return repo.exists(userId);
    }

    @Override
    public Map<Long, String> displayNames(java.util.Collection<Long> userIds) {
        return userIds.isEmpty() ? Map.of() : repo.displayNames(userIds);
    }

    @Override
    public java.util.List<Long> activeUsersWithPermission(String permission) {
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        repo.activeUserRolePatterns().forEach((id, patterns) -> {
            if (patterns.stream().anyMatch(p -> PermissionRegistry.matches(p, permission))) {
                ids.add(id);
            }
        });
        return java.util.List.copyOf(ids);
    }

    public long count() {
        return repo.count();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
