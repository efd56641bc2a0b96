package org.qualitycity.survey.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.survey.internal.Dtos.MatrixCell;
import org.qualitycity.survey.internal.Dtos.ResultRow;
import org.qualitycity.survey.internal.Dtos.Results;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The satisfaction index of a survey by district, sector, period or overall, post-stratified, with its 95 %
 * confidence interval (docs/survey.md):
 * <ul>
 * <li>a respondent's score yᵢ = Σ wₗ·(x̄ₗ − 1)/9 × 100 / Σ wₗ over the latent variables l answered (x̄ₗ: the mean of
 * its 1–10 items; wₗ: the survey's weights), stored with the response;</li>
 * <li>in a group g (and period), each stratum h (district × sector) with nₕ responses has the design's population
 * share Pₕ; normalised over the strata of the group that have responses, every respondent of h weighs
 * wᵢ = (Pₕ / Σ Pₕ) / nₕ, so Σ wᵢ = 1 (a survey without strata: self-weighting, Pₕ = nₕ);</li>
 * <li>index ȳ = Σ wᵢ yᵢ; weighted variance s² = Σ wᵢ (yᵢ − ȳ)² · n/(n − 1); Kish's effective sample size
 * n_eff = (Σ wᵢ)² / Σ wᵢ² = 1 / Σ wᵢ²; standard error √(s² / n_eff); interval ȳ ± 1.96 · SE;</li>
 * <li>a score is reliable when the interval's width 2 · 1.96 · SE is at most the survey's configured width.</li>
 * </ul>
 * The only pass over the responses is one GROUP BY per stratum and period (count, Σy, Σy²); everything else works on
 * those cells.
 */
@Service
public class SurveyIndex {

    static final Set<String> BY = Set.of("all", "district", "sector", "period", "cell");
    static final double Z95 = 1.959963984540054;

    /** Per stratum and period: n, Σy, Σy², demo count; weighted per group; one row per group and period. */
    static final String INDEX_SQL = """
            WITH cell AS (
                SELECT r.district_unit_id AS d, r.sector_code AS s, r.period AS p, count(*) AS n, sum(r.score) AS s1,
                       sum(r.score * r.score) AS s2, count(*) FILTER (WHERE r.demo) AS demo_n
                FROM survey_response r
                WHERE r.survey_id = :survey AND r.score IS NOT NULL
                GROUP BY 1, 2, 3),
            designed AS (SELECT count(*) AS k FROM survey_stratum WHERE survey_id = :survey),
            w AS (
                SELECT c.*, CASE :by WHEN 'district' THEN c.d::text WHEN 'sector' THEN c.s WHEN 'cell'
                                     THEN c.d::text || '|' || c.s ELSE '' END AS g,
                       c.p AS gp,
                       COALESCE(st.population_share, CASE WHEN (SELECT k FROM designed) = 0 THEN c.n END) AS share
                FROM cell c
                LEFT JOIN survey_stratum st ON st.survey_id = :survey AND st.district_unit_id = c.d AND st.sector_code = c.s),
            x AS (
                SELECT w.*, w.share / sum(w.share) OVER (PARTITION BY w.g, w.gp) / w.n AS wi FROM w WHERE w.share IS NOT NULL)
            SELECT g, gp, sum(n) AS n, sum(wi * s1) AS mean, sum(wi * s2) AS m2, sum(n * wi * wi) AS sw2,
                   sum(demo_n)::float8 / sum(n) AS demo
            FROM x GROUP BY g, gp ORDER BY g, gp""";

    private final JdbcClient jdbc;
    private final SurveyService surveys;
    private final Units units;

    SurveyIndex(JdbcClient jdbc, SurveyService surveys, Units units) {
        this.jdbc = jdbc;
        this.surveys = surveys;
        this.units = units;
    }

    public Results results(long surveyId, String by, CurrentUser user) {
        String grouping = by == null || by.isBlank() ? "all" : by;
        if (!BY.contains(grouping)) {
            throw new ValidationException("by", Texts.msg("survey.error.unknown-grouping", by));
        }
        SurveyService.SurveyRow survey = surveys.requireVisible(surveyId, user);
        return new Results(surveyId, grouping, survey.maxCiWidth(), compute(surveyId, grouping, survey.maxCiWidth()));
    }

