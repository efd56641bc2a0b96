package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Period;
import org.qualitycity.platform.Unit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation of element values: across time (months into quarters, halves, years) and up the unit tree (each
 * unit's value is the sum over itself and all units below it). Only submitted and approved values count; drafts
 * and returned values do not. The database selects and (for running totals) sums per unit and date; the roll-up
 * over periods and ancestors runs in Java over the unit tree's paths (issue 13).
 */
@Repository
class AggregationRepository {

    private final JdbcClient jdbc;

    AggregationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The ancestor-or-self ids of every unit, as the tree's materialised paths say: {@code a} is an ancestor of
     * {@code u} (or {@code u} itself) when {@code u.path} starts with {@code a.path} — the join {@code u.path LIKE
     * a.path || '%'} that the aggregation ran in SQL before (issue 13: the planner misjudged it and sorted on disk).
     */
    static Map<Long, long[]> ancestors(List<Unit> units) {
        Map<Long, long[]> out = new HashMap<>(units.size() * 2);
        for (Unit u : units) {
            if (u.path() == null) {
                continue;
            }
            long[] ids = new long[units.size()];
            int n = 0;
            for (Unit a : units) {
                if (a.path() != null && u.path().startsWith(a.path())) {
                    ids[n++] = a.id();
                }
            }
            out.put(u.id(), java.util.Arrays.copyOf(ids, n));
        }
        return out;
    }

    /**
     * Adds aggregates of the given elements for every period of {@code year} (months, quarters, halves, the year):
     * SUM, MAX and MIN over the unit and every unit below it; STOCK summed over units at the last reporting date in
     * the period; LATEST the unit's own latest value. One statement reads the year's raw values (submitted and
     * approved, not null) of every mode; the roll-up over periods and up the unit tree runs here, exactly as the
     * SQL aggregates it did (issue 13: the SQL roll-up joined every value to every ancestor and period and was
     * the recompute's largest cost). Exactness: sums, maxima and minima are exact decimals of the column's scale;
     * the demo share divides as PostgreSQL's numeric division does ({@link #pgDivide}). Where an element is asked
     * in more than one mode, the modes are put in the map's order, a later one replacing an earlier one's keys.
     */
    void aggregate(int year, Map<IndicatorCatalog.Mode, List<String>> elementsByMode, Map<Long, long[]> ancestors,
                   ElementAggregates into) {
        List<String> elements = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (List<String> list : elementsByMode.values()) {
            for (String e : list) {
                if (index.putIfAbsent(e, elements.size()) == null) {
                    elements.add(e);
                }
            }
        }
        if (elements.isEmpty()) {
            return;
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        List<Raw> rows = new ArrayList<>(elements.size() * 512);
        jdbc.sql("""
                        SELECT array_position(CAST(:elements AS text[]), CAST(v.element_code AS text)) - 1 AS e, v.unit_id,
                               v.period_start - CAST(:from AS date) AS s, v.period_end - CAST(:from AS date) AS f,
                               CASE WHEN abs(v.value) < 9000000000000 THEN CAST(v.value * 1000000 AS bigint) END AS scaled,
                               CASE WHEN abs(v.value) >= 9000000000000 THEN v.value END AS big,
                               v.status = 'APPROVED' AS approved, CAST(v.demo_share * 1000000 AS bigint) AS share, v.demo
                        FROM indicator_value v
                        WHERE v.period_start >= :from AND v.period_end <= :to
                          AND v.status IN ('SUBMITTED', 'APPROVED') AND v.value IS NOT NULL
                          AND v.element_code = ANY(CAST(:elements AS text[]))
                        """)
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .param("elements", elements.toArray(String[]::new))
                .query(rs -> {
                    int e = rs.getInt(1);
                    long unit = rs.getLong(2);
                    int s = rs.getInt(3);
                    int f = rs.getInt(4);
                    long scaled = rs.getLong(5);
                    // the column is numeric(24, 6): every value has scale 6, as PostgreSQL hands it over
                    BigDecimal value = rs.wasNull() ? rs.getBigDecimal(6) : BigDecimal.valueOf(scaled, 6);
                    boolean approved = rs.getBoolean(7);
                    long share = rs.getLong(8);
                    // coalesce(demo_share, CASE WHEN demo THEN 1 ELSE 0 END): numeric(7, 6), or an integer (scale 0)
                    BigDecimal demoShare = rs.wasNull() ? (rs.getBoolean(9) ? BigDecimal.ONE : BigDecimal.ZERO)
                            : BigDecimal.valueOf(share, 6);
                    rows.add(new Raw(e, unit, s, f, value, approved, demoShare, value.multiply(demoShare)));
                });
        // the year's periods as day offsets from 1 January; a value counts in every period that contains it
        List<Period> periods = Period.evaluatedIn(org.qualitycity.plan.IndicatorDefinition.PeriodType.MONTH, year);
        String[] periodIds = new String[periods.size()];
        int[] pStart = new int[periods.size()];
        int[] pEnd = new int[periods.size()];
        long base = from.toEpochDay();
        for (int i = 0; i < periods.size(); i++) {
            periodIds[i] = periods.get(i).id();
            pStart[i] = (int) (periods.get(i).start().toEpochDay() - base);
            pEnd[i] = (int) (periods.get(i).end().toEpochDay() - base);
        }
        Map<Long, int[]> containing = new HashMap<>();
        for (var entry : elementsByMode.entrySet()) {
            boolean[] inMode = new boolean[elements.size()];
            entry.getValue().forEach(e -> inMode[index.get(e)] = true);
            Map<GroupKey, Acc> groups = new HashMap<>();
            for (Raw r : rows) {
                if (!inMode[r.element()]) {
                    continue;
                }
                int[] ps = containing.computeIfAbsent(((long) r.start() << 32) | (r.end() & 0xffffffffL), k -> {
                    int[] hit = new int[periodIds.length];
                    int n = 0;
                    for (int i = 0; i < periodIds.length; i++) {
                        if (r.start() >= pStart[i] && r.end() <= pEnd[i]) {
                            hit[n++] = i;
                        }
                    }
                    return java.util.Arrays.copyOf(hit, n);
                });
                long[] over = entry.getKey() == IndicatorCatalog.Mode.LATEST ? new long[]{r.unitId()}
                        : ancestors.getOrDefault(r.unitId(), NONE);
                for (long unit : over) {
                    for (int p : ps) {
                        Acc a = groups.computeIfAbsent(new GroupKey(r.element(), unit, p), k -> new Acc());
                        a.add(entry.getKey(), r);
                    }
                }
            }
            for (var g : groups.entrySet()) {
                GroupKey k = g.getKey();
                Acc a = g.getValue();
                into.put(elements.get(k.element()), k.unitId(), periodIds[k.period()], a.value, a.approved,
                        entry.getKey() == IndicatorCatalog.Mode.LATEST ? a.share : a.demoShare());
            }
        }
    }

    private static final long[] NONE = new long[0];

    /**
     * One stored value: element index, unit, start and end as days from 1 January, value, approval, demo share, and
     * value × share (multiplied once per value, not once per group it counts in).
     */
    private record Raw(int element, long unitId, int start, int end, BigDecimal value, boolean approved,
                       BigDecimal share, BigDecimal weighted) {
    }

    private record GroupKey(int element, long unitId, int period) {
        @Override
        public int hashCode() {
            return (element * 31 + Long.hashCode(unitId)) * 31 + period;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupKey k && k.unitId == unitId && k.element == element && k.period == period;
        }
    }

    /**
     * One group's aggregate: the value (sum, max, min; for STOCK the sum at the latest reporting date; for LATEST
     * the latest value), bool_and of approval, and the sums behind the demo share.
     */
    private static final class Acc {
        BigDecimal value;
        boolean approved = true;
        BigDecimal sum;
        BigDecimal sumWeighted;
        BigDecimal sumShare;
        long count;
        int latestEnd = Integer.MIN_VALUE;
        BigDecimal share;

        void add(IndicatorCatalog.Mode mode, Raw r) {
            switch (mode) {
                case LATEST -> {
                    // DISTINCT ON … ORDER BY period_end DESC: the value that ends last (the first of equals)
                    if (r.end() > latestEnd) {
                        latestEnd = r.end();
                        value = r.value();
                        approved = r.approved();
                        share = r.share();
                    }
                    return;
                }
                case STOCK -> {
                    // summed per reporting date; the period keeps the last date's group
                    if (r.end() < latestEnd) {
                        return;
                    }
                    if (r.end() > latestEnd) {
                        latestEnd = r.end();
                        value = null;
                        approved = true;
                        sum = null;
                        sumWeighted = null;
                        sumShare = null;
                        count = 0;
                    }
                    value = value == null ? r.value() : value.add(r.value());
                }
                case SUM -> value = value == null ? r.value() : value.add(r.value());
                case MAX -> value = value == null || r.value().compareTo(value) > 0 ? r.value() : value;
                case MIN -> value = value == null || r.value().compareTo(value) < 0 ? r.value() : value;
            }
            approved &= r.approved();
            sum = sum == null ? r.value() : sum.add(r.value());
            sumWeighted = sumWeighted == null ? r.weighted() : sumWeighted.add(r.weighted());
            sumShare = sumShare == null ? r.share() : sumShare.add(r.share());
            count++;
        }

        /** coalesce(sum(value × share) / nullif(sum(value), 0), avg(share)), divided as PostgreSQL divides. */
        BigDecimal demoShare() {
            return sum.signum() != 0 ? pgDivide(sumWeighted, sum) : pgDivide(sumShare, BigDecimal.valueOf(count));
        }
    }

    /**
     * {@code a / b} as PostgreSQL's numeric division computes it (numeric.c, {@code select_div_scale}): at least 16
     * significant digits, no fewer decimals than either input's scale, rounded half away from zero.
     */
    static BigDecimal pgDivide(BigDecimal a, BigDecimal b) {
        int w1 = weight(a);
        int w2 = weight(b);
        int qweight = w1 - w2;
        if (firstDigit(a, w1) <= firstDigit(b, w2)) {
            qweight--;
        }
        int rscale = 16 - qweight * 4;
        rscale = Math.max(rscale, Math.max(a.scale(), b.scale()));
        rscale = Math.max(rscale, 0);
        rscale = Math.min(rscale, 1000);
        return a.divide(b, rscale, java.math.RoundingMode.HALF_UP);
    }

    /** The weight of the first base-10 000 digit (PostgreSQL's numeric storage); 0 for zero. */
    private static int weight(BigDecimal x) {
        if (x.signum() == 0) {
            return 0;
        }
        return Math.floorDiv(x.precision() - x.scale() - 1, 4);
    }

    /** The first base-10 000 digit; 0 for zero. */
    private static int firstDigit(BigDecimal x, int weight) {
        if (x.signum() == 0) {
            return 0;
        }
        return x.abs().movePointLeft(4 * weight).setScale(0, java.math.RoundingMode.FLOOR).intValueExact();
    }

    /** One reporting date's total of an element for a unit (itself and everything below it). */
    record DatedSum(String element, long unitId, String member, LocalDate periodEnd, java.math.BigDecimal value) {
    }

    /**
     * Running-total inputs: per element, unit (summed up the tree) and the end date of the values, the sum of
     * values that end on or after {@code since} (the plan's start: a period that overlaps it counts) and on or
     * before {@code until} (the due date), submitted or approved. With {@code members}, per breakdown member.
     */
    List<DatedSum> datedSums(List<String> elements, LocalDate since, LocalDate until, boolean members,
                             Map<Long, long[]> ancestors) {
        if (elements.isEmpty()) {
            return List.of();
        }
        // summed per unit here, then added to each of its ancestors (RunningTotals adds equal keys): the same exact
        // sums as grouping by ancestor in SQL, without joining every value to every ancestor
        String sql = members ? """
                SELECT m.element_code, v.unit_id, m.member, v.period_end, sum(m.value)
                FROM indicator_value_member m
                JOIN indicator_value v ON v.element_code = m.element_code AND v.unit_id = m.unit_id AND v.period = m.period
                WHERE v.period_end >= :since AND v.period_end <= :until
                  AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                GROUP BY m.element_code, v.unit_id, m.member, v.period_end
                """ : """
                SELECT v.element_code, v.unit_id, NULL, v.period_end, sum(v.value)
                FROM indicator_value v
                WHERE v.period_end >= :since AND v.period_end <= :until AND v.value IS NOT NULL
                  AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                GROUP BY v.element_code, v.unit_id, v.period_end
                """;
        List<DatedSum> out = new ArrayList<>();
        jdbc.sql(sql).param("since", Date.valueOf(since)).param("until", Date.valueOf(until))
                .param("elements", elements.toArray(String[]::new))
                .query(rs -> {
                    String element = rs.getString(1);
                    long unit = rs.getLong(2);
                    String member = rs.getString(3);
                    LocalDate end = rs.getDate(4).toLocalDate();
                    BigDecimal value = rs.getBigDecimal(5);
                    for (long a : ancestors.getOrDefault(unit, NONE)) {
                        out.add(new DatedSum(element, a, member, end, value));
                    }
                });
        return out;
    }
}
