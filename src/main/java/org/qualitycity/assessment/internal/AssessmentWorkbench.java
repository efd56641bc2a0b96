package org.qualitycity.assessment.internal;

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
 * The assessment's part of the workbench: for the quality office, the objections to a draft assessment still
 * unanswered; for an assessed unit, a draft assessment it may still object to, with the last day.
 */
@Component
class AssessmentWorkbench implements WorkbenchSource {

    private final JdbcClient jdbc;

    AssessmentWorkbench(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can(AssessmentPermissions.VIEW) || user.scopeKind() == DataScope.Kind.SELF) {
            return List.of();
        }
        List<Queue> queues = new ArrayList<>();
        Map<String, Object> p = new HashMap<>(user.scope().params());
        p.put("today", today);
        if (user.can(AssessmentPermissions.ADJUST)) {
            record Open(long year, String unitZh, String unitEn, LocalDate until) {
            }
            List<Open> open = jdbc.sql("""
                            SELECT o.year, u.name_zh, u.name_en, r.objection_until FROM assessment_objection o
                            JOIN assessment_run r ON r.year = o.year JOIN platform_unit u ON u.id = o.unit_id
                            WHERE o.replied_at IS NULL AND r.state = 'DRAFT' AND\s""" + user.scope().predicate("o.unit_id", null)
                            + " ORDER BY o.created_at, o.id")
                    .params(p).query((rs, n) -> new Open(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class))).list();
            List<Item> items = open.stream().limit(TOP).map(o -> Item.dueInDays(Text.of("assessment.workbench.objectionItem",
                    o.year(), new Text.Names(o.unitZh(), o.unitEn())), "/assessments/" + o.year(), today, null)).toList();
            queues.add(new Queue(Text.of("assessment.workbench.objections", open.size()), open.size(),
                    open.isEmpty() ? "/assessments" : "/assessments/" + open.get(0).year(), "/assessments",
                    Urgency.OPEN, items));
        }
        if (user.can(AssessmentPermissions.OBJECT)) {
            List<Item> items = jdbc.sql("""
                            SELECT r.year, r.objection_until FROM assessment_run r
                            WHERE r.state = 'DRAFT' AND r.objection_until >= :today
                              AND EXISTS (SELECT 1 FROM assessment_score s WHERE s.year = r.year AND s.unit_id = :myUnit)
                            ORDER BY r.year""")
                    .param("today", today).param("myUnit", user.unitId())
                    .query((rs, n) -> Item.dueInDays(Text.of("assessment.workbench.draftItem", rs.getInt(1)),
                            "/assessments/" + rs.getInt(1), today, rs.getObject(2, LocalDate.class)))
                    .list();
            queues.add(new Queue(Text.of("assessment.workbench.drafts", items.size()), items.size(), "/assessments",
                    "/assessments", WorkbenchSource.urgencyOf(items, today), items));
        }
        return queues;
    }
}
