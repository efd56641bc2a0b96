package org.qualitycity.complaint.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
        String dateCol;
        String predicate;
        switch (element) {
            case "CMP_RECEIVED" -> {
                dateCol = "c.received_on";
                predicate = W2Sql.RECEIVED;
            }
            case "CMP_ACCEPTED" -> {
                dateCol = "c.received_on";
                predicate = W2Sql.RECEIVED + " AND " + W2Sql.ACCEPTED;
            }
            case "CMP_ACCEPTED_ON_TIME" -> {
                dateCol = "c.received_on";
                predicate = W2Sql.RECEIVED + " AND " + W2Sql.ACCEPTED_ON_TIME;
            }
            case "CMP_DUE" -> {
                dateCol = "c.handle_due";
                predicate = W2Sql.DUE;
            }
            case "CMP_HANDLED" -> {
                dateCol = "c.handle_due";
                predicate = W2Sql.DUE + " AND " + W2Sql.HANDLED;
            }
            case "CMP_HANDLED_ON_TIME" -> {
                dateCol = "c.handle_due";
                predicate = W2Sql.DUE + " AND " + W2Sql.HANDLED_ON_TIME;
            }
            case "CMP_REPLIED" -> {
                dateCol = "c.handle_due";
                predicate = W2Sql.DUE + " AND " + W2Sql.HANDLED + " AND " + W2Sql.REPLIED;
            }
            case "CMP_REPLIED_ON_TIME" -> {
                dateCol = "c.handle_due";
                predicate = W2Sql.DUE + " AND " + W2Sql.HANDLED + " AND " + W2Sql.REPLIED_ON_TIME;
            }
            default -> {
                return List.of();
            }
        }
        return jdbc.sql("SELECT c.district_unit_id, CAST(extract(month FROM " + dateCol + ") AS int) AS m, count(*), "
                        + "avg(CASE WHEN c.demo THEN 1.0 ELSE 0 END) "
                        + "FROM complaint_case c WHERE " + dateCol + " BETWEEN :from AND :to AND " + predicate
                        + " GROUP BY 1, 2")
                .param("from", Date.valueOf(LocalDate.of(year, 1, 1))).param("to", Date.valueOf(LocalDate.of(year, 12, 31)))
                .param("today", Date.valueOf(LocalDate.now(clock.withZone(ComplaintService.BEIJING))))
                .query((rs, n) -> new ElementValue(rs.getLong(1), Period.month(year, rs.getInt(2)),
                        BigDecimal.valueOf(rs.getLong(3)), rs.getBigDecimal(4)))
                .list();
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
