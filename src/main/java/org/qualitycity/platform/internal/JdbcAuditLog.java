package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Appends to {@code platform_audit}. Writers are serialised by a transaction-scoped advisory lock so
 * that each entry's {@code prev_hash} is the hash of the entry before it; the hash itself is computed
 * by the database function {@code platform_audit_hash}, the same one the verifier uses.
 */
@Component
class JdbcAuditLog implements AuditLog {

    /** Advisory lock key of the audit chain ('QCAUDIT'). */
    static final long CHAIN_LOCK = 0x5143415544495400L;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    JdbcAuditLog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    @Transactional
    public void record(String module, String entityType, Object entityId, Long unitId, String action, Object before,
                       Object after) {
        recordAs(Security.currentUserIfAny().orElse(null), module, entityType, entityId, unitId, action, before, after);
    }

    @Override
    @Transactional
    public void recordAs(CurrentUser actor, String module, String entityType, Object entityId, Long unitId,
                         String action, Object before, Object after) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK).query(Object.class).single();
        jdbc.sql("""
                        WITH n AS (SELECT nextval('platform_audit_id_seq') AS id, clock_timestamp() AS at),
                             p AS (SELECT coalesce((SELECT hash FROM platform_audit ORDER BY id DESC LIMIT 1),
                                                   repeat('0', 64)) AS h)
                        INSERT INTO platform_audit (id, at, actor_id, actor_name, actor_unit_id, ip, module, entity_type,
                                                    entity_id, unit_id, action, before_data, after_data, prev_hash, hash)
                        SELECT n.id, n.at, :actorId, :actorName, :actorUnitId, :ip, :module, :entityType, :entityId,
                               :unitId, :action, CAST(:before AS jsonb), CAST(:after AS jsonb), p.h,
                               platform_audit_hash(p.h, n.id, n.at, :actorId, :actorName, :actorUnitId, :ip, :module,
                                                   :entityType, :entityId, :unitId, :action, CAST(:before AS jsonb),
                                                   CAST(:after AS jsonb))
                        FROM n, p
                        """)
                .param("actorId", actor == null ? null : actor.id())
                // no signed-in user: a public request is "anonymous", start-up and background work is "system"
                .param("actorName", actor != null ? actor.username() : RequestInfo.current().isPresent() ? "anonymous" : "system")
                .param("actorUnitId", actor == null ? null : actor.unitId())
                .param("ip", RequestInfo.ip())
                .param("module", module)
                .param("entityType", entityType)
                .param("entityId", entityId == null ? null : String.valueOf(entityId))
                .param("unitId", unitId)
                .param("action", action)
                .param("before", toJson(before))
                .param("after", toJson(after))
                .update();
    }

    private String toJson(Object o) {
        return o == null ? null : json.writeValueAsString(o);
    }
}
