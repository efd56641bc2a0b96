package org.qualitycity.complaint.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
                        Double mediationSuccessPct, BigDecimal moneyRecovered, List<Count> satisfaction,
                        List<Count> byMonth, List<Growth> emergingRespondents) {
    }

    private static final Logger log = LoggerFactory.getLogger(ComplaintStats.class);
    /** Advisory lock key of folding the statistics deltas ('QCCMPSTF'). */
    static final long FOLD_LOCK = 0x5143434d50535446L;

    private final JdbcClient jdbc;

    ComplaintStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Statistics of cases received from {@code from} to {@code to} (whole months); default the last complete
     * month. From the monthly summary (plus the deltas not yet folded into it, so the answer is exact at any
     * time); a SELF-scoped caller, whose scope is the cases they created, is answered from the cases.
     */
    public Stats stats(YearMonth from, YearMonth to, CurrentUser user) {
        check(from, to);
        return user.scope("complaint").kind() == DataScope.Kind.SELF ? direct(from, to, user) : summary(from, to, user);
    }

    private static void check(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", Texts.msg("complaint.error.from-after-to"));
        }
        if (from.plusYears(20).isBefore(to)) {
            throw new ValidationException("from", Texts.msg("complaint.error.twenty-years"));
        }
    }

    /** The same statistics counted from the cases themselves (SELF scope; and the reference in tests). */
    Stats direct(YearMonth from, YearMonth to, CurrentUser user) {
        check(from, to);
        LocalDate f = from.atDay(1);
        LocalDate t = to.atEndOfMonth();
        int months = (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
        var scope = user.scope("complaint");
        String base = " FROM complaint_case c JOIN platform_unit d ON d.id = c.district_unit_id WHERE c.repeat_of_id IS NULL AND "
                + scope.predicate("c.unit_id", "c.created_by");
        String range = " AND c.received_on BETWEEN :f AND :t";
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("f", Date.valueOf(f));
        p.put("t", Date.valueOf(t));
        p.put("pf", Date.valueOf(f.minusMonths(months)));
        p.put("pt", Date.valueOf(f.minusDays(1)));
        p.put("yf", Date.valueOf(f.minusYears(1)));
        p.put("yt", Date.valueOf(to.minusYears(1).atEndOfMonth()));
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
        List<Growth> emerging = emergingDirect("COALESCE(c.subcategory, c.category)", base, p);
        List<Growth> emergingRespondents = emergingDirect("c.respondent_name", base, p);
        Map<String, Long> perMonth = new HashMap<>();
        jdbc.sql("SELECT to_char(c.received_on, 'YYYY-MM'), count(*)" + base + range + " GROUP BY 1").params(p)
                .query((rs, n) -> perMonth.put(rs.getString(1), rs.getLong(2))).list();
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
                (BigDecimal) times[5], groups.get(6), byMonth(from, to, perMonth), emergingRespondents);
    }

    /** The five keys of {@code expr} (at least five cases now) that grew fastest against the period before. */
    private List<Growth> emergingDirect(String expr, String base, Map<String, Object> p) {
        return jdbc.sql("SELECT " + expr + ", "
                        + "count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t) AS cur, "
                        + "count(*) FILTER (WHERE c.received_on BETWEEN :pf AND :pt) AS prev" + base
                        + " AND c.received_on BETWEEN :pf AND :t GROUP BY 1 HAVING count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t) >= 5"
                        + " ORDER BY (count(*) FILTER (WHERE c.received_on BETWEEN :f AND :t) + 1.0)"
                        + " / (count(*) FILTER (WHERE c.received_on BETWEEN :pf AND :pt) + 1.0) DESC, 1 LIMIT 5")
                .params(p).query((rs, n) -> new Growth(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Every month from {@code from} to {@code to} ("2026-01") with its count, zero where none. */
    private static List<Count> byMonth(YearMonth from, YearMonth to, Map<String, Long> counts) {
        List<Count> out = new java.util.ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(new Count(m.toString(), counts.getOrDefault(m.toString(), 0L)));
        }
        return out;
    }

    /** Ranks candidates by growth against the period before, ties by name in the database's collation. */
    private List<Growth> rank(List<Growth> candidates) {
        return candidates.isEmpty() ? List.of() : jdbc.sql("""
                        SELECT k, cur, prev FROM (SELECT unnest(CAST(:keys AS text[])) AS k, unnest(CAST(:cur AS bigint[])) AS cur,
                                                         unnest(CAST(:prev AS bigint[])) AS prev) x
                        ORDER BY (cur + 1.0) / (prev + 1.0) DESC, k LIMIT 5
                        """)
                .param("keys", candidates.stream().map(Growth::key).toArray(String[]::new))
                .param("cur", candidates.stream().map(Growth::count).toArray(Long[]::new))
                .param("prev", candidates.stream().map(Growth::previous).toArray(Long[]::new))
                .query((rs, n) -> new Growth(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Deltas older than this are folded into the monthly summary ({@code qc.complaint.stats-fold-ms}). */
    @Scheduled(fixedDelayString = "${qc.complaint.stats-fold-ms:60000}", initialDelayString = "${qc.complaint.stats-fold-delay-ms:15000}")
    void foldScheduled() {
        try {
            fold();
        } catch (RuntimeException e) {
            log.warn("Folding complaint statistics failed: {}", e.toString());
        }
    }

    /** Folds the committed deltas into the monthly summary, once per cluster at a time; returns the rows moved. */
    @Transactional
    public int fold() {
        if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", FOLD_LOCK).query(Boolean.class).single()) {
            return 0;
        }
        return jdbc.sql("""
                WITH moved AS (DELETE FROM complaint_stat_delta RETURNING *),
                     folded AS (INSERT INTO complaint_stat_month AS m (month, unit_id, dim, key, n, money)
                                SELECT month, unit_id, dim, key, sum(n), sum(money) FROM moved GROUP BY 1, 2, 3, 4
                                ON CONFLICT (month, unit_id, dim, key)
                                DO UPDATE SET n = m.n + excluded.n, money = m.money + excluded.money
                                RETURNING 1)
                SELECT (SELECT count(*) FROM moved)
                """).query(Integer.class).single();
    }

    private Stats summary(YearMonth from, YearMonth to, CurrentUser user) {
        LocalDate f = from.atDay(1);
        LocalDate t = to.atEndOfMonth();
        int months = (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
        var scope = user.scope("complaint");
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("f", Date.valueOf(f));
        p.put("t", Date.valueOf(to.atDay(1)));
        p.put("pf", Date.valueOf(from.minusMonths(months).atDay(1)));
        p.put("pt", Date.valueOf(from.minusMonths(1).atDay(1)));
        p.put("yf", Date.valueOf(from.minusYears(1).atDay(1)));
        p.put("yt", Date.valueOf(to.minusYears(1).atDay(1)));
        String pred = scope.predicate("s.unit_id", null);
        // one pass over the months of the three ranges (summary rows plus deltas not folded yet)
        String rows = "WITH s AS (SELECT s.month, s.dim, s.key, s.n, s.money FROM complaint_stat_month s WHERE " + pred
                + " AND s.month BETWEEN LEAST(CAST(:pf AS date), CAST(:yf AS date)) AND :t"
                + " UNION ALL SELECT s.month, s.dim, s.key, s.n, s.money FROM complaint_stat_delta s WHERE " + pred
                + " AND s.month BETWEEN LEAST(CAST(:pf AS date), CAST(:yf AS date)) AND :t),"
                + " g AS (SELECT s.dim, s.key,"
                + " COALESCE(sum(s.n) FILTER (WHERE s.month BETWEEN :f AND :t), 0) AS cur,"
                + " COALESCE(sum(s.n) FILTER (WHERE s.month BETWEEN :pf AND :pt), 0) AS prev,"
                + " COALESCE(sum(s.n) FILTER (WHERE s.month BETWEEN :yf AND :yt), 0) AS ly,"
                + " COALESCE(sum(s.money) FILTER (WHERE s.month BETWEEN :f AND :t), 0) AS money"
                + " FROM s GROUP BY 1, 2)"
                + " SELECT g.dim, CASE WHEN g.dim = 'district' THEN d.code ELSE g.key END AS k, g.cur, g.prev, g.ly, g.money"
                + " FROM g LEFT JOIN platform_unit d ON g.dim = 'district' AND CAST(d.id AS text) = g.key"
                + " ORDER BY 1, 3 DESC, 2";
        long[] totals = new long[3];
        BigDecimal[] money = {BigDecimal.ZERO};
        Map<String, List<Count>> groups = new HashMap<>();
        Map<String, Long> outcomes = new HashMap<>();
        java.util.TreeMap<Integer, Long> decided = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, Long> handled = new java.util.TreeMap<>();
        List<Growth> subcats = new java.util.ArrayList<>();
        List<Growth> respondents = new java.util.ArrayList<>();
        jdbc.sql(rows).params(p).query((rs, n) -> {
            String dim = rs.getString(1);
            String k = rs.getString(2);
            long cur = rs.getLong(3);
            switch (dim) {
                case "total" -> {
                    totals[0] = cur;
                    totals[1] = rs.getLong(4);
                    totals[2] = rs.getLong(5);
                    money[0] = rs.getBigDecimal(6);
                }
                case "outcome" -> outcomes.put(k, cur);
                case "decided" -> decided.merge(Integer.parseInt(k), cur, Long::sum);
                case "handled" -> handled.merge(Integer.parseInt(k), cur, Long::sum);
                default -> {
                    if ("subcat".equals(dim) && cur >= 5) {
                        subcats.add(new Growth(k, cur, rs.getLong(4)));
                    }
                    if ("respondent".equals(dim) && cur >= 5) {
                        respondents.add(new Growth(k, cur, rs.getLong(4)));
                    }
                    int limit = LIMITS.getOrDefault(dim, 0);
                    List<Count> list = groups.computeIfAbsent(dim, x -> new java.util.ArrayList<>());
                    if (cur > 0 && list.size() < limit) {
                        list.add(new Count(k, cur));
                    }
                }
            }
            return null;
        }).list();
        // emerging: growth against the period before, ties by name in the database's collation
        List<Growth> emerging = rank(subcats);
        Map<String, Long> perMonth = new HashMap<>();
        jdbc.sql("SELECT to_char(s.month, 'YYYY-MM'), sum(s.n) FROM (SELECT s.month, s.n FROM complaint_stat_month s WHERE "
                        + pred + " AND s.dim = 'total' AND s.month BETWEEN :f AND :t"
                        + " UNION ALL SELECT s.month, s.n FROM complaint_stat_delta s WHERE " + pred
                        + " AND s.dim = 'total' AND s.month BETWEEN :f AND :t) s GROUP BY 1").params(p)
                .query((rs, n) -> perMonth.put(rs.getString(1), rs.getLong(2))).list();
        long agreement = outcomes.getOrDefault("AGREEMENT", 0L);
        long mediated = agreement + outcomes.getOrDefault("NO_AGREEMENT", 0L);
        return new Stats(f, t, totals[0], totals[1], totals[2], pct(totals[0], totals[1]), pct(totals[0], totals[2]),
                list(groups, "channel"), list(groups, "type"), list(groups, "category"), list(groups, "district"),
                list(groups, "respondent"), list(groups, "subcat"), emerging, avg(decided), p90(decided), avg(handled),
                p90(handled), mediated == 0 ? null : num(BigDecimal.valueOf(100L * agreement)
                        .divide(BigDecimal.valueOf(mediated), java.math.MathContext.DECIMAL128)),
                money[0], list(groups, "satisfaction"), byMonth(from, to, perMonth), rank(respondents));
    }

    private static final Map<String, Integer> LIMITS = Map.of("channel", 20, "type", 20, "category", 20, "district", 20,
            "respondent", 10, "subcat", 10, "satisfaction", 5);

    private static List<Count> list(Map<String, List<Count>> groups, String dim) {
        return groups.getOrDefault(dim, List.of());
    }

    /** The mean of a histogram of days, as {@code avg} of integers computes it (numeric). */
    private static Double avg(java.util.SortedMap<Integer, Long> h) {
        long n = 0;
        long sum = 0;
        for (var e : h.entrySet()) {
            n += e.getValue();
            sum += e.getKey() * e.getValue();
        }
        return n == 0 ? null : num(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128));
    }

    /** {@code percentile_cont(0.9)} of a histogram of days, with PostgreSQL's interpolation. */
    private static Double p90(java.util.SortedMap<Integer, Long> h) {
        long n = h.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        double pos = 0.9 * (n - 1);
        long first = (long) Math.floor(pos);
        long second = (long) Math.ceil(pos);
        Double lo = null;
        Double hi = null;
        long seen = 0;
        for (var e : h.entrySet()) {
            seen += e.getValue();
            if (lo == null && first < seen) {
                lo = (double) e.getKey();
            }
            if (second < seen) {
                hi = (double) e.getKey();
                break;
            }
        }
        return num(lo + (pos - first) * (hi - lo));
    }

    private static Double num(Object o) {
        return o == null ? null : Math.round(((Number) o).doubleValue() * 10) / 10.0;
    }

    private static Double pct(long now, long before) {
        return before == 0 ? null : Math.round(1000.0 * (now - before) / before) / 10.0;
    }
}
