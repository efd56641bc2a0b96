package org.qualitycity.platform.internal;

import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.PersonalDataSubjects;
import org.qualitycity.platform.PersonalDataSubjects.SubjectRecord;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who saw whose personal data, and when (PIPL, 等保 2.0): every audited access (unmasked and masked
 * views) to the records that the modules name for a data subject (phone number or record reference).
 */
@Service
public class PersonalDataAccessReport {

    /** One access: when, who (user and unit, address), which record, and whether the data was shown unmasked. */
    public record Access(long auditId, Instant at, String actor, String actorUnit, String ip, String module,
                         String entityType, String entityId, String record, String action, boolean unmasked) {
    }

    private final JdbcClient jdbc;
    private final List<PersonalDataSubjects> modules;

    PersonalDataAccessReport(JdbcClient jdbc, List<PersonalDataSubjects> modules) {
        this.jdbc = jdbc;
        this.modules = modules;
    }

    public PageResult<Access> accesses(String subject, ListQuery q) {
        if (subject == null || subject.isBlank()) {
            throw new ValidationException("subject", Texts.msg("platform.error.subject"));
        }
        if (subject.length() > 64) {
            throw new ValidationException("subject", Texts.msg("error.max-chars", 64));
        }
        Map<String, Object> p = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        StringBuilder where = new StringBuilder();
        int g = 0;
        for (PersonalDataSubjects m : modules) {
            Map<String, List<String>> byType = new LinkedHashMap<>();
            for (SubjectRecord r : m.recordsOf(subject)) {
                byType.computeIfAbsent(r.module() + "\u0000" + r.entityType(), k -> new ArrayList<>()).add(r.entityId());
                labels.put(r.module() + "\u0000" + r.entityType() + "\u0000" + r.entityId(), r.label());
            }
            for (var e : byType.entrySet()) {
                String[] mt = e.getKey().split("\u0000");
                where.append(where.isEmpty() ? "" : " OR ").append("(a.module = :m").append(g).append(" AND a.entity_type = :t")
                        .append(g).append(" AND a.entity_id IN (:i").append(g).append(") AND a.action IN (:a").append(g).append("))");
                p.put("m" + g, mt[0]);
                p.put("t" + g, mt[1]);
                p.put("i" + g, e.getValue());
                p.put("a" + g, m.accessActions());
                g++;
            }
        }
        if (where.isEmpty()) {
            return new PageResult<>(List.of(), q.pageNumber(), q.pageSize(), 0);
        }
        String from = " FROM platform_audit a LEFT JOIN platform_unit au ON au.id = a.actor_unit_id";
        return ListSql.from(from)
                .where(where.toString(), p)
                .orderBy("a.id DESC")
                .page(jdbc, "SELECT a.id, a.at, a.actor_name, au.code, a.ip, a.module, a.entity_type, a.entity_id, a.action"
                        + from, (rs, n) -> new Access(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        labels.get(rs.getString(6) + "\u0000" + rs.getString(7) + "\u0000" + rs.getString(8)),
                        rs.getString(9), "VIEW_PERSONAL".equals(rs.getString(9))), q);
    }
}
