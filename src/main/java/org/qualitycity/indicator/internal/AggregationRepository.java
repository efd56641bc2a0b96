package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Set-based aggregation of element values in the database: across time (months into quarters,
 * halves, years) and up the unit tree (each unit's value is the sum over itself and all units
 * below it). Only submitted and approved values count; drafts and returned values do not.
 */
@Repository
class AggregationRepository {

    private final JdbcClient jdbc;

    AggregationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record PeriodArrays(String[] ids, Date[] starts, Date[] ends) {
    }

    private static PeriodArrays periods(Collection<Integer> years) {
        List<Period> all = new ArrayList<>();
        for (int y : years) {
            all.addAll(Period.evaluatedIn(org.qualitycity.plan.IndicatorDefinition.PeriodType.MONTH, y));
        }
        return new PeriodArrays(all.stream().map(Period::id).toArray(String[]::new),
                all.stream().map(p -> Date.valueOf(p.start())).toArray(Date[]::new),
                all.stream().map(p -> Date.valueOf(p.end())).toArray(Date[]::new));
    }

    private static final String UNIT_ANCESTORS = """
            WITH anc AS (SELECT u.id AS uid, a.id AS aid FROM platform_unit u
                         JOIN platform_unit a ON u.path LIKE a.path || '%')
            """;

