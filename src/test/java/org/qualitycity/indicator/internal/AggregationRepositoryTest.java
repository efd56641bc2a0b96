package org.qualitycity.indicator.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Units;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the recompute rolls element values up over periods and the unit tree in Java instead of in SQL. Every
 * aggregate — value, approval and demo share, scale included — equals what the SQL roll-up it replaced returns for
 * the same rows (kept here as the reference): random values with six decimals, negatives and zero sums, demo shares
 * and demo flags, every status, monthly and quarterly values, units at every level; each mode, an element asked in two
 * modes, and the running totals' dated sums per unit and breakdown member.
 */
@QcIntegrationTest
class AggregationRepositoryTest {

    private static final int YEAR = 2991;

    @Autowired
    AggregationRepository aggregation;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private static final String ANC = """
            WITH anc AS (SELECT u.id AS uid, a.id AS aid FROM platform_unit u
                         JOIN platform_unit a ON u.path LIKE a.path || '%')
            """;
    private static final String DEMO = "coalesce(v.demo_share, CASE WHEN v.demo THEN 1 ELSE 0 END)";
    private static final String RANGE = """
            JOIN unnest(CAST(:pids AS text[]), CAST(:pstarts AS date[]), CAST(:pends AS date[]))
                 AS p(pid, pstart, pend) ON v.period_start >= p.pstart AND v.period_end <= p.pend
            WHERE v.period_start >= :from AND v.period_end <= :to
              AND v.status IN ('SUBMITTED', 'APPROVED') AND v.value IS NOT NULL
              AND v.element_code = ANY(CAST(:elements AS text[]))
            """;

    /** The SQL roll-up the recompute ran before issue 13's change, per mode. */
    private static String reference(IndicatorCatalog.Mode mode) {
        String share = "coalesce(sum(v.value * " + DEMO + ") / nullif(sum(v.value), 0), avg(" + DEMO + ")) AS demo_share";
        return switch (mode) {
            case SUM, MAX, MIN -> ANC + "SELECT v.element_code, anc.aid, p.pid, " + mode.name().toLowerCase()
                    + "(v.value), bool_and(v.status = 'APPROVED'), " + share
                    + " FROM indicator_value v JOIN anc ON anc.uid = v.unit_id " + RANGE
                    + " GROUP BY v.element_code, anc.aid, p.pid";
            case STOCK -> ANC + "SELECT DISTINCT ON (s.element_code, s.aid, s.pid) s.element_code, s.aid, s.pid, s.value,"
                    + " s.approved, s.demo_share FROM (SELECT v.element_code, anc.aid, p.pid, v.period_end,"
                    + " sum(v.value) AS value, bool_and(v.status = 'APPROVED') AS approved, " + share
                    + " FROM indicator_value v JOIN anc ON anc.uid = v.unit_id " + RANGE
                    + " GROUP BY v.element_code, anc.aid, p.pid, v.period_end) s"
                    + " ORDER BY s.element_code, s.aid, s.pid, s.period_end DESC";
            case LATEST -> "SELECT DISTINCT ON (v.element_code, v.unit_id, p.pid) v.element_code, v.unit_id, p.pid,"
                    + " v.value, v.status = 'APPROVED', " + DEMO + " FROM indicator_value v " + RANGE
                    + " ORDER BY v.element_code, v.unit_id, p.pid, v.period_end DESC";
        };
    }

