package org.qualitycity.complaint.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Volumes and hotspots, all computed in SQL over the caller's scope; repeats are never counted. */
@Service
public class ComplaintStats {

    public record Count(String key, long count) {
    }

    public record Growth(String key, long count, long previous) {
    }

    public record Stats(LocalDate from, LocalDate to, long total, long previousPeriod, long sameLastYear,
                        Double monthOnMonthPct, Double yearOnYearPct, List<Count> byChannel, List<Count> byType,
                        List<Count> byCategory, List<Count> byDistrict, List<Count> topRespondents,
                        List<Count> topSubcategories, List<Growth> emergingSubcategories, Double avgDaysToDecision,
                        Double p90DaysToDecision, Double avgDaysToClosure, Double p90DaysToClosure,
                        Double mediationSuccessPct, BigDecimal moneyRecovered, List<Count> satisfaction) {
    }

    private final JdbcClient jdbc;

    ComplaintStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Statistics of cases received from {@code from} to {@code to} (whole months); default the last complete month. */
    public Stats stats(YearMonth from, YearMonth to, CurrentUser user) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusYears(20).isBefore(to)) {
            throw new ValidationException("from", "at most twenty years");
        }
        LocalDate f = from.atDay(1);
        LocalDate t = to.atEndOfMonth();
        int months = (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
        var scope = user.scope();
        String base = " FROM complaint_case c JOIN platform_unit d ON d.id = c.district_unit_id WHERE c.repeat_of_id IS NULL AND "
                + scope.predicate("c.unit_id", "c.created_by");
        String range = " AND c.received_on BETWEEN :f AND :t";
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("f", Date.valueOf(f));
        p.put("t", Date.valueOf(t));
        p.put("pf", Date.valueOf(f.minusMonths(months)));
        p.put("pt", Date.valueOf(f.minusDays(1)));
        p.put("yf", Date.valueOf(f.minusYears(1)));
        p.put("yt", Date.valueOf(t.minusYears(1)));
        var totals = jdbc.sql("SELECT count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t), "
                        + "count(*) FILTER (WHERE c.received_on BETWEEN :pf AND :pt), "
                        + "count(*) FILTER (WHERE c.received_on BETWEEN :yf AND :yt)" + base
                        + " AND c.received_on BETWEEN LEAST(CAST(:pf AS date), CAST(:yf AS date)) AND :t")
                .params(p).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        var times = jdbc.sql("SELECT avg(c.decided_on - c.received_on), "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY c.decided_on - c.received_on), "
                        + "avg(c.handled_on - c.received_on) FILTER (WHERE c.handled_on IS NOT NULL), "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY c.handled_on - c.received_on), "
                        + "100.0 * count(*) FILTER (WHERE c.outcome = 'AGREEMENT') "
                        + "  / NULLIF(count(*) FILTER (WHERE c.outcome IN ('AGREEMENT', 'NO_AGREEMENT')), 0), "
                        + "COALESCE(sum(c.money_recovered), 0)" + base + range)
                .params(p).query((rs, n) -> new Object[]{num(rs.getObject(1)), num(rs.getObject(2)), num(rs.getObject(3)),
                        num(rs.getObject(4)), num(rs.getObject(5)), rs.getBigDecimal(6)}).single();
        List<Growth> emerging = jdbc.sql("SELECT COALESCE(c.subcategory, c.category), "
                        + "count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t) AS cur, "
                        + "count(*) FILTER (WHERE c.received_on BETWEEN :pf AND :pt) AS prev" + base
                        + " AND c.received_on BETWEEN :pf AND :t GROUP BY 1 HAVING count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t) >= 5"
                        + " ORDER BY (count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t) + 1.0)"
                        + " / (count(*) FILTER (WHERE c.received_on BETWEEN :pf AND :pt) + 1.0) DESC, 1 LIMIT 5")
                .params(p).query((rs, n) -> new Growth(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        // every breakdown in one scan (GROUPING SETS); the set of a row is told by which key is not grouped away
        String[] exprs = {"c.channel", "c.type", "c.category", "d.code", "c.respondent_name",
                "COALESCE(c.subcategory, c.category)", "c.satisfaction"};
        int[] limits = {20, 20, 20, 20, 10, 10, 5};
        List<List<Count>> groups = new java.util.ArrayList<>();
        for (int i = 0; i < exprs.length; i++) {
            groups.add(new java.util.ArrayList<>());
        }
        StringBuilder sets = new StringBuilder();
        StringBuilder which = new StringBuilder("CASE");
        for (int i = 0; i < exprs.length; i++) {
            sets.append(i == 0 ? "" : ", ").append('(').append(exprs[i]).append(')');
            which.append(" WHEN GROUPING(").append(exprs[i]).append(") = 0 THEN ").append(i);
        }
        which.append(" END");
        StringBuilder key = new StringBuilder("COALESCE(");
        for (int i = 0; i < exprs.length; i++) {
            key.append(i == 0 ? "" : ", ").append("CAST(").append(exprs[i]).append(" AS text)");
        }
        key.append(')');
        jdbc.sql("SELECT " + which + " AS g, " + key + " AS k, count(*) AS n" + base + range
                        + " GROUP BY GROUPING SETS (" + sets + ") ORDER BY 1, 3 DESC, 2")
                .params(p).query((rs, n) -> {
                    int g = rs.getInt(1);
                    String k = rs.getString(2);
                    if (k != null && groups.get(g).size() < limits[g]) {
                        groups.get(g).add(new Count(k, rs.getLong(3)));
                    }
                    return null;
                }).list();
        return new Stats(f, t, totals[0], totals[1], totals[2], pct(totals[0], totals[1]), pct(totals[0], totals[2]),
                groups.get(0), groups.get(1), groups.get(2), groups.get(3), groups.get(4), groups.get(5), emerging,
                (Double) times[0], (Double) times[1], (Double) times[2], (Double) times[3], (Double) times[4],
                (BigDecimal) times[5], groups.get(6));
    }

    private static Double num(Object o) {
        return o == null ? null : Math.round(((Number) o).doubleValue() * 10) / 10.0;
    }

    private static Double pct(long now, long before) {
        return before == 0 ? null : Math.round(1000.0 * (now - before) / before) / 10.0;
    }
}
