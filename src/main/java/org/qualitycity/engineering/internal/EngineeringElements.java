package org.qualitycity.engineering.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E1–E6 from the project records, per district of the project and month (E4 per year), computed in the database:
 * <ul>
 *   <li>E1: large and medium projects (size class from {@code engineering_size_threshold}) whose first completion
 *       acceptance fell in the month; passed = the first acceptance passed (一次验收合格).</li>
 *   <li>E2: residential projects (residential and affordable housing) whose first acceptance fell in the month;
 *       passed = they passed completion acceptance, at the first attempt or a re-acceptance.</li>
 *   <li>E3: affordable-housing projects, as E1.</li>
 *   <li>E4: awards 鲁班奖 and 楚天杯 of the year (by the day awarded), per district of the project; 0 for a district
 *       with projects and no award.</li>
 *   <li>E5: quality accidents per month; 0 for a month of a district with started projects and no accident.</li>
 *   <li>E6: projects started in the month; compliant = their energy-efficiency design review (施工图节能审查)
 *       passed.</li>
 * </ul>
 * No value is invented: a district without records has no value.
 */
@Component
class EngineeringElements implements ComputedElementProvider {

    static final String E1_PASSED = "E1_PASSED_FIRST";
    static final String E1_ACCEPTED = "E1_ACCEPTED";
    static final String E2_PASSED = "E2_PASSED";
    static final String E2_ACCEPTED = "E2_ACCEPTED";
    static final String E3_PASSED = "E3_PASSED_FIRST";
    static final String E3_ACCEPTED = "E3_ACCEPTED";
    static final String E4 = "E4_AWARDS";
    static final String E5 = "E5_ACCIDENTS";
    static final String E6_COMPLIANT = "E6_COMPLIANT";
    static final String E6_STARTED = "E6_STARTED";
    static final Set<String> ACCEPTANCE = Set.of(E1_PASSED, E1_ACCEPTED, E2_PASSED, E2_ACCEPTED, E3_PASSED, E3_ACCEPTED);
    private static final List<String> ALL = List.of(E1_PASSED, E1_ACCEPTED, E2_PASSED, E2_ACCEPTED, E3_PASSED,
            E3_ACCEPTED, E4, E5, E6_COMPLIANT, E6_STARTED);
    private static final String DEMO = "avg(CASE WHEN p.demo THEN 1.0 ELSE 0 END)";

    private final JdbcClient jdbc;
    private final Clock clock;

