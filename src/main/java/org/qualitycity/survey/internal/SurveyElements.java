package org.qualitycity.survey.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/**
 * S1, S2 and W3 for the indicator engine: the plan computes each as SUM_RATIO of a score sum over a response count,
 * summed up the unit tree. An index is not a sum, so both elements carry the post-stratification weights: per survey
 * of the year, a respondent of stratum h weighs wₕ = (Pₕ / Σ Pₕ) · n / nₕ (the weights add up to the survey's sample
 * size n), and per district {@code *_SCORE_SUM} = Σ wᵢ·yᵢ and {@code *_RESPONSES} = Σ wᵢ (the weighted number of
 * valid responses). The engine's ratio of the sums is then the post-stratified index of a district, and of the city.
 * The responses count by the indicator of their sector or object ({@code survey_sector.indicator}).
 */
@Component
class SurveyElements implements ComputedElementProvider {

    static final Set<String> ELEMENTS = Set.of("S1_SCORE_SUM", "S1_RESPONSES", "S2_SCORE_SUM", "S2_RESPONSES",
            "W3_SCORE_SUM", "W3_RESPONSES");

    static final String SQL = """
            WITH cell AS (
                SELECT r.survey_id AS sv, r.district_unit_id AS d, r.sector_code AS s, count(*) AS n, sum(r.score) AS s1,
                       count(*) FILTER (WHERE r.demo) AS demo_n
                FROM survey_response r
                JOIN survey v ON v.id = r.survey_id
                JOIN survey_sector sc ON sc.code = r.sector_code
                WHERE v.year = :year AND v.status <> 'DRAFT' AND sc.indicator = :indicator AND r.score IS NOT NULL
                GROUP BY 1, 2, 3),
            w AS (
                SELECT c.*, COALESCE(st.population_share,
                           CASE WHEN NOT EXISTS (SELECT 1 FROM survey_stratum z WHERE z.survey_id = c.sv) THEN c.n END) AS share
                FROM cell c
                LEFT JOIN survey_stratum st ON st.survey_id = c.sv AND st.district_unit_id = c.d AND st.sector_code = c.s),
            x AS (
                SELECT w.*, w.share / sum(w.share) OVER (PARTITION BY w.sv) * sum(w.n) OVER (PARTITION BY w.sv) / w.n AS wi
                FROM w WHERE w.share IS NOT NULL)
            SELECT d, sum(wi * s1) AS score_sum, sum(wi * n) AS responses, sum(demo_n)::float8 / sum(n) AS demo
            FROM x GROUP BY d""";

    private final JdbcClient jdbc;

    SurveyElements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> elements() {
        return ELEMENTS;
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        if (!ELEMENTS.contains(element)) {
            return List.of();
        }
        String indicator = element.substring(0, element.indexOf('_'));
        boolean sum = element.endsWith("_SCORE_SUM");
        return jdbc.sql(SQL).param("year", year).param("indicator", indicator)
                .query((rs, i) -> new ElementValue(rs.getLong(1), Period.year(year),
                        BigDecimal.valueOf(sum ? rs.getDouble(2) : rs.getDouble(3)).setScale(6, RoundingMode.HALF_UP),
                        BigDecimal.valueOf(rs.getDouble(4)).setScale(3, RoundingMode.HALF_UP))).list();
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        if (!ELEMENTS.contains(element)) {
            return null;
        }
        return "/surveys?year=" + period.year() + "&indicator=" + element.substring(0, element.indexOf('_'))
                + "&district=" + unitCode;
    }
}
