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
                               bool_and(v.status = 'APPROVED') AS approved
                        FROM indicator_value v
                        JOIN anc ON anc.uid = v.unit_id
                        JOIN unnest(CAST(:pids AS text[]), CAST(:pstarts AS date[]), CAST(:pends AS date[]))
                             AS p(pid, pstart, pend) ON v.period_start >= p.pstart AND v.period_end <= p.pend
                        WHERE v.period_start >= :from AND v.period_end <= :to
                          AND v.status IN ('SUBMITTED', 'APPROVED') AND v.value IS NOT NULL
                          AND v.element_code = ANY(CAST(:elements AS text[]))
                        GROUP BY v.element_code, anc.aid, p.pid
                        """.formatted(entry.getKey().name().toLowerCase());
                // one unit's own value (ranks, ratings, coverage ratios): not summed; the latest in the period
                case LATEST -> """
                        SELECT DISTINCT ON (v.element_code, v.unit_id, p.pid) v.element_code, v.unit_id, p.pid AS period,
                               v.value, v.status = 'APPROVED' AS approved
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
                        into.put(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4), rs.getBoolean(5));
                        return null;
                    }).list();
        }
    }

    /** Per (element, unit incl. ancestors): the sum of all values before {@code before} (cumulative counts). */
    Map<ElementAggregates.Key, java.math.BigDecimal> sumsBefore(List<String> elements, LocalDate since, LocalDate before) {
        Map<ElementAggregates.Key, java.math.BigDecimal> sums = new java.util.HashMap<>();
        if (elements.isEmpty()) {
            return sums;
        }
        jdbc.sql(UNIT_ANCESTORS + """
                        SELECT v.element_code, anc.aid, sum(v.value) FROM indicator_value v JOIN anc ON anc.uid = v.unit_id
                        WHERE v.period_start >= :since AND v.period_end < :before
                          AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                        GROUP BY v.element_code, anc.aid
                        """)
                .param("since", Date.valueOf(since)).param("before", Date.valueOf(before))
                .param("elements", elements.toArray(String[]::new))
                .query((rs, n) -> sums.put(new ElementAggregates.Key(rs.getString(1), rs.getLong(2), "before"),
                        rs.getBigDecimal(3)))
                .list();
        return sums;
    }
}
