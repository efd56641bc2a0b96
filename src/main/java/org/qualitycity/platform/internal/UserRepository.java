package org.qualitycity.platform.internal;

import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
class UserRepository {

    private static final String SELECT = """
            SELECT u.id, u.username, u.display_name, u.unit_id, un.code AS unit_code, un.name_zh AS unit_name,
                   un.path AS unit_path, u.phone, u.email, u.active, u.locked_until, u.created_by, u.created_at,
                   coalesce((SELECT array_agg(r.code ORDER BY r.code) FROM platform_user_role ur
                             JOIN platform_role r ON r.id = ur.role_id WHERE ur.user_id = u.id), '{}') AS roles
            FROM platform_user u JOIN platform_unit un ON un.id = u.unit_id
            """;

    private static final Map<String, String> SORTS = Map.of(
            "username", "u.username", "displayName", "u.display_name", "unit", "un.code",
            "createdAt", "u.created_at", "active", "u.active");

    /** A user row as the service sees it (never sent out as is: see UserService.UserView). */
    record UserRow(long id, String username, String displayName, long unitId, String unitCode, String unitName,
                   String unitPath, String phone, String email, boolean active, Instant lockedUntil, Long createdBy,
                   Instant createdAt, List<String> roles) {
    }

    record Filter(String q, String unitCode, Boolean active) {
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UserRow map(ResultSet rs, int n) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        long createdBy = rs.getLong("created_by");
        Long createdByOrNull = rs.wasNull() ? null : createdBy;
        return new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getLong("unit_id"), rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_path"),
                rs.getString("phone"), rs.getString("email"), rs.getBoolean("active"),
                locked == null ? null : locked.toInstant(), createdByOrNull,
                rs.getTimestamp("created_at").toInstant(), AccountRepository.textArray(rs.getArray("roles")));
    }

    private static ListSql list(Filter f, DataScope scope, ListQuery q) {
        return ListSql.from("FROM platform_user u JOIN platform_unit un ON un.id = u.unit_id")
                .scope(scope, "u.unit_id", "u.id")
                .containsIgnoringCase("q", f.q(), "u.username", "u.display_name")
                .filter("un.code = :unitCode", "unitCode", f.unitCode())
                .equal("u.active", "active", f.active())
                .orderBy(q, SORTS, "username", "u.id");
    }

    PageResult<UserRow> page(Filter f, DataScope scope, ListQuery q) {
        return list(f, scope, q).page(jdbc, SELECT, UserRepository::map, q);
    }

    List<UserRow> all(Filter f, DataScope scope, ListQuery q) {
        return list(f, scope, q).all(jdbc, SELECT, UserRepository::map, ListQuery.EXPORT_LIMIT);
    }

    Optional<UserRow> byId(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id").param("id", id).query(UserRepository::map).optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM platform_user WHERE username = :u").param("u", username)
                .query(Integer.class).single() > 0;
    }

    long insert(String username, String displayName, String passwordHash, long unitId, String phone, String email,
                Long createdBy) {
        return jdbc.sql("""
                        INSERT INTO platform_user (username, display_name, password_hash, unit_id, phone, email, created_by)
                        VALUES (:username, :displayName, :hash, :unitId, :phone, :email, :createdBy) RETURNING id
                        """)
                .param("username", username).param("displayName", displayName).param("hash", passwordHash)
                .param("unitId", unitId).param("phone", phone).param("email", email).param("createdBy", createdBy)
                .query(Long.class).single();
    }

    void update(long id, String displayName, long unitId, String phone, String email, boolean active) {
        jdbc.sql("""
                        UPDATE platform_user SET display_name = :displayName, unit_id = :unitId, phone = :phone,
                               email = :email, active = :active, updated_at = now() WHERE id = :id
                        """)
                .param("displayName", displayName).param("unitId", unitId).param("phone", phone)
                .param("email", email).param("active", active).param("id", id).update();
    }

    void setRoles(long userId, List<Long> roleIds) {
        jdbc.sql("DELETE FROM platform_user_role WHERE user_id = :id").param("id", userId).update();
        for (Long roleId : roleIds) {
            jdbc.sql("INSERT INTO platform_user_role (user_id, role_id) VALUES (:u, :r)")
                    .param("u", userId).param("r", roleId).update();
        }
    }

    void setPassword(long id, String hash) {
        jdbc.sql("""
                        UPDATE platform_user SET password_hash = :hash, password_changed_at = now(), updated_at = now()
                        WHERE id = :id
                        """)
                .param("hash", hash).param("id", id).update();
    }

    String passwordHash(long id) {
        return jdbc.sql("SELECT password_hash FROM platform_user WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    void unlock(long id) {
        jdbc.sql("UPDATE platform_user SET failed_attempts = 0, locked_until = NULL WHERE id = :id")
                .param("id", id).update();
    }

    Optional<Long> idByUsername(String username) {
        return jdbc.sql("SELECT id FROM platform_user WHERE username = :u").param("u", username).query(Long.class).optional();
    }

    Optional<org.qualitycity.platform.UserDirectory.ActiveUser> activeByUsername(String username) {
        return jdbc.sql("SELECT id, unit_id FROM platform_user WHERE username = :u AND active").param("u", username)
                .query((rs, n) -> new org.qualitycity.platform.UserDirectory.ActiveUser(rs.getLong(1), rs.getLong(2)))
                .optional();
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_user WHERE id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    java.util.Map<Long, String> displayNames(java.util.Collection<Long> ids) {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT id, display_name FROM platform_user WHERE id = ANY(CAST(:ids AS bigint[]))")
                .param("ids", ids.stream().distinct().toArray(Long[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> names.put(rs.getLong(1), rs.getString(2)));
        return names;
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM platform_user").query(Long.class).single();
    }

    /** Per active user, the permission patterns of all its roles. */
    java.util.Map<Long, java.util.List<String>> activeUserRolePatterns() {
        java.util.Map<Long, java.util.List<String>> out = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT u.id, r.permissions FROM platform_user u
                        JOIN platform_user_role ur ON ur.user_id = u.id JOIN platform_role r ON r.id = ur.role_id
                        WHERE u.active""")
                .query((rs, n) -> {
                    java.util.List<String> list = out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>());
                    for (Object p : (Object[]) rs.getArray(2).getArray()) {
                        list.add((String) p);
                    }
                    return null;
                }).list();
        return out;
    }
}