    EngineeringElements(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Set<String> elements() {
        return Set.copyOf(ALL);
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        return values(List.of(element), year).getOrDefault(element, List.of());
    }

    @Override
    public Map<String, List<ElementValue>> values(Collection<String> elements, int year) {
        Map<String, List<ElementValue>> out = new LinkedHashMap<>();
        elements.forEach(e -> out.put(e, ALL.contains(e) ? new ArrayList<>() : List.of()));
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate end = LocalDate.of(year, 12, 31);
        if (elements.stream().anyMatch(ACCEPTANCE::contains)) {
            jdbc.sql("""
                            SELECT p.unit_id, extract(month FROM a.accepted_on)::int,
                                   count(*) FILTER (WHERE c.size_class IN ('LARGE', 'MEDIUM')),
                                   count(*) FILTER (WHERE c.size_class IN ('LARGE', 'MEDIUM') AND a.passed),
                                   %1$s FILTER (WHERE c.size_class IN ('LARGE', 'MEDIUM')),
                                   count(*) FILTER (WHERE p.kind IN ('RESIDENTIAL', 'AFFORDABLE_HOUSING')),
                                   count(*) FILTER (WHERE p.kind IN ('RESIDENTIAL', 'AFFORDABLE_HOUSING') AND EXISTS (
                                       SELECT 1 FROM engineering_acceptance b WHERE b.project_id = p.id AND b.passed)),
                                   %1$s FILTER (WHERE p.kind IN ('RESIDENTIAL', 'AFFORDABLE_HOUSING')),
                                   count(*) FILTER (WHERE p.kind = 'AFFORDABLE_HOUSING'),
                                   count(*) FILTER (WHERE p.kind = 'AFFORDABLE_HOUSING' AND a.passed),
                                   %1$s FILTER (WHERE p.kind = 'AFFORDABLE_HOUSING')
                            FROM engineering_project p
                                 JOIN engineering_acceptance a ON a.project_id = p.id AND a.attempt = 1
                                 JOIN engineering_project_class c ON c.id = p.id
                            WHERE a.accepted_on BETWEEN :start AND :end
                            GROUP BY 1, 2""".formatted(DEMO))
                    .param("start", start).param("end", end)
                    .query(rs -> {
                        long unit = rs.getLong(1);
                        Period month = Period.month(year, rs.getInt(2));
                        String[][] families = {{E1_ACCEPTED, E1_PASSED}, {E2_ACCEPTED, E2_PASSED}, {E3_ACCEPTED, E3_PASSED}};
                        for (int f = 0; f < 3; f++) {
                            long den = rs.getLong(3 + 3 * f);
                            if (den == 0) {
                                continue;
                            }
                            BigDecimal demo = rs.getBigDecimal(5 + 3 * f);
                            add(out, families[f][0], new ElementValue(unit, month, BigDecimal.valueOf(den), demo));
                            add(out, families[f][1], new ElementValue(unit, month, BigDecimal.valueOf(rs.getLong(4 + 3 * f)),
                                    demo));
                        }
                    });
        }
        if (elements.contains(E6_STARTED) || elements.contains(E6_COMPLIANT)) {
            jdbc.sql("SELECT p.unit_id, extract(month FROM p.start_date)::int, count(*), "
                            + "count(*) FILTER (WHERE p.energy_review = 'PASSED'), " + DEMO
                            + " FROM engineering_project p WHERE p.start_date BETWEEN :start AND :end GROUP BY 1, 2")
                    .param("start", start).param("end", end)
                    .query(rs -> {
                        Period month = Period.month(year, rs.getInt(2));
                        BigDecimal demo = rs.getBigDecimal(5);
                        add(out, E6_STARTED, new ElementValue(rs.getLong(1), month, BigDecimal.valueOf(rs.getLong(3)), demo));
                        add(out, E6_COMPLIANT, new ElementValue(rs.getLong(1), month, BigDecimal.valueOf(rs.getLong(4)), demo));
                    });
        }
        LocalDate today = LocalDate.now(clock);
        int lastMonth = year < today.getYear() ? 12 : year == today.getYear() ? today.getMonthValue() : 0;
        if (elements.contains(E5) && lastMonth > 0) {
            // every month of a district with projects started by then: the accidents of the month, 0 when none
            jdbc.sql("""
                            SELECT d.unit_id, m.m, count(x.id),
                                   COALESCE(avg(CASE WHEN x.demo THEN 1.0 ELSE 0 END), min(d.demo))
                            FROM (SELECT p.unit_id, min(p.start_date) AS first_start, %s AS demo
                                  FROM engineering_project p WHERE p.start_date <= :end GROUP BY p.unit_id) d
                                 CROSS JOIN generate_series(1, :last) AS m(m)
                                 LEFT JOIN (SELECT x.id, x.demo, p.unit_id, extract(month FROM x.occurred_on)::int AS m
                                            FROM engineering_accident x JOIN engineering_project p ON p.id = x.project_id
                                            WHERE x.occurred_on BETWEEN :start AND :end) x
                                        ON x.unit_id = d.unit_id AND x.m = m.m
                            WHERE make_date(:year, m.m, 1) + interval '1 month' > d.first_start OR x.id IS NOT NULL
                            GROUP BY d.unit_id, m.m""".formatted(DEMO))
                    .param("start", start).param("end", end).param("last", lastMonth).param("year", year)
                    .query(rs -> {
                        add(out, E5, new ElementValue(rs.getLong(1), Period.month(year, rs.getInt(2)),
                                BigDecimal.valueOf(rs.getLong(3)), rs.getBigDecimal(4)));
                    });
        }
        if (elements.contains(E4) && lastMonth > 0) {
            jdbc.sql("""
                            SELECT d.unit_id, count(w.id), COALESCE(avg(CASE WHEN w.demo THEN 1.0 ELSE 0 END), min(d.demo))
                            FROM (SELECT p.unit_id, %s AS demo FROM engineering_project p
                                  WHERE p.start_date <= :end GROUP BY p.unit_id) d
                                 LEFT JOIN (SELECT w.id, w.demo, p.unit_id FROM engineering_award w
                                            JOIN engineering_project p ON p.id = w.project_id
                                            WHERE w.kind IN ('LUBAN', 'CHUTIAN') AND w.awarded_on BETWEEN :start AND :end) w
                                        ON w.unit_id = d.unit_id
                            GROUP BY d.unit_id""".formatted(DEMO))
                    .param("start", start).param("end", end)
                    .query(rs -> {
                        add(out, E4, new ElementValue(rs.getLong(1), Period.year(year), BigDecimal.valueOf(rs.getLong(2)),
                                rs.getBigDecimal(3)));
                    });
        }
        return out;
    }

    private static void add(Map<String, List<ElementValue>> out, String element, ElementValue v) {
        List<ElementValue> list = out.get(element);
        if (list != null) {
            list.add(v);
        }
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        if (!ALL.contains(element)) {
            return null;
        }
        String indicator = element.substring(0, 2);
        String link = "/projects?indicator=" + indicator + "&unit=" + URLEncoder.encode(unitCode, StandardCharsets.UTF_8)
                + "&period=" + period.id();
        return link + switch (element) {
            case E1_PASSED, E3_PASSED -> "&firstResult=PASS";
            case E2_PASSED -> "&passed=true";
            case E6_COMPLIANT -> "&energyReview=PASSED";
            default -> "";
        };
    }
}
