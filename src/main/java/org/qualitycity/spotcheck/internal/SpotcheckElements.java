package org.qualitycity.spotcheck.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.qualitycity.plan.Plans;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * P1–P4 pass rates by batch, per unit of the sampled enterprise and month of sampling: passed batches
 * (final verdict PASS; a re-test replaces the first verdict) over tested batches (a final verdict;
 * refusals and samples without a result are excluded).
 */
@Component
class SpotcheckElements implements ComputedElementProvider {

    private final JdbcClient jdbc;
    private final Plans plans;

    SpotcheckElements(JdbcClient jdbc, Plans plans) {
        this.jdbc = jdbc;
        this.plans = plans;
    }

    @Override
    public Set<String> elements() {
        return SpotcheckService.ELEMENTS;
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        String indicator = element.substring(0, 2);
        String filter = SpotcheckService.INDICATOR_FILTER.get(indicator);
        if (filter == null || !SpotcheckService.ELEMENTS.contains(element)) {
            return List.of();
        }
        String only = element.endsWith("_PASSED") ? " FILTER (WHERE s.final_verdict = 'PASS')" : "";
        // the count, and the share of demo samples among the samples counted (provenance of the value)
        String count = "count(*)" + only + " AS n, avg(CASE WHEN s.demo THEN 1.0 ELSE 0 END)" + only;
        // filter is a constant of this module, never input; the category is joined only when it filters
        String join = filter.contains("c.") ? " JOIN spotcheck_category c ON c.code = s.category_code " : " ";
        var sql = jdbc.sql("SELECT s.unit_id, extract(month FROM s.sampled_on)::int AS m, " + count + " AS share "
                        + "FROM spotcheck_sample s" + join
                        + "WHERE NOT s.refused AND s.final_verdict IS NOT NULL AND s.sampled_on >= :from "
                        + "AND s.sampled_on < :to AND " + filter + " GROUP BY 1, 2")
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1));
        if (filter.contains(":keyFoods")) {
            sql = sql.param("keyFoods", SpotcheckService.keyFoods(plans));
        }
        return sql
                .query((rs, i) -> new ElementValue(rs.getLong(1), Period.month(year, rs.getInt(2)),
                        BigDecimal.valueOf(rs.getLong(3)), rs.getBigDecimal(4))).list();
    }

    /**
     * Every requested element from one scan of the samples: per indicator, tested and passed batches as
     * filtered counts of the same grouped rows (a unit and month appears for an indicator when it has
     * tested batches, as with {@link #values(String, int)}).
     */
    @Override
    public Map<String, List<ElementValue>> values(Collection<String> elements, int year) {
        List<String> indicators = elements.stream().filter(SpotcheckService.ELEMENTS::contains)
                .map(e -> e.substring(0, 2)).distinct().sorted().toList();
        Map<String, List<ElementValue>> out = new LinkedHashMap<>();
        elements.forEach(e -> out.put(e, new ArrayList<>()));
        if (indicators.isEmpty()) {
            return out;
        }
        // filters are constants of this module, never input; the category is joined only when one filters on it
        StringBuilder cols = new StringBuilder();
        StringBuilder any = new StringBuilder();
        boolean category = false;
        for (String ind : indicators) {
            String filter = SpotcheckService.INDICATOR_FILTER.get(ind);
            category |= filter.contains("c.");
            String pass = "s.final_verdict = 'PASS' AND " + filter;
            // tested and passed batches, and the share of demo samples among each (provenance of the value)
            cols.append(", count(*) FILTER (WHERE ").append(filter).append(")")
                    .append(", count(*) FILTER (WHERE ").append(pass).append(")")
                    .append(", avg(CASE WHEN s.demo THEN 1.0 ELSE 0 END) FILTER (WHERE ").append(filter).append(")")
                    .append(", avg(CASE WHEN s.demo THEN 1.0 ELSE 0 END) FILTER (WHERE ").append(pass).append(")");
            any.append(any.isEmpty() ? "" : " OR ").append('(').append(filter).append(')');
        }
        String join = category ? " LEFT JOIN spotcheck_category c ON c.code = s.category_code " : " ";
        var sql = jdbc.sql("SELECT s.unit_id, extract(month FROM s.sampled_on)::int AS m" + cols + " FROM spotcheck_sample s"
                        + join + "WHERE NOT s.refused AND s.final_verdict IS NOT NULL AND s.sampled_on >= :from "
                        + "AND s.sampled_on < :to AND (" + any + ") GROUP BY 1, 2")
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1));
        if (any.indexOf(":keyFoods") >= 0) {
            sql = sql.param("keyFoods", SpotcheckService.keyFoods(plans));
        }
        sql.query(rs -> {
                    long unit = rs.getLong(1);
                    Period month = Period.month(year, rs.getInt(2));
                    for (int i = 0; i < indicators.size(); i++) {
                        int col = 3 + 4 * i;
                        long tested = rs.getLong(col);
                        if (tested == 0) {
                            continue;
                        }
                        List<ElementValue> t = out.get(indicators.get(i) + "_TESTED");
                        if (t != null) {
                            t.add(new ElementValue(unit, month, BigDecimal.valueOf(tested), rs.getBigDecimal(col + 2)));
                        }
                        List<ElementValue> pass = out.get(indicators.get(i) + "_PASSED");
                        if (pass != null) {
                            pass.add(new ElementValue(unit, month, BigDecimal.valueOf(rs.getLong(col + 1)),
                                    rs.getBigDecimal(col + 3)));
                        }
                    }
                });
        return out;
    }

    /** TESTED: the failing batches behind the rate (what a red cell needs); PASSED: the passed ones. */
    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        if (!SpotcheckService.ELEMENTS.contains(element)) {
            return null;
        }
        String verdict = element.endsWith("_TESTED") ? "FAIL" : "PASS";
        return "/spotchecks/samples?indicator=" + element.substring(0, 2) + "&unit="
                + URLEncoder.encode(unitCode, StandardCharsets.UTF_8) + "&period=" + period.id() + "&verdict=" + verdict;
    }
}
