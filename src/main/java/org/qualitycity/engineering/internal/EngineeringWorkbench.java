package org.qualitycity.engineering.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 待办 of the housing and construction officers: rectification notices past their deadline and not closed, and
 * projects that passed completion acceptance but are not filed yet — within their project scope.
 */
@Component
class EngineeringWorkbench implements WorkbenchSource {

    private final JdbcClient jdbc;
    private final ProjectService projects;

    EngineeringWorkbench(JdbcClient jdbc, ProjectService projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can(EngineeringPermissions.EDIT)) {
            return List.of();
        }
        ProjectScope scope = projects.scope(user);
        List<Queue> out = new ArrayList<>();
        String where = " WHERE n.closed_on IS NULL AND n.kind = 'RECTIFICATION' AND n.deadline < :today AND "
                + scope.predicate("p.unit_id");
        long overdue = jdbc.sql("SELECT count(*) FROM engineering_notice n JOIN engineering_project p ON p.id = n.project_id"
                        + where).params(scope.params()).param("today", today).query(Long.class).single();
        if (overdue > 0) {
            List<Item> items = jdbc.sql("SELECT p.id, p.name, p.project_no, n.deadline FROM engineering_notice n "
                            + "JOIN engineering_project p ON p.id = n.project_id" + where + " ORDER BY n.deadline, n.id LIMIT "
                            + TOP)
                    .params(scope.params()).param("today", today)
                    .query((rs, i) -> Item.dueInDays(Text.of("engineering.workbench.notice", rs.getString(3),
                                    rs.getString(2)), "/projects/" + rs.getLong(1), today,
                            rs.getObject(4, LocalDate.class))).list();
            out.add(new Queue(Text.of("engineering.workbench.overdueNotices", overdue), overdue, "/projects",
                    "/projects", Urgency.OVERDUE, items));
        }
        String filing = " WHERE p.status = 'ACCEPTED' AND " + scope.predicate("p.unit_id");
        long awaiting = jdbc.sql("SELECT count(*) FROM engineering_project p" + filing).params(scope.params())
                .query(Long.class).single();
        if (awaiting > 0) {
            List<Item> items = jdbc.sql("SELECT p.id, p.name, p.project_no FROM engineering_project p" + filing
                            + " ORDER BY p.id LIMIT " + TOP).params(scope.params())
                    .query((rs, i) -> new Item(Text.of("engineering.workbench.notice", rs.getString(3), rs.getString(2)),
                            "/projects/" + rs.getLong(1), null, null, false)).list();
            out.add(new Queue(Text.of("engineering.workbench.awaitingFiling", awaiting), awaiting,
                    "/projects?status=ACCEPTED", "/projects", Urgency.OPEN, items));
        }
        return out;
    }
}
