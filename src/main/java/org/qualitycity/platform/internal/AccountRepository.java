package org.qualitycity.platform.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads accounts for authentication: the user, its unit, and its roles' permissions and scope. */
@Repository
class AccountRepository {

    record Account(long id, String username, String displayName, String passwordHash, boolean active,
                   Instant lockedUntil, int failedAttempts, long unitId, String unitCode, String unitName,
                   String unitPath) {
    }

    record RoleGrant(String code, DataScope.Kind scope, List<String> permissions,
                     java.util.Map<String, DataScope.Kind> moduleScopes) {
    }

    private final JdbcClient jdbc;
    private final PermissionRegistry permissions;

    AccountRepository(JdbcClient jdbc, PermissionRegistry permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    private static final String SELECT = """
            SELECT u.id, u.username, u.display_name, u.password_hash, (u.active AND un.active) AS active,
                   u.locked_until, u.failed_attempts, u.unit_id, un.code AS unit_code, un.name_zh AS unit_name,
                   un.path AS unit_path
            FROM platform_user u JOIN platform_unit un ON un.id = u.unit_id
            """;

    Optional<Account> findByUsername(String username) {
        return jdbc.sql(SELECT + " WHERE u.username = :username")
                .param("username", username == null ? "" : username.trim().toLowerCase())
                .query(AccountRepository::mapAccount).optional();
    }

    Optional<Account> findById(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id").param("id", id).query(AccountRepository::mapAccount).optional();
    }

    private static Account mapAccount(java.sql.ResultSet rs, int n) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getBoolean("active"),
                locked == null ? null : locked.toInstant(), rs.getInt("failed_attempts"), rs.getLong("unit_id"),
                rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_path"));
    }

    List<RoleGrant> roles(long userId) {
        return jdbc.sql("""
                        SELECT r.code, r.data_scope, r.permissions,
                               (SELECT coalesce(array_agg(ms.module || '=' || ms.data_scope ORDER BY ms.module), '{}')
                                FROM platform_role_module_scope ms WHERE ms.role_id = r.id) AS module_scopes
                        FROM platform_role r
                        JOIN platform_user_role ur ON ur.role_id = r.id WHERE ur.user_id = :userId ORDER BY r.code
                        """)
                .param("userId", userId)
                .query((rs, n) -> new RoleGrant(rs.getString("code"), DataScope.Kind.valueOf(rs.getString("data_scope")),
                        textArray(rs.getArray("permissions")), moduleScopes(textArray(rs.getArray("module_scopes")))))
                .list();
    }

    private static java.util.Map<String, DataScope.Kind> moduleScopes(List<String> pairs) {
        java.util.Map<String, DataScope.Kind> m = new java.util.TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), DataScope.Kind.valueOf(pair.substring(eq + 1)));
        }
        return m;
    }

    /**
     * The functional scope per module: for every module that some role names, the broadest over the user's roles of
     * (the role's scope for that module, else the role's scope); modules no role names keep the user's scope.
     */
    static java.util.Map<String, DataScope.Kind> effectiveModuleScopes(List<RoleGrant> grants) {
        java.util.Map<String, DataScope.Kind> out = new java.util.TreeMap<>();
        grants.forEach(g -> g.moduleScopes().keySet().forEach(module -> out.put(module, grants.stream()
                .map(r -> r.moduleScopes().getOrDefault(module, r.scope()))
                .max(java.util.Comparator.comparingInt(DataScope.Kind::breadth)).orElseThrow())));
        return out;
    }

    static List<String> textArray(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** The CurrentUser of an account: union of its roles' permissions, the broadest of their scopes. */
    CurrentUser currentUser(Account a) {
        List<RoleGrant> grants = roles(a.id());
        DataScope.Kind scope = grants.stream().map(RoleGrant::scope)
                .max(java.util.Comparator.comparingInt(DataScope.Kind::breadth)).orElse(DataScope.Kind.SELF);
        // each role's patterns on their own: one role's exclusions ('!...') do not take away what another role grants
        Set<String> perms = new java.util.TreeSet<>();
        grants.forEach(g -> perms.addAll(permissions.expand(g.permissions())));
        Set<String> roleCodes = new LinkedHashSet<>(grants.stream().map(RoleGrant::code).toList());
        return new CurrentUser(a.id(), a.username(), a.displayName(), a.unitId(), a.unitCode(), a.unitName(),
                a.unitPath(), scope, Set.copyOf(perms), Set.copyOf(roleCodes), effectiveModuleScopes(grants));
    }

    void recordFailure(long userId, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("UPDATE platform_user SET failed_attempts = :n, locked_until = :until WHERE id = :id")
                .param("n", failedAttempts).param("until", lockedUntil == null ? null : Timestamp.from(lockedUntil))
                .param("id", userId).update();
    }

    void recordSuccess(long userId) {
        jdbc.sql("UPDATE platform_user SET failed_attempts = 0, locked_until = NULL WHERE id = :id AND failed_attempts > 0")
                .param("id", userId).update();
    }

    void logLogin(String username, Long userId, String ip, String channel, boolean success, String reason,
                  Instant at) {
        jdbc.sql("""
                        INSERT INTO platform_login_log (at, username, user_id, ip, channel, success, reason)
                        VALUES (:at, :username, :userId, :ip, :channel, :success, :reason)
                        """)
                .param("at", Timestamp.from(at))
                .param("username", username == null ? "" : truncate(username, 100)).param("userId", userId)
                .param("ip", ip).param("channel", channel).param("success", success).param("reason", reason)
                .update();
    }

    /** Failed logins from one client address after {@code since} up to and including {@code until} (the per-address throttle). */
    int failuresFrom(String ip, Instant since, Instant until) {
        return jdbc.sql("""
                        SELECT count(*) FROM platform_login_log
                        WHERE ip = :ip AND NOT success AND at > :since AND at <= :until
                        """)
                .param("ip", ip).param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query(Integer.class).single();
    }

    /** Whether the account must pass a second factor: it holds an administrator role or has enrolled TOTP. */
    boolean needsSecondFactor(CurrentUser user) {
        return TwoFactor.required(user) || totpSecret(user.id()).isPresent();
    }

    Optional<String> totpSecret(long userId) {
        return jdbc.sql("SELECT totp_secret FROM platform_user WHERE id = :id AND totp_secret IS NOT NULL")
                .param("id", userId).query(String.class).optional();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
