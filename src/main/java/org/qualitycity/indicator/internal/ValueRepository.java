package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.platform.Texts;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListSql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
public class ValueRepository {

    /** A stored value with its workflow state. */
    public record Row(String element, long unitId, String unitCode, String unitName, String unitPath, String period,
                      BigDecimal value, String source, String status, String comment, String flag, boolean demo,
                      Long enteredBy, Long submittedBy, Instant submittedAt, Long reviewedBy, Instant reviewedAt,
                      String evidence, Map<String, BigDecimal> members) {
    }

    private static final String SELECT = """
            SELECT v.element_code, v.unit_id, u.code AS unit_code, u.name_zh AS unit_name, u.name_en AS unit_name_en, u.path AS unit_path,
                   v.period,
                   v.value, v.source, v.status, v.comment, v.flag, v.demo, v.entered_by, v.submitted_by, v.submitted_at,
                   v.reviewed_by, v.reviewed_at, v.evidence,
                   (SELECT jsonb_object_agg(m.member, m.value ORDER BY m.member) FROM indicator_value_member m
                    WHERE m.element_code = v.element_code AND m.unit_id = v.unit_id AND m.period = v.period)::text AS members
            FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ValueRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("element_code"), rs.getLong("unit_id"), rs.getString("unit_code"),
                // the reader's language (issue 12: English unit names on English screens)
                "en".equals(Texts.locale().getLanguage()) && rs.getString("unit_name_en") != null
                        ? rs.getString("unit_name_en") : rs.getString("unit_name"), rs.getString("unit_path"), rs.getString("period"), rs.getBigDecimal("value"),
                rs.getString("source"), rs.getString("status"), rs.getString("comment"), Texts.renderStored(rs.getString("flag")),
                rs.getBoolean("demo"), (Long) rs.getObject("entered_by"), (Long) rs.getObject("submitted_by"),
                instant(rs.getTimestamp("submitted_at")), (Long) rs.getObject("reviewed_by"),
                instant(rs.getTimestamp("reviewed_at")), rs.getString("evidence"), members(rs.getString("members")));
    }

    private static final tools.jackson.databind.ObjectMapper JSON = new tools.jackson.databind.json.JsonMapper();

    private static Map<String, BigDecimal> members(String json) {
        if (json == null) {
            return null;
        }
        Map<String, BigDecimal> out = new java.util.LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().decimalValue()));
        return out;
    }

    /** Replaces the breakdown of a value (C6: pilots per sector); null or empty removes it. */
    void replaceMembers(String element, long unitId, String period, Map<String, BigDecimal> members) {
        jdbc.sql("DELETE FROM indicator_value_member WHERE element_code = :e AND unit_id = :u AND period = :p")
                .param("e", element).param("u", unitId).param("p", period).update();
        if (members == null) {
            return;
        }
        members.forEach((member, value) -> jdbc.sql("""
                        INSERT INTO indicator_value_member (element_code, unit_id, period, member, value)
                        VALUES (:e, :u, :p, :m, :v)""")
                .param("e", element).param("u", unitId).param("p", period).param("m", member).param("v", value).update());
    }

    /** Sets the evidence behind a value (an assessed rating); null keeps what is stored. */
    void setEvidence(String element, long unitId, String period, String evidence) {
        if (evidence != null) {
            jdbc.sql("UPDATE indicator_value SET evidence = :ev WHERE element_code = :e AND unit_id = :u AND period = :p")
                    .param("ev", evidence.isBlank() ? null : evidence.strip()).param("e", element).param("u", unitId)
                    .param("p", period).update();
        }
    }

    Optional<Row> find(String element, long unitId, String period) {
        return jdbc.sql(SELECT + " WHERE v.element_code = :e AND v.unit_id = :u AND v.period = :p")
                .param("e", element).param("u", unitId).param("p", period).query(ValueRepository::map).optional();
    }

    /** Values of one unit and period (a data-entry form). */
    List<Row> forUnitPeriod(long unitId, String period) {
        return jdbc.sql(SELECT + " WHERE v.unit_id = :u AND v.period = :p ORDER BY v.element_code")
                .param("u", unitId).param("p", period).query(ValueRepository::map).list();
    }

    /** Values in the caller's scope (plus elements the caller's unit is responsible for), filtered. */
    List<Row> search(DataScope scope, List<String> responsibleElements, String element, Long unitId, String period,
                     String status, int limit, int offset) {
        return list(scope, responsibleElements, element, unitId, period, status)
                .orderBy("v.period_start DESC, u.code, v.element_code")
                .rows(jdbc, SELECT, ValueRepository::map, limit, offset);
    }

    long count(DataScope scope, List<String> responsibleElements, String element, Long unitId, String period,
               String status) {
        return list(scope, responsibleElements, element, unitId, period, status).count(jdbc);
    }

    private static ListSql list(DataScope scope, List<String> responsibleElements, String element, Long unitId,
                                String period, String status) {
        return ListSql.from("FROM indicator_value v")
                .where(scope.predicate("v.unit_id", "v.entered_by") + " OR v.element_code = ANY(CAST(:responsible AS text[]))",
                        scope.params())
                .param("responsible", responsibleElements.toArray(String[]::new))
                .equal("v.element_code", "element", element)
                .equal("v.unit_id", "unitId", unitId)
                .equal("v.period", "period", period)
                .equal("v.status", "status", status);
    }

    /** The review list: values in the caller's scope of any of {@code elements} (null: all), filtered, newest first. */
    org.qualitycity.platform.PageResult<Row> review(DataScope scope, List<String> responsibleElements, List<String> elements,
                                                   Long unitId, String period, String year, String status,
                                                   org.qualitycity.platform.ListQuery q) {
        return reviewList(scope, responsibleElements, elements, unitId, period, year, status)
                .orderBy("v.period_start DESC, u.code, v.element_code, v.period")
                .page(jdbc, SELECT, ValueRepository::map, q);
    }

    /** The whole filtered review list (export), at most {@code limit} rows. */
    List<Row> reviewAll(DataScope scope, List<String> responsibleElements, List<String> elements, Long unitId,
                        String period, String year, String status, int limit) {
        return reviewList(scope, responsibleElements, elements, unitId, period, year, status)
                .orderBy("v.period_start DESC, u.code, v.element_code, v.period")
                .all(jdbc, SELECT, ValueRepository::map, limit);
    }

    private static ListSql reviewList(DataScope scope, List<String> responsibleElements, List<String> elements,
                                      Long unitId, String period, String year, String status) {
        return list(scope, responsibleElements, null, unitId, period, status)
                .startsWith("v.period", "periodYear", year)
                .filter("v.element_code = ANY(CAST(:elements AS text[]))", "elements",
                        elements == null ? null : elements.toArray(String[]::new));
    }

    /** Stored values of the given elements for the given units and periods: "element|unitId|period" → value. */
    Map<String, BigDecimal> values(java.util.Collection<String> elements, java.util.Collection<Long> unitIds,
                                   java.util.Collection<String> periods) {
        Map<String, BigDecimal> out = new HashMap<>();
        if (elements.isEmpty() || unitIds.isEmpty() || periods.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT element_code, unit_id, period, value FROM indicator_value
                        WHERE element_code = ANY(CAST(:e AS text[])) AND unit_id = ANY(CAST(:u AS bigint[]))
                          AND period = ANY(CAST(:p AS text[])) AND value IS NOT NULL
                        """)
                .param("e", elements.toArray(String[]::new)).param("u", unitIds.toArray(Long[]::new))
                .param("p", periods.toArray(String[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> out.put(
                        rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3), rs.getBigDecimal(4)));
        return out;
    }

    void upsertDraft(String element, long unitId, Period period, BigDecimal value, String flag, long userId) {
        jdbc.sql("""
                        INSERT INTO indicator_value (element_code, unit_id, period, period_type, period_start, period_end,
                                                     value, source, status, flag, entered_by, entered_at)
                        VALUES (:e, :u, :p, :type, :start, :end, :value, 'REPORTED', 'DRAFT', :flag, :user, now())
                        ON CONFLICT (element_code, unit_id, period) DO UPDATE
                        SET value = EXCLUDED.value, flag = EXCLUDED.flag, entered_by = EXCLUDED.entered_by,
                            demo = false, demo_share = 0,
                            entered_at = now(), status = CASE WHEN indicator_value.status = 'RETURNED' THEN 'RETURNED'
                                                              ELSE 'DRAFT' END
                        """)
                .param("e", element).param("u", unitId).param("p", period.id()).param("type", period.type().name())
                .param("start", Date.valueOf(period.start())).param("end", Date.valueOf(period.end()))
                .param("value", value).param("flag", flag).param("user", userId).update();
    }

    void setStatus(String element, long unitId, String period, String status, String comment, Long submittedBy,
                   Long reviewedBy) {
        jdbc.sql("""
                        UPDATE indicator_value SET status = :status, comment = :comment,
                            submitted_by = coalesce(CAST(:submittedBy AS bigint), submitted_by),
                            submitted_at = CASE WHEN CAST(:submittedBy AS bigint) IS NOT NULL THEN now() ELSE submitted_at END,
                            reviewed_by = CAST(:reviewedBy AS bigint),
                            reviewed_at = CASE WHEN CAST(:reviewedBy AS bigint) IS NOT NULL THEN now() END
                        WHERE element_code = :e AND unit_id = :u AND period = :p
                        """)
                .param("status", status).param("comment", comment).param("submittedBy", submittedBy)
                .param("reviewedBy", reviewedBy).param("e", element).param("u", unitId).param("p", period).update();
    }

    /** The unit's earlier values of an element (for outlier checks), newest first. */
    List<BigDecimal> history(String element, long unitId, LocalDate before, int limit) {
        return jdbc.sql("""
                        SELECT value FROM indicator_value WHERE element_code = :e AND unit_id = :u
                          AND period_end < :before AND value IS NOT NULL ORDER BY period_end DESC LIMIT :limit
                        """)
                .param("e", element).param("u", unitId).param("before", Date.valueOf(before)).param("limit", limit)
                .query(BigDecimal.class).list();
    }

    /** Contributing rows of a result: the element's values in the unit's subtree within the period. */
    List<Row> contributing(List<String> elements, String unitPath, LocalDate start, LocalDate end) {
        return jdbc.sql(SELECT + """
                         WHERE v.element_code = ANY(CAST(:elements AS text[])) AND u.path LIKE :path
                           AND v.period_start >= :start AND v.period_end <= :end
                         ORDER BY v.element_code, v.period_start, u.code LIMIT 2000
                        """)
                .param("elements", elements.toArray(String[]::new)).param("path", unitPath + "%")
                .param("start", Date.valueOf(start)).param("end", Date.valueOf(end))
                .query(ValueRepository::map).list();
    }

    /**
     * Replaces the computed values of these elements in one year with what their provider computed: one DELETE for
     * all of them (was one per element, issue 13), then the rows.
     */
    void replaceComputed(java.util.Collection<String> elements, int year,
                         java.util.Map<String, List<ComputedElementProvider.ElementValue>> rows) {
        jdbc.sql("""
                        DELETE FROM indicator_value WHERE element_code = ANY(CAST(:e AS text[])) AND source = 'COMPUTED'
                          AND period_start >= :from AND period_end <= :to
                        """)
                .param("e", elements.toArray(String[]::new)).param("from", Date.valueOf(LocalDate.of(year, 1, 1)))
                .param("to", Date.valueOf(LocalDate.of(year, 12, 31))).update();
        for (String element : elements) {
            List<ComputedElementProvider.ElementValue> list = rows.getOrDefault(element, List.of());
            if (!list.isEmpty()) {
                insertBatch(element, list, "COMPUTED", "APPROVED", false);
            }
        }
    }

    /** Demo share of the value: the provider's count for computed values, 1 for generated demo values, else 0. */
    private static BigDecimal share(ComputedElementProvider.ElementValue r, boolean demo) {
        if (r.demoShare() != null) {
            return r.demoShare();
        }
        return demo ? BigDecimal.ONE : BigDecimal.ZERO;
    }

    /** Demo only: submission dates 3–20 days after each period's end (deterministic), review a few days later. */
    void spreadDemoSubmissions() {
        jdbc.sql("""
                        UPDATE indicator_value SET
                            submitted_at = (period_end + (3 + (abs(hashtext(element_code || unit_id || period)) % 18)))::timestamp
                                           + interval '10 hours',
                            reviewed_at = CASE WHEN status = 'APPROVED' THEN (period_end + 24)::timestamp + interval '15 hours' END
                        WHERE demo AND source = 'REPORTED'
                        """).update();
    }

    /** Bulk insert (demo data, computed values, benchmark data). */
    void insertBatch(String element, List<ComputedElementProvider.ElementValue> rows, String source, String status,
                     boolean demo) {
        template.batchUpdate("""
                        INSERT INTO indicator_value (element_code, unit_id, period, period_type, period_start, period_end,
                                                     value, source, status, demo, demo_share, submitted_at, reviewed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), CASE WHEN ? = 'APPROVED' THEN now() END)
                        ON CONFLICT (element_code, unit_id, period) DO UPDATE SET value = EXCLUDED.value,
                            source = EXCLUDED.source, status = EXCLUDED.status, demo = EXCLUDED.demo,
                            demo_share = EXCLUDED.demo_share
                        """, rows, 1000, (ps, r) -> {
                    ps.setString(1, element);
                    ps.setLong(2, r.unitId());
                    ps.setString(3, r.period().id());
                    ps.setString(4, r.period().type().name());
                    ps.setDate(5, Date.valueOf(r.period().start()));
                    ps.setDate(6, Date.valueOf(r.period().end()));
                    ps.setBigDecimal(7, r.value());
                    ps.setString(8, source);
                    ps.setString(9, status);
                    BigDecimal share = share(r, demo);
                    // a value computed from demo records is demo data too (shown with the badge)
                    ps.setBoolean(10, demo || share.signum() > 0);
                    ps.setBigDecimal(11, share);
                    ps.setString(12, status);
                });
    }

    /** Serialises recomputations of one year until the transaction ends (transaction-scoped advisory lock). */
    void lockYear(int year) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key, :year)").param("key", 1_101_001).param("year", year)
                .query().listOfRows();
    }
}
