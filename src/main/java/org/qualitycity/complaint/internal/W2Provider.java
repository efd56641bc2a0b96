package org.qualitycity.complaint.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * W2a/W2b/W2c elements per respondent district and month, computed in one grouped query per element:
 * CMP_RECEIVED / CMP_ACCEPTED by month of receipt, CMP_DUE / CMP_HANDLED / CMP_REPLIED by month of the
 * handling deadline (done at all: the plan's 100%受理、100%办理、100%反馈), and the same counts done in
 * time (CMP_*_ON_TIME) for the on-time rates W2a_ONTIME/W2b_ONTIME/W2c_ONTIME.
 */
@Component
class W2Provider implements ComputedElementProvider {

    private final JdbcClient jdbc;
    private final Clock clock;

    W2Provider(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Set<String> elements() {
        return ComplaintService.ELEMENTS;
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        String[] definition = DEFINITIONS.get(element);
        if (definition == null) {
            return List.of();
        }
        String dateCol = definition[0];
        // the date column and predicate are constants of this class, never input
        return jdbc.sql("SELECT c.district_unit_id, CAST(extract(month FROM " + dateCol + ") AS int) AS m, count(*), "
                        + "avg(CASE WHEN c.demo THEN 1.0 ELSE 0 END) "
                        + "FROM complaint_case c WHERE " + dateCol + " BETWEEN :from AND :to AND " + definition[1]
                        + " GROUP BY 1, 2")
                .param("from", Date.valueOf(LocalDate.of(year, 1, 1))).param("to", Date.valueOf(LocalDate.of(year, 12, 31)))
                .param("today", Date.valueOf(LocalDate.now(clock.withZone(ComplaintService.BEIJING))))
                .query((rs, n) -> new ElementValue(rs.getLong(1), Period.month(year, rs.getInt(2)),
                        BigDecimal.valueOf(rs.getLong(3)), rs.getBigDecimal(4)))
                .list();
    }

    /** The predicate of each element (over c = complaint_case) and the date column that gives its month. */
    private static final Map<String, String[]> DEFINITIONS = Map.of(
            "CMP_RECEIVED", new String[]{"c.received_on", W2Sql.RECEIVED},
            "CMP_ACCEPTED", new String[]{"c.received_on", W2Sql.RECEIVED + " AND " + W2Sql.ACCEPTED},
            "CMP_ACCEPTED_ON_TIME", new String[]{"c.received_on", W2Sql.RECEIVED + " AND " + W2Sql.ACCEPTED_ON_TIME},
            "CMP_DUE", new String[]{"c.handle_due", W2Sql.DUE},
            "CMP_HANDLED", new String[]{"c.handle_due", W2Sql.DUE + " AND " + W2Sql.HANDLED},
            "CMP_HANDLED_ON_TIME", new String[]{"c.handle_due", W2Sql.DUE + " AND " + W2Sql.HANDLED_ON_TIME},
            "CMP_REPLIED", new String[]{"c.handle_due", W2Sql.DUE + " AND " + W2Sql.HANDLED + " AND " + W2Sql.REPLIED},
            "CMP_REPLIED_ON_TIME", new String[]{"c.handle_due", W2Sql.DUE + " AND " + W2Sql.HANDLED + " AND "
                    + W2Sql.REPLIED_ON_TIME});

    /**
     * Several elements with one scan per date column (an indicator's numerator and denominator share theirs):
     * each element is a filtered count of the same grouped rows; a unit and month without cases of an element
     * yields no value for it, as with {@link #values(String, int)}.
     */
    @Override
    public Map<String, List<ElementValue>> values(Collection<String> elements, int year) {
        Map<String, List<ElementValue>> out = new LinkedHashMap<>();
        elements.forEach(e -> out.put(e, new ArrayList<>()));
        Map<String, List<String>> byDate = new TreeMap<>();
        elements.stream().filter(DEFINITIONS::containsKey).sorted()
                .forEach(e -> byDate.computeIfAbsent(DEFINITIONS.get(e)[0], k -> new ArrayList<>()).add(e));
        byDate.forEach((dateCol, els) -> {
            StringBuilder cols = new StringBuilder();
            StringBuilder any = new StringBuilder();
            for (String e : els) {
                String predicate = DEFINITIONS.get(e)[1];
                // the count, and the share of demo cases among them (provenance of the value)
                cols.append(", count(*) FILTER (WHERE ").append(predicate).append(')')
                        .append(", avg(CASE WHEN c.demo THEN 1.0 ELSE 0 END) FILTER (WHERE ").append(predicate).append(')');
                any.append(any.isEmpty() ? "" : " OR ").append('(').append(predicate).append(')');
            }
            // the predicates and columns are constants of this class, never input
            jdbc.sql("SELECT c.district_unit_id, CAST(extract(month FROM " + dateCol + ") AS int) AS m" + cols
                            + " FROM complaint_case c WHERE " + dateCol + " BETWEEN :from AND :to AND (" + any + ")"
                            + " GROUP BY 1, 2")
                    .param("from", Date.valueOf(LocalDate.of(year, 1, 1))).param("to", Date.valueOf(LocalDate.of(year, 12, 31)))
                    .param("today", Date.valueOf(LocalDate.now(clock.withZone(ComplaintService.BEIJING))))
                    .query(rs -> {
                        for (int i = 0; i < els.size(); i++) {
                            long n = rs.getLong(3 + 2 * i);
                            if (n > 0) {
                                out.get(els.get(i)).add(new ElementValue(rs.getLong(1), Period.month(year, rs.getInt(2)),
                                        BigDecimal.valueOf(n), rs.getBigDecimal(4 + 2 * i)));
                            }
                        }
                    });
        });
        return out;
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        String missed = switch (element) {
            case "CMP_RECEIVED", "CMP_ACCEPTED" -> "ACCEPT";
            case "CMP_ACCEPTED_ON_TIME" -> "ACCEPT_LATE";
            case "CMP_DUE", "CMP_HANDLED" -> "HANDLE";
            case "CMP_HANDLED_ON_TIME" -> "HANDLE_LATE";
            case "CMP_REPLIED" -> "REPLY";
            case "CMP_REPLIED_ON_TIME" -> "REPLY_LATE";
            default -> null;
        };
        if (missed == null) {
            return null;
        }
        return "/complaints?district=" + unitCode + "&period=" + period.id() + "&missed=" + missed;
    }
}
