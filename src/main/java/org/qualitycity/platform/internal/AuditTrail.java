package org.qualitycity.platform.internal;

import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditVerifier;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Searching the audit trail and verifying its hash chain. */
@Service
public class AuditTrail implements AuditVerifier, org.qualitycity.platform.AuditHistory {

    public record Entry(long id, Instant at, String actor, String actorUnit, String ip, String module,
                        String entityType, String entityId, String action, String before, String after) {
    }

    public record Filter(@Size(max = 64) String user, @Size(max = 32) String unitCode, @Size(max = 40) String module,
                         @Size(max = 60) String entityType, @Size(max = 100) String entityId,
                         @Size(max = 40) String action, LocalDate from, LocalDate to) {
    }

    private static final ZoneId ZONE = org.qualitycity.platform.ApplicationZone.ZONE;
    private static final Map<String, String> SORTS = Map.of("at", "a.at", "id", "a.id", "actor", "a.actor_name",
            "module", "a.module", "action", "a.action");

    private final JdbcClient jdbc;
    private final AuditSealer sealer;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, AuditSealer sealer, PlatformTransactionManager txManager, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(txManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Override
    public List<org.qualitycity.platform.AuditHistory.Entry> history(String module, String entityType,
                                                                     java.util.Collection<String> entityIds,
                                                                     String afterField, int limit) {
        if (entityIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT at, actor_name, action, entity_id, after_data ->> CAST(:field AS text) FROM platform_audit
                        WHERE module = :module AND entity_type = :type AND entity_id = ANY(CAST(:ids AS text[]))
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("field", afterField).param("module", module).param("type", entityType)
                .param("ids", entityIds.toArray(String[]::new)).param("limit", limit)
                .query((rs, n) -> new org.qualitycity.platform.AuditHistory.Entry(rs.getTimestamp(1).toInstant(),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    private static Entry map(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor_name"),
                rs.getString("actor_unit"), rs.getString("ip"), rs.getString("module"), rs.getString("entity_type"),
                rs.getString("entity_id"), rs.getString("action"), rs.getString("before_data"),
                rs.getString("after_data"));
    }

    private static final String FROM = """
             FROM platform_audit a LEFT JOIN platform_unit au ON au.id = a.actor_unit_id
             LEFT JOIN platform_unit ou ON ou.id = a.unit_id
            """;

    private static ListSql list(Filter f) {
        ListSql list = ListSql.from(FROM);
        if (f == null) {
            return list;
        }
        return list.equal("a.actor_name", "user", f.user() == null ? null : f.user().trim().toLowerCase())
                .filter("au.code = :unitCode OR ou.code = :unitCode", "unitCode",
                        f.unitCode() == null ? null : f.unitCode().trim())
                .equal("a.module", "module", f.module())
                .equal("a.entity_type", "entityType", f.entityType())
                .equal("a.entity_id", "entityId", f.entityId())
                .equal("a.action", "action", f.action() == null ? null : f.action().trim().toUpperCase())
                .filter("a.at >= :from", "from",
                        f.from() == null ? null : Timestamp.from(f.from().atStartOfDay(ZONE).toInstant()))
                .filter("a.at < :to", "to",
                        f.to() == null ? null : Timestamp.from(f.to().plusDays(1).atStartOfDay(ZONE).toInstant()));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static final String COLUMNS = "SELECT a.id, a.at, a.actor_name, au.code AS actor_unit, a.ip, a.module, "
            + "a.entity_type, a.entity_id, a.action, a.before_data::text AS before_data, a.after_data::text AS after_data";

    public PageResult<Entry> search(Filter f, ListQuery q) {
        return list(f).orderBy(q, SORTS, "id", true, "a.id").page(jdbc, COLUMNS + FROM, AuditTrail::map, q);
    }

    public List<Entry> all(Filter f, ListQuery q) {
        return list(f).orderBy(q, SORTS, "id", true, "a.id").all(jdbc, COLUMNS + FROM, AuditTrail::map,
                ListQuery.EXPORT_LIMIT);
    }

    public record LoginEntry(long id, Instant at, String username, String ip, String channel, boolean success,
                             String reason) {
    }

    public PageResult<LoginEntry> logins(String username, Boolean success, ListQuery q) {
        return ListSql.from("FROM platform_login_log")
                .equal("username", "username", username == null ? null : username.trim().toLowerCase())
                .equal("success", "success", success)
                .orderBy("id DESC")
                .page(jdbc, "SELECT * FROM platform_login_log", (rs, n) -> new LoginEntry(rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(), rs.getString("username"), rs.getString("ip"),
                        rs.getString("channel"), rs.getBoolean("success"), rs.getString("reason")), q);
    }

    /**
     * Seals what is committed, then recomputes every sealed entry's hash from its stored values and checks
     * each link to the entry before in chain order (seq); the first remaining entry links to the last
     * archived one. A changed value breaks that entry's hash; a deleted or inserted entry breaks the next
     * link; cutting off the newest entries removes a head recorded by the daily verification. Set-based in
     * SQL: one pass over the table.
     */
    @Override
    public Verification verify() {
        sealer.sealAll();
        return readOnly.execute(s -> {
            long checked = jdbc.sql("SELECT count(*) FROM platform_audit WHERE seq IS NOT NULL").query(Long.class).single();
            long unsealed = jdbc.sql("SELECT count(*) FROM platform_audit WHERE seq IS NULL").query(Long.class).single();
            List<Long> broken = jdbc.sql("""
                            SELECT id FROM (
                                SELECT id, seq, hash, prev_hash,
                                       coalesce(lag(hash) OVER (ORDER BY seq),
                                                (SELECT last_hash FROM platform_audit_archive ORDER BY to_seq DESC LIMIT 1),
                                                repeat('0', 64)) AS expected_prev,
                                       platform_audit_hash(prev_hash, id, at, actor_id, actor_name, actor_unit_id, ip,
                                                           module, entity_type, entity_id, unit_id, action, before_data,
                                                           after_data) AS recomputed
                                FROM platform_audit WHERE seq IS NOT NULL) t
                            WHERE hash <> recomputed OR prev_hash <> expected_prev
                            ORDER BY seq LIMIT 100
                            """)
                    .query(Long.class).list();
            List<Long> missingHeads = jdbc.sql("""
                            SELECT h.seq FROM platform_audit_head h
                            WHERE h.seq > coalesce((SELECT max(to_seq) FROM platform_audit_archive), 0)
                              AND NOT EXISTS (SELECT 1 FROM platform_audit a WHERE a.seq = h.seq AND a.hash = h.hash)
                            ORDER BY h.seq LIMIT 100
                            """)
                    .query(Long.class).list();
            var head = jdbc.sql("SELECT seq, hash FROM platform_audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).optional();
            return new Verification(checked, broken.isEmpty() && missingHeads.isEmpty(), broken, Instant.now(clock),
                    unsealed, head.map(h -> (Long) h[0]).orElse(null), head.map(h -> (String) h[1]).orElse(null),
                    missingHeads);
        });
    }

    /**
     * Records the head of an intact chain (by the daily verification), so that cutting off the newest
     * entries later is detected.
     */
    void recordHead(Verification v) {
        if (v.intact() && v.headSeq() != null) {
            jdbc.sql("INSERT INTO platform_audit_head (recorded_at, seq, hash) VALUES (:at, :seq, :hash)")
                    .param("at", Timestamp.from(v.verifiedAt())).param("seq", v.headSeq()).param("hash", v.headHash())
                    .update();
        }
    }
}