    /** The rows of one grouping (also the benchmark's entry). */
    List<ResultRow> compute(long surveyId, String by, double maxWidth) {
        Locale locale = Texts.locale();
        // one pass in SQL; the rows are named afterwards from one look-up of the areas and sectors (a look-up per row
        // was a query per row: 420 cells cost seconds)
        List<Cell> cells = jdbc.sql(INDEX_SQL).param("survey", surveyId).param("by", by)
                .query((rs, i) -> new Cell(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7))).list();
        Names names = new Names(by, locale);
        List<ResultRow> out = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            Double low = null;
            Double high = null;
            boolean reliable = false;
            if (c.n() > 1) {
                double variance = Math.max(0, c.m2() - c.mean() * c.mean()) * c.n() / (c.n() - 1);
                double half = Z95 * Math.sqrt(variance * c.sw2());
                low = Math.max(0, c.mean() - half);
                high = Math.min(100, c.mean() + half);
                reliable = 2 * half <= maxWidth;
            }
            out.add(new ResultRow(c.group(), names.of(c.group()), c.period(), c.n(), c.mean(), low, high, reliable,
                    c.demo()));
        }
        return out;
    }

    private record Cell(String group, String period, long n, double mean, double m2, double sw2, double demo) {
    }

    /** The names of a grouping's keys: districts and sectors looked up once per request, not once per row. */
    private final class Names {
        private final String by;
        private final Locale locale;
        private Map<Long, String> districts;
        private Map<String, SurveyService.Sector> sectors;

        Names(String by, Locale locale) {
            this.by = by;
            this.locale = locale;
        }

        String of(String g) {
            return switch (by) {
                case "district" -> district(g);
                case "sector" -> sector(g);
                case "cell" -> {
                    int bar = g.indexOf('|');
                    yield district(g.substring(0, bar)) + " · " + sector(g.substring(bar + 1));
                }
                default -> Texts.msg("survey.results.all");
            };
        }

        private String district(String id) {
            if (districts == null) {
                districts = new HashMap<>();
                units.areas().forEach(u -> districts.put(u.id(), u.name(locale)));
            }
            long key = Long.parseLong(id);
            // a response may belong to a unit that is not an area (rare): that one is looked up alone, once
            return districts.computeIfAbsent(key, k -> units.byId(k).map(u -> u.name(locale)).orElse(id));
        }

        private String sector(String code) {
            if (sectors == null) {
                sectors = surveys.sectorMap();
            }
            SurveyService.Sector s = sectors.get(code);
            return s == null ? code : s.name(locale);
        }
    }

    /**
     * The importance–satisfaction matrix per sector: each latent variable's satisfaction (its mean on 0–100) and its
     * derived importance (Pearson's correlation with the satisfaction variable across the sector's respondents);
     * quadrants split at the sector's mean satisfaction and mean importance.
     */
    public List<MatrixCell> matrix(long surveyId, CurrentUser user) {
        surveys.requireVisible(surveyId, user);
        Locale locale = Texts.locale();
        Map<String, SurveyService.Sector> sectors = surveys.sectorMap();
        var rows = jdbc.sql("""
                        SELECT r.sector_code, v.latent, avg((v.lv - 1) / 9 * 100), corr(v.lv, r.lv_satisfaction)
                        FROM survey_response r
                        CROSS JOIN LATERAL (VALUES ('BRAND', 1, r.lv_brand), ('EXPECTED', 2, r.lv_expected),
                                                   ('QUALITY', 3, r.lv_quality), ('VALUE', 4, r.lv_value),
                                                   ('COMPLAINT', 6, r.lv_complaint), ('LOYALTY', 7, r.lv_loyalty)) v (latent, o, lv)
                        WHERE r.survey_id = :s AND r.score IS NOT NULL AND v.lv IS NOT NULL
                        GROUP BY r.sector_code, v.latent, v.o ORDER BY r.sector_code, v.o""")
                .param("s", surveyId)
                .query((rs, i) -> new Object[]{rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getObject(4) == null ? null : rs.getDouble(4)}).list();
        List<MatrixCell> out = new ArrayList<>();
        for (String sector : rows.stream().map(r -> (String) r[0]).distinct().toList()) {
            var mine = rows.stream().filter(r -> r[0].equals(sector)).toList();
            double meanSat = mine.stream().mapToDouble(r -> (Double) r[2]).average().orElse(0);
            double meanImp = mine.stream().filter(r -> r[3] != null).mapToDouble(r -> (Double) r[3]).average().orElse(0);
            for (Object[] r : mine) {
                Double imp = (Double) r[3];
                double sat = (Double) r[2];
                String quadrant = imp == null ? "UNKNOWN" : imp >= meanImp
                        ? (sat >= meanSat ? "KEEP" : "IMPROVE") : (sat >= meanSat ? "SURPLUS" : "LATER");
                out.add(new MatrixCell(sector, sectors.get(sector).name(locale), (String) r[1], sat, imp, quadrant));
            }
        }
        return out;
    }
}