    @Test
    void javaRollUpEqualsTheSqlRollUpItReplaced() {
        tx.executeWithoutResult(s -> {
            List<Long> unitIds = jdbc.sql("SELECT id FROM platform_unit WHERE path IS NOT NULL ORDER BY id")
                    .query(Long.class).list();
            Random r = new Random(13);
            String[] statuses = {"APPROVED", "APPROVED", "SUBMITTED", "DRAFT", "RETURNED"};
            String[] elements = {"T13AGG_SUM", "T13AGG_MAX", "T13AGG_MIN", "T13AGG_STOCK", "T13AGG_LATEST", "T13AGG_TWO"};
            for (String e : elements) {
                for (long unit : unitIds) {
                    if (r.nextInt(3) == 0) {
                        continue;
                    }
                    for (int m = 1; m <= 12; m++) {
                        if (r.nextInt(4) == 0) {
                            continue;
                        }
                        insert(r, e, unit, String.format("%d%02d", YEAR, m), "MONTH", LocalDate.of(YEAR, m, 1),
                                LocalDate.of(YEAR, m, 1).plusMonths(1).minusDays(1), statuses);
                    }
                    if (!e.endsWith("LATEST") && !e.endsWith("TWO")) {
                        // quarterly values end on a month's end too: STOCK sums them with that date's monthly values
                        for (int q = 1; q <= 4; q++) {
                            if (r.nextBoolean()) {
                                insert(r, e, unit, YEAR + "Q" + q, "QUARTER", LocalDate.of(YEAR, q * 3 - 2, 1),
                                        LocalDate.of(YEAR, q * 3, 1).plusMonths(1).minusDays(1), statuses);
                            }
                        }
                    }
                }
            }
            // a zero sum: the demo share falls back to the average share
            long leaf = unitIds.get(unitIds.size() - 1);
            jdbc.sql("DELETE FROM indicator_value WHERE element_code = 'T13AGG_SUM' AND period IN ('299106', '299107')").update();
            for (String[] v : new String[][]{{"299106", "5.250000", "0.250000"}, {"299107", "-5.250000", null}}) {
                jdbc.sql("""
                        INSERT INTO indicator_value (element_code, unit_id, period, period_type, period_start, period_end,
                                                     value, source, status, demo, demo_share)
                        VALUES ('T13AGG_SUM', :u, :p, 'MONTH', :s, :e, CAST(:v AS numeric), 'REPORTED', 'APPROVED', true,
                                CAST(:d AS numeric))
                        """).param("u", leaf).param("p", v[0])
                        .param("s", Date.valueOf(LocalDate.of(YEAR, Integer.parseInt(v[0].substring(4)), 1)))
                        .param("e", Date.valueOf(LocalDate.of(YEAR, Integer.parseInt(v[0].substring(4)), 1).plusMonths(1).minusDays(1)))
                        .param("v", v[1]).param("d", v[2]).update();
            }
            Map<Long, long[]> ancestors = AggregationRepository.ancestors(units.all());
            int compared = 0;
            for (IndicatorCatalog.Mode mode : IndicatorCatalog.Mode.values()) {
                String element = "T13AGG_" + mode.name();
                Map<IndicatorCatalog.Mode, List<String>> modes = new EnumMap<>(IndicatorCatalog.Mode.class);
                modes.put(mode, List.of(element));
                compared += compare(modes, ancestors);
            }
            // one element in two modes: the later mode's keys replace the earlier's (the map's order)
            Map<IndicatorCatalog.Mode, List<String>> two = new EnumMap<>(IndicatorCatalog.Mode.class);
            two.put(IndicatorCatalog.Mode.SUM, List.of("T13AGG_TWO", "T13AGG_SUM"));
            two.put(IndicatorCatalog.Mode.LATEST, List.of("T13AGG_TWO"));
            compared += compare(two, ancestors);
            assertThat(compared).isGreaterThan(1000);

            // running totals: dated sums per unit, added up the tree here, equal the SQL's sums per ancestor
            jdbc.sql("""
                    INSERT INTO indicator_value_member (element_code, unit_id, period, member, value)
                    SELECT element_code, unit_id, period, m, abs(value) / 3 FROM indicator_value, unnest(ARRAY['甲', 'B']) m
                    WHERE element_code = 'T13AGG_SUM' AND period_start >= :s AND value IS NOT NULL
                    """).param("s", Date.valueOf(LocalDate.of(YEAR, 1, 1))).update();
            for (boolean members : new boolean[]{false, true}) {
                Map<String, BigDecimal> expected = new HashMap<>();
                jdbc.sql(members ? ANC + """
                                SELECT m.element_code, anc.aid, m.member, v.period_end, sum(m.value)
                                FROM indicator_value_member m
                                JOIN indicator_value v ON v.element_code = m.element_code AND v.unit_id = m.unit_id AND v.period = m.period
                                JOIN anc ON anc.uid = v.unit_id
                                WHERE v.period_end >= :since AND v.period_end <= :until
                                  AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                                GROUP BY m.element_code, anc.aid, m.member, v.period_end
                                """ : ANC + """
                                SELECT v.element_code, anc.aid, NULL, v.period_end, sum(v.value)
                                FROM indicator_value v JOIN anc ON anc.uid = v.unit_id
                                WHERE v.period_end >= :since AND v.period_end <= :until AND v.value IS NOT NULL
                                  AND v.status IN ('SUBMITTED', 'APPROVED') AND v.element_code = ANY(CAST(:elements AS text[]))
                                GROUP BY v.element_code, anc.aid, v.period_end
                                """)
                        .param("since", Date.valueOf(LocalDate.of(YEAR, 2, 15)))
                        .param("until", Date.valueOf(LocalDate.of(YEAR, 11, 30)))
                        .param("elements", new String[]{"T13AGG_SUM", "T13AGG_STOCK"})
                        .query(rs -> {
                            expected.put(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getDate(4),
                                    rs.getBigDecimal(5));
                        });
                Map<String, BigDecimal> actual = new HashMap<>();
                aggregation.datedSums(List.of("T13AGG_SUM", "T13AGG_STOCK"), LocalDate.of(YEAR, 2, 15),
                                LocalDate.of(YEAR, 11, 30), members, ancestors)
                        .forEach(d -> actual.merge(d.element() + "|" + d.unitId() + "|" + d.member() + "|"
                                + Date.valueOf(d.periodEnd()), d.value(), BigDecimal::add));
                assertThat(expected).isNotEmpty();
                assertThat(actual).isEqualTo(expected);
            }
            s.setRollbackOnly();
        });
    }

