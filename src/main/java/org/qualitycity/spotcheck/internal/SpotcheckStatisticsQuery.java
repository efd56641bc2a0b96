package org.qualitycity.spotcheck.internal;

import org.qualitycity.spotcheck.SpotcheckStatistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link SpotcheckStatistics} over the samples (added for the white paper, issue 18). */
@Component
class SpotcheckStatisticsQuery implements SpotcheckStatistics {

    private final JdbcClient jdbc;

    SpotcheckStatisticsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CategoryPassRate> passRatesByCategory(List<Integer> years) {
        if (years.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.code, c.name_zh, c.name_en, c.kind, extract(year FROM s.sampled_on)::int AS y,
                               count(*) AS tested, count(*) FILTER (WHERE s.final_verdict = 'PASS') AS passed
                        FROM spotcheck_sample s JOIN spotcheck_category c ON c.code = s.category_code
                        WHERE s.inspection_type = 'SUPERVISION' AND NOT s.refused AND s.final_verdict IS NOT NULL
                          AND extract(year FROM s.sampled_on)::int IN (:years)
                        GROUP BY c.code, c.name_zh, c.name_en, c.kind, y
                        ORDER BY CASE c.kind WHEN 'INDUSTRIAL' THEN 0 WHEN 'FOOD' THEN 1 ELSE 2 END, c.code, y""")
                .param("years", years)
                .query((rs, i) -> new CategoryPassRate(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)))
                .list();
    }
}
