package org.qualitycity.indicator.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

@Repository
class ResultRepository {

    /** One computed result row. */
    record Result(String indicatorCode, long unitId, String period, String periodType, int year, BigDecimal value,
                  BigDecimal numerator, BigDecimal denominator, BigDecimal comparator, String targetKind,
                  BigDecimal targetValue, String status, BigDecimal projection, String projectionMethod,
                  boolean approved, String basisKind, BigDecimal basisValue, BigDecimal basisMeasure,
                  String basisSpan, List<String> missingMembers, BigDecimal demoShare) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ResultRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Previous statuses of a year, to notice values that turn red or at risk. */
    java.util.Map<String, String> statuses(int year, Collection<String> indicators) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT indicator_code, unit_id, period, status FROM indicator_result
                        WHERE year = :year AND indicator_code = ANY(CAST(:codes AS text[]))
                        """)
                .param("year", year).param("codes", indicators.toArray(String[]::new))
                .query((rs, n) -> map.put(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3), rs.getString(4)))
                .list();
        return map;
    }

    /** Replaces the year's results of these indicators (one transaction, the caller's). */
    void replace(int year, Collection<String> indicators, List<Result> results) {
        jdbc.sql("DELETE FROM indicator_result WHERE year = :year AND indicator_code = ANY(CAST(:codes AS text[]))")
                .param("year", year).param("codes", indicators.toArray(String[]::new)).update();
        template.batchUpdate("""
                        INSERT INTO indicator_result (indicator_code, unit_id, period, period_type, year, value, numerator,
                            denominator, comparator, target_kind, target_value, status, projection, projection_method, approved,
                            basis_kind, basis_value, basis_measure, basis_span, missing_members, demo_share)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, results, 1000, (ps, r) -> {
                    ps.setString(1, r.indicatorCode());
                    ps.setLong(2, r.unitId());
                    ps.setString(3, r.period());
                    ps.setString(4, r.periodType());
                    ps.setInt(5, r.year());
                    ps.setBigDecimal(6, r.value());
                    ps.setBigDecimal(7, r.numerator());
                    ps.setBigDecimal(8, r.denominator());
                    ps.setBigDecimal(9, r.comparator());
                    ps.setString(10, r.targetKind());
                    ps.setBigDecimal(11, r.targetValue());
                    ps.setString(12, r.status());
                    ps.setBigDecimal(13, r.projection());
                    ps.setString(14, r.projectionMethod());
                    ps.setBoolean(15, r.approved());
                    ps.setString(16, r.basisKind());
                    ps.setBigDecimal(17, r.basisValue());
                    ps.setBigDecimal(18, r.basisMeasure());
                    ps.setString(19, r.basisSpan());
                    ps.setArray(20, r.missingMembers() == null ? null
                            : ps.getConnection().createArrayOf("text", r.missingMembers().toArray()));
                    ps.setBigDecimal(21, r.demoShare() == null ? null
                            : r.demoShare().setScale(6, java.math.RoundingMode.HALF_UP));
                });
    }

    /** The latest year with any value (one index probe, unlike {@link #yearsWithValues()}). */
    java.util.Optional<Integer> lastYearWithValues() {
        return jdbc.sql("SELECT extract(year FROM max(period_start))::int FROM indicator_value")
                .query(Integer.class).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    List<Integer> yearsWithValues() {
        return jdbc.sql("SELECT DISTINCT extract(year FROM period_start)::int AS y FROM indicator_value ORDER BY y")
                .query(Integer.class).list();
    }
}