    /** Adds aggregates of the given elements for every period of the given years. */
    void aggregate(Collection<Integer> years, Map<IndicatorCatalog.Mode, List<String>> elementsByMode,
                   ElementAggregates into) {
        if (years.isEmpty()) {
            return;
        }
        PeriodArrays p = periods(years);
        LocalDate from = LocalDate.of(years.stream().min(Integer::compare).orElseThrow(), 1, 1);
        LocalDate to = LocalDate.of(years.stream().max(Integer::compare).orElseThrow(), 12, 31);
        for (var entry : elementsByMode.entrySet()) {
            List<String> elements = entry.getValue();
            if (elements.isEmpty()) {
                continue;
            }
            String sql = switch (entry.getKey()) {
                case SUM, MAX, MIN -> UNIT_ANCESTORS + """
                        SELECT v.element_code, anc.aid AS unit_id, p.pid AS period, %s(v.value) AS value,
                               bool_and(v.status = 'APPROVED') AS approved,
                               coalesce(sum(v.value * coalesce(v.demo_share, CASE WHEN v.demo THEN 1 ELSE 0 END)) / nullif(sum(v.value), 0), avg(coalesce(v.demo_share, CASE WHEN v.demo THEN 1 ELSE 0 END))) AS demo_share
                        FROM indicator_value v
                        JOIN anc ON anc.uid = v.unit_id
                        JOIN unnest(CAST(:pids AS text[]), CAST(:pstarts AS date[]), CAST(:pends AS date[]))
                             AS p(pid, pstart, pend) ON v.period_start >= p.pstart AND v.period_end <= p.pend
                        WHERE v.period_start >= :from AND v.period_end <= :to
                          AND v.status IN ('SUBMITTED', 'APPROVED') AND v.value IS NOT NULL
                          AND v.element_code = ANY(CAST(:elements AS text[]))
                        GROUP BY v.element_code, anc.aid, p.pid
                        """.formatted(entry.getKey().name().toLowerCase());
                // a stock counted at period end: summed over units at each reporting date, the period takes the
                // last date's total (a year is its year-end count, not the sum of its quarter-end counts)
                case STOCK -> UNIT_ANCESTORS + """
                        SELECT DISTINCT ON (s.element_code, s.aid, s.pid) s.element_code, s.aid, s.pid, s.value, s.approved,
                               s.demo_share
                        FROM (SELECT v.element_code, anc.aid, p.pid, v.period_end, sum(v.value) AS value,
                                     bool_and(v.status = 'APPROVED') AS approved,
                                     coalesce(sum(v.value * coalesce(v.demo_share, CASE WHEN v.demo THEN 1 ELSE 0 END)) / nullif(sum(v.value), 0), avg(coalesce(v.demo_share, CASE WHEN v.demo THEN 1 ELSE 0 END))) AS demo_share
                              FROM indicator_value v
                              JOIN anc ON anc.uid = v.unit_id
                              JOIN unnest(CAST(:pids AS text[]), CAST(:pstarts AS date[]), CAST(:pends AS date[]))
                                   AS p(pid, pstart, pend) ON v.period_start >= p.pstart AND v.period_end <= p.pend
                              WHERE v.period_start >= :from AND v.period_end <= :to
                                AND v.status IN ('SUBMITTED', 'APPROVED') AND v.value IS NOT NULL
                                AND v.element_code = ANY(CAST(:elements AS text[]))
                              GROUP BY v.element_code, anc.aid, p.pid, v.period_end) s
                        ORDER BY s.element_code, s.aid, s.pid, s.period_end DESC
                        """;
                // one unit's own value (ranks, ratings, coverage ratios): not summed; the latest in the period
                case LATEST -> """
                        SELECT DISTINCT ON (v.element_code, v.unit_id, p.pid) v.element_code, v.unit_id, p.pid AS period,
                               v.value, v.status = 'APPROVED' AS approved, coalesce(v.demo_share, CASE WHEN v.demo THEN 1 ELSE 0 END) AS demo_share
                        FROM indicator_value v
                        JOIN unnest(CAST(:pids AS text[]), CAST(:pstarts AS date[]), CAST(:pends AS date[]))
                             AS p(pid, pstart, pend) ON v.period_start >= p.pstart AND v.period_end <= p.pend
                        WHERE v.period_start >= :from AND v.period_end <= :to
                          AND v.status IN ('SUBMITTED', 'APPROVED') AND v.value IS NOT NULL
                          AND v.element_code = ANY(CAST(:elements AS text[]))
                        ORDER BY v.element_code, v.unit_id, p.pid, v.period_end DESC
                        """;
            };
            jdbc.sql(sql).param("pids", p.ids()).param("pstarts", p.starts()).param("pends", p.ends())
                    .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                    .param("elements", elements.toArray(String[]::new))
                    .query((rs, n) -> {
                        into.put(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4), rs.getBoolean(5),
                                rs.getBigDecimal(6));
                        return null;
                    }).list();
        }
    }

    /** One reporting date's total of an element for a unit (itself and everything below it). */
    record DatedSum(String element, long unitId, String member, LocalDate periodEnd, java.math.BigDecimal value) {
    }

    /**
     * Running-total inputs: per element, unit (summed up the tree) and the end date of the values, the sum of
     * values that end on or after {@code since} (the plan's start: a period that overlaps it counts) and on or
     * before {@code until} (the due date), submitted or approved. With {@code members}, per breakdown member.
     */
    List<DatedSum> datedSums(List<String> elements, LocalDate since, LocalDate until, boolean members) {
        if (elements.isEmpty()) {
            return List.of();
        }
        String sql = members ? UNIT_ANCESTORS + """
                SELECT m.element_code, anc.aid, m.member, v.period_end, sum(m.value)
                FROM indicator_value_member m
                JOIN indicator_value v ON v.element_code = m.element_code AND v.unit_id = m.unit_id AND v.period = m.period
                JOIN anc ON anc.uid = v.unit_id
                WHERE v.period_end >= :since AND v.period_end <= :until
                  AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                GROUP BY m.element_code, anc.aid, m.member, v.period_end
                """ : UNIT_ANCESTORS + """
                SELECT v.element_code, anc.aid, NULL, v.period_end, sum(v.value)
                FROM indicator_value v JOIN anc ON anc.uid = v.unit_id
                WHERE v.period_end >= :since AND v.period_end <= :until AND v.value IS NOT NULL
                  AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                GROUP BY v.element_code, anc.aid, v.period_end
                """;
        return jdbc.sql(sql).param("since", Date.valueOf(since)).param("until", Date.valueOf(until))
                .param("elements", elements.toArray(String[]::new))
                .query((rs, n) -> new DatedSum(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getBigDecimal(5)))
                .list();
    }
}
