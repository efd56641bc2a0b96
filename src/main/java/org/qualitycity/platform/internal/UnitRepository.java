package org.qualitycity.platform.internal;

import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Unit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

@Repository
class UnitRepository {

    private static final String SELECT = """
            SELECT u.id, u.code, u.name_zh, u.name_en, u.kind, u.parent_id, p.code AS parent_code, u.path, u.level,
                   u.sort_order, u.active, u.roles
            FROM platform_unit u LEFT JOIN platform_unit p ON p.id = u.parent_id
            """;

    private final JdbcClient jdbc;

    UnitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Unit map(ResultSet rs, int n) throws SQLException {
        Long parent = (Long) rs.getObject("parent_id");
        return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                Unit.Kind.valueOf(rs.getString("kind")), parent, rs.getString("parent_code"),
                rs.getString("path"), rs.getInt("level"), rs.getInt("sort_order"), rs.getBoolean("active"), roles(rs.getArray("roles")));
    }

    private static java.util.Set<Unit.Role> roles(java.sql.Array array) throws SQLException {
        java.util.Set<Unit.Role> out = java.util.EnumSet.noneOf(Unit.Role.class);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                for (Unit.Role r : Unit.Role.values()) {
                    if (r.name().equals(o)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    List<Unit> all() {
        return jdbc.sql(SELECT + " ORDER BY u.level, u.sort_order, u.code").query(UnitRepository::map).list();
    }

    /** The first active unit with the role in the register's order (level, sort order, code), as {@link #all} lists them. */
    Optional<Unit> firstWithRole(Unit.Role role) {
        return jdbc.sql(SELECT + " WHERE u.active AND CAST(:role AS varchar) = ANY (u.roles)"
                        + " ORDER BY u.level, u.sort_order, u.code LIMIT 1")
                .param("role", role.name()).query(UnitRepository::map).optional();
    }

    /** The root unit (the city), the first in the register's order. */
    Optional<Unit> root() {
        return jdbc.sql(SELECT + " WHERE u.parent_id IS NULL ORDER BY u.level, u.sort_order, u.code LIMIT 1")
                .query(UnitRepository::map).optional();
    }

    List<Unit> inScope(DataScope scope) {
        return jdbc.sql(SELECT + " WHERE " + scope.predicate("u.id", null) + " ORDER BY u.level, u.sort_order, u.code")
                .params(scope.params()).query(UnitRepository::map).list();
    }

    Optional<Unit> byCode(String code) {
        return jdbc.sql(SELECT + " WHERE u.code = :code").param("code", code).query(UnitRepository::map).optional();
    }

    Optional<Unit> byId(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id").param("id", id).query(UnitRepository::map).optional();
    }

    long insert(String code, String nameZh, String nameEn, Unit.Kind kind, Unit parent, int sortOrder) {
        long id = jdbc.sql("""
                        INSERT INTO platform_unit (code, name_zh, name_en, kind, parent_id, level, sort_order)
                        VALUES (:code, :nameZh, :nameEn, :kind, :parentId, :level, :sortOrder) RETURNING id
                        """)
                .param("code", code).param("nameZh", nameZh).param("nameEn", nameEn).param("kind", kind.name())
                .param("parentId", parent.id()).param("level", parent.level() + 1).param("sortOrder", sortOrder)
                .query(Long.class).single();
        jdbc.sql("UPDATE platform_unit SET path = :path WHERE id = :id")
                .param("path", parent.path() + id + "/").param("id", id).update();
        return id;
    }

    /** Inserts the root unit (the city) of an empty register. */
    long insertRoot(String code, String nameZh, String nameEn, int sortOrder, java.util.Collection<Unit.Role> roles) {
        long id = jdbc.sql("""
                        INSERT INTO platform_unit (code, name_zh, name_en, kind, parent_id, level, sort_order, roles)
                        VALUES (:code, :nameZh, :nameEn, 'CITY', NULL, 1, :sortOrder, CAST(:roles AS varchar[]))
                        RETURNING id
                        """)
                .param("code", code).param("nameZh", nameZh).param("nameEn", nameEn).param("sortOrder", sortOrder)
                .param("roles", roleArray(roles)).query(Long.class).single();
        jdbc.sql("UPDATE platform_unit SET path = :path WHERE id = :id").param("path", "/" + id + "/").param("id", id)
                .update();
        return id;
    }

    void setRoles(long id, java.util.Collection<Unit.Role> roles) {
        jdbc.sql("UPDATE platform_unit SET roles = CAST(:roles AS varchar[]), updated_at = now() WHERE id = :id")
                .param("roles", roleArray(roles)).param("id", id).update();
    }

    void setKind(long id, Unit.Kind kind) {
        jdbc.sql("UPDATE platform_unit SET kind = :kind, updated_at = now() WHERE id = :id")
                .param("kind", kind.name()).param("id", id).update();
    }

    /** The roles as a PostgreSQL array literal of enum names (letters and underscores only). */
    private static String roleArray(java.util.Collection<Unit.Role> roles) {
        return "{" + String.join(",", roles.stream().map(Enum::name).sorted().toList()) + "}";
    }

    /** One writer of the whole tree at a time (start-up load on several nodes, imports). */
    void lockTree() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('platform_unit'))").query().listOfRows();
    }

    int count() {
        return jdbc.sql("SELECT count(*) FROM platform_unit").query(Integer.class).single();
    }

    void rename(long id, String nameZh, String nameEn, int sortOrder) {
        jdbc.sql("""
                        UPDATE platform_unit SET name_zh = :nameZh, name_en = :nameEn, sort_order = :sortOrder,
                               updated_at = now() WHERE id = :id
                        """)
                .param("nameZh", nameZh).param("nameEn", nameEn).param("sortOrder", sortOrder).param("id", id).update();
    }

    /** Moves a unit with its whole subtree: one UPDATE rewrites the paths and levels. */
    void move(Unit unit, Unit newParent) {
        String newPath = newParent.path() + unit.id() + "/";
        int levelShift = newParent.level() + 1 - unit.level();
        jdbc.sql("UPDATE platform_unit SET parent_id = :parentId, updated_at = now() WHERE id = :id")
                .param("parentId", newParent.id()).param("id", unit.id()).update();
        jdbc.sql("""
                        UPDATE platform_unit SET path = :newPath || substr(path, length(:oldPath) + 1),
                               level = level + :shift
                        WHERE path LIKE :oldPathPrefix
                        """)
                .param("newPath", newPath).param("oldPath", unit.path()).param("shift", levelShift)
                .param("oldPathPrefix", unit.path() + "%").update();
    }

    void setActive(long id, boolean active) {
        jdbc.sql("UPDATE platform_unit SET active = :active, updated_at = now() WHERE id = :id")
                .param("active", active).param("id", id).update();
    }

    int countChildren(long id) {
        return jdbc.sql("SELECT count(*) FROM platform_unit WHERE parent_id = :id").param("id", id)
                .query(Integer.class).single();
    }

    int countActiveChildren(long id) {
        return jdbc.sql("SELECT count(*) FROM platform_unit WHERE parent_id = :id AND active").param("id", id)
                .query(Integer.class).single();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM platform_unit WHERE id = :id").param("id", id).update();
    }
}
