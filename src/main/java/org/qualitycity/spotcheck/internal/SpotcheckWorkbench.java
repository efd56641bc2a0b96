package org.qualitycity.spotcheck.internal;

import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spot checks' part of the workbench, in calendar days from the result notice: for an enterprise, the failed
 * results it may still object to and the rectification reports it owes; for the regulator, the follow-ups of failed
 * batches still open in its scope (report or re-inspection pending).
 */
@Component
class SpotcheckWorkbench implements WorkbenchSource {

    private static final String FROM = """
             FROM spotcheck_sample s JOIN spotcheck_rectification r ON r.sample_id = s.id
            """;

    /** How far back an enterprise's results show on its workbench. */
    static final int RECENT_DAYS = 90;

    private final JdbcClient jdbc;
    private final Enterprises enterprises;

    SpotcheckWorkbench(JdbcClient jdbc, Enterprises enterprises) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
    }

    private record Due(long id, String sampleNo, String product, LocalDate due) {
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can("spotcheck:sample:view")) {
            return List.of();
        }
        List<Queue> queues = new ArrayList<>();
        boolean enterprise = user.scopeKind() == DataScope.Kind.SELF;
        if (enterprise && user.can("spotcheck:objection:submit")) {
            queues.add(queue(today, "spotcheck.workbench.objection", "/spotchecks/samples?verdict=FAIL", user,
                    " FROM spotcheck_sample s WHERE s.first_verdict = 'FAIL' AND s.objection_on IS NULL"
                            + " AND s.notice_date IS NOT NULL AND s.notice_date + " + SpotcheckService.OBJECTION_DAYS
                            + " >= :today AND ",
                    "s.notice_date + " + SpotcheckService.OBJECTION_DAYS));
        }
        if (enterprise && user.can("spotcheck:rectification:submit")) {
            queues.add(queue(today, "spotcheck.workbench.rectification", "/spotchecks/follow-ups", user,
                    FROM + " WHERE NOT r.cancelled AND r.reported_on IS NULL AND ",
                    "r.started_on + " + SpotcheckService.RECTIFICATION_DAYS));
        }
        if (enterprise) {
            queues.add(results(user, today));
        }
        if (!enterprise && user.can("spotcheck:rectification:review")) {
            queues.add(queue(today, "spotcheck.workbench.followUps", "/spotchecks/follow-ups", user,
                    FROM + " WHERE NOT r.cancelled AND r.reinspected_on IS NULL AND ",
                    "CASE WHEN r.reported_on IS NULL THEN r.started_on + " + SpotcheckService.RECTIFICATION_DAYS
                            + " ELSE r.started_on + " + SpotcheckService.REINSPECTION_DAYS + " END"));
        }
        return queues;
    }

    /** For an enterprise: its results noticed in the last {@link #RECENT_DAYS} days, newest first, each with its verdict. */
    private Queue results(CurrentUser user, LocalDate today) {
        var scope = enterprises.scope(user, "spotcheck");
        String where = " FROM spotcheck_sample s WHERE s.notice_date IS NOT NULL AND s.notice_date >= :since AND "
                + scope.predicate("s.enterprise_id", "s.unit_id");
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("since", today.minusDays(RECENT_DAYS));
        long count = jdbc.sql("SELECT count(*)" + where).params(p).query(Long.class).single();
        List<Item> items = jdbc.sql("SELECT s.id, s.sample_no, s.product, s.final_verdict, s.notice_date" + where
                        + " ORDER BY s.notice_date DESC, s.id DESC LIMIT " + TOP)
                .params(p).query((rs, n) -> new Item(Text.of("spotcheck.workbench.resultItem", rs.getString(2),
                        rs.getString(3) == null ? "" : rs.getString(3), Text.of("spotcheck.verdict." + rs.getString(4))),
                        "/spotchecks/samples/" + rs.getLong(1), null,
                        Text.of("spotcheck.workbench.noticed", rs.getObject(5, LocalDate.class).toString()),
                        false)).list();
        return new Queue(Text.of("spotcheck.workbench.results", count, RECENT_DAYS), count, "/spotchecks/samples",
                null, Urgency.INFO, items);
    }

    /**
     * @param fromWhere the FROM and WHERE of the items, ending where the scope predicate follows (constants only)
     * @param dueExpr   the SQL expression of an item's due day (constants only)
     */
    private Queue queue(LocalDate today, String titleKey, String listLink, CurrentUser user, String fromWhere,
                        String dueExpr) {
        var scope = enterprises.scope(user, "spotcheck");
        String where = fromWhere + scope.predicate("s.enterprise_id", "s.unit_id");
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("today", today);
        long count = jdbc.sql("SELECT count(*)" + where).params(p).query(Long.class).single();
        List<Due> top = jdbc.sql("SELECT s.id, s.sample_no, s.product, " + dueExpr + " AS due" + where
                        + " ORDER BY due, s.id LIMIT " + TOP)
                .params(p).query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class))).list();
        List<Item> items = top.stream().map(d -> Item.dueInDays(Text.of("spotcheck.workbench.item", d.sampleNo(),
                d.product() == null ? "" : d.product()), "/spotchecks/samples/" + d.id(), today, d.due())).toList();
        return new Queue(Text.of(titleKey, count), count, listLink, "/spotchecks/follow-ups",
                WorkbenchSource.urgencyOf(items, today), items);
    }
}
