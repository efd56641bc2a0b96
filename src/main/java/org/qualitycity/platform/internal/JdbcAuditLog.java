package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * Appends to {@code platform_audit}. Writers do not serialise: each entry is appended unsealed and the
 * {@link AuditSealer} chains it (seq, prev_hash, hash by the database function
 * {@code platform_audit_hash}, the same one the verifier uses) a few milliseconds after commit. The
 * chain's advisory lock key is used by the sealer only.
 */
@Component
class JdbcAuditLog implements AuditLog {

    /** Advisory lock key of the audit chain ('QCAUDIT'). */
    static final long CHAIN_LOCK = 0x5143415544495400L;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditSealer sealer;
    private final TransactionSynchronization nudgeAfterCommit;

    JdbcAuditLog(JdbcClient jdbc, ObjectMapper json, AuditSealer sealer) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealer = sealer;
        // one shared instance: registering it twice in a transaction is harmless (a set would be nicer, but
        // the sealer coalesces nudges anyway)
        this.nudgeAfterCommit = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sealer.nudge();
            }
        };
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
        // no lock and no hash here: the entry is appended unsealed and chained by the AuditSealer after commit
        jdbc.sql("""
                        INSERT INTO platform_audit (at, actor_id, actor_name, actor_unit_id, ip, module, entity_type,
                                                    entity_id, unit_id, action, before_data, after_data)
                        VALUES (clock_timestamp(), :actorId, :actorName, :actorUnitId, :ip, :module, :entityType,
                                :entityId, :unitId, :action, CAST(:before AS jsonb), CAST(:after AS jsonb))
                        """)
                .param("actorId", actor == null ? null : actor.id())
                .param("actorName", actorName(actor))
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
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(nudgeAfterCommit);
        } else {
            sealer.nudge();
        }
    }

    @Override
    public Entry entryFor(String cte, String idColumn, String module, String entityType, Long unitId, String action,
                          Object after) {
        if (!IDENTIFIER.matcher(cte).matches() || !IDENTIFIER.matcher(idColumn).matches()) {
            throw new IllegalArgumentException("not an SQL identifier: " + cte + "." + idColumn);
        }
        CurrentUser actor = Security.currentUserIfAny().orElse(null);
        Map<String, Object> params = new HashMap<>(16);
        params.put("auditActorId", actor == null ? null : actor.id());
        params.put("auditActorName", actorName(actor));
        params.put("auditActorUnitId", actor == null ? null : actor.unitId());
        params.put("auditIp", RequestInfo.ip());
        params.put("auditModule", module);
        params.put("auditEntityType", entityType);
        params.put("auditUnitId", unitId);
        params.put("auditAction", action);
        params.put("auditAfter", toJson(after));
        // the same columns and values as recordAs; the id is the new row's, as text
        return new Entry("""
                INSERT INTO platform_audit (at, actor_id, actor_name, actor_unit_id, ip, module, entity_type,
                                            entity_id, unit_id, action, before_data, after_data)
                SELECT clock_timestamp(), CAST(:auditActorId AS bigint), CAST(:auditActorName AS text),
                       CAST(:auditActorUnitId AS bigint), CAST(:auditIp AS text), CAST(:auditModule AS text),
                       CAST(:auditEntityType AS text), CAST(%s.%s AS text), CAST(:auditUnitId AS bigint),
                       CAST(:auditAction AS text), CAST(NULL AS jsonb), CAST(:auditAfter AS jsonb)
                FROM %s""".formatted(cte, idColumn, cte), params);
    }

    /** No signed-in user: a public request is "anonymous", start-up and background work is "system". */
    private static String actorName(CurrentUser actor) {
        return actor != null ? actor.username() : RequestInfo.current().isPresent() ? "anonymous" : "system";
    }

    @Override
    public void appended() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(nudgeAfterCommit);
        } else {
            sealer.nudge();
        }
    }

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");

    private String toJson(Object o) {
        return o == null ? null : json.writeValueAsString(o);
    }
}