    private void insert(Random r, String element, long unit, String period, String type, LocalDate start, LocalDate end,
                        String[] statuses) {
        boolean nullValue = r.nextInt(20) == 0;
        BigDecimal value = BigDecimal.valueOf(r.nextLong(-2_000_000_000L, 50_000_000_000L), 6);
        int share = r.nextInt(4);
        jdbc.sql("""
                INSERT INTO indicator_value (element_code, unit_id, period, period_type, period_start, period_end, value,
                                             source, status, demo, demo_share)
                VALUES (:e, :u, :p, :t, :s, :f, :v, 'REPORTED', :st, :demo, :share)
                """).param("e", element).param("u", unit).param("p", period).param("t", type)
                .param("s", Date.valueOf(start)).param("f", Date.valueOf(end)).param("v", nullValue ? null : value)
                .param("st", statuses[r.nextInt(statuses.length)]).param("demo", share == 1)
                .param("share", share == 0 ? BigDecimal.valueOf(r.nextInt(1_000_001), 6) : null).update();
    }

    /** Both roll-ups of these modes (puts in the map's order): every key, value, approval and demo share equal. */
    private int compare(Map<IndicatorCatalog.Mode, List<String>> modes, Map<Long, long[]> ancestors) {
        List<org.qualitycity.indicator.Period> periods = org.qualitycity.indicator.Period.evaluatedIn(
                org.qualitycity.plan.IndicatorDefinition.PeriodType.MONTH, YEAR);
        Map<String, ElementAggregates.Agg> expected = new HashMap<>();
        modes.forEach((mode, elements) -> jdbc.sql(reference(mode))
                .param("pids", periods.stream().map(org.qualitycity.indicator.Period::id).toArray(String[]::new))
                .param("pstarts", periods.stream().map(p -> Date.valueOf(p.start())).toArray(Date[]::new))
                .param("pends", periods.stream().map(p -> Date.valueOf(p.end())).toArray(Date[]::new))
                .param("from", Date.valueOf(LocalDate.of(YEAR, 1, 1))).param("to", Date.valueOf(LocalDate.of(YEAR, 12, 31)))
                .param("elements", elements.toArray(String[]::new))
                .query(rs -> {
                    expected.put(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3),
                            new ElementAggregates.Agg(rs.getBigDecimal(4), rs.getBoolean(5), rs.getBigDecimal(6)));
                }));
        ElementAggregates actual = new ElementAggregates();
        aggregation.aggregate(YEAR, modes, ancestors, actual);
        List<String> differences = new ArrayList<>();
        expected.forEach((key, agg) -> {
            String[] k = key.split("\\|");
            ElementAggregates.Agg got = actual.get(k[0], Long.parseLong(k[1]), k[2]);
            if (!agg.equals(got)) {
                differences.add(key + ": SQL " + agg + ", Java " + got);
            }
        });
        assertThat(differences).isEmpty();
        assertThat(actual.size()).isEqualTo(expected.size());
        return expected.size();
    }
}
