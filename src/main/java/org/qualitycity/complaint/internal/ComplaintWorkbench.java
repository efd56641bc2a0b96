package org.qualitycity.complaint.internal;

import org.qualitycity.calendar.DueNotes;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.complaint.internal.Dtos.Filter;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The complaints' part of the workbench, on the legal clock: cases to accept, handle and reply to in the user's
 * scope, soonest deadline first; for supervisors, the cases past or within two working days of their limit.
 */
@Component
class ComplaintWorkbench implements WorkbenchSource {

    private final ComplaintService complaints;
    private final WorkingDayCalendar calendar;
    private final org.qualitycity.platform.Units units;

    ComplaintWorkbench(ComplaintService complaints, WorkingDayCalendar calendar, org.qualitycity.platform.Units units) {
        this.complaints = complaints;
        this.calendar = calendar;
        this.units = units;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can("complaint:case:view") || user.scopeKind() == DataScope.Kind.SELF) {
            return List.of();
        }
        List<Queue> queues = new ArrayList<>();
        if (user.can("complaint:case:handle")) {
            queues.add(queue(user, today, "complaint.workbench.accept", "RECEIVED", null));
            queues.add(queue(user, today, "complaint.workbench.handle", "ACCEPTED", null));
            queues.add(queue(user, today, "complaint.workbench.reply", "HANDLED", null));
        }
        if (user.can("complaint:case:supervise")) {
            queues.add(queue(user, today, "complaint.workbench.late", null, "RED"));
            queues.add(queue(user, today, "complaint.workbench.nearLimit", null, "AMBER"));
        }
        return queues;
    }

    private Queue queue(CurrentUser user, LocalDate today, String titleKey, String status, String deadline) {
        Filter filter = new Filter(null, null, status, null, null, deadline, null);
        PageResult<CaseView> page = complaints.listHandled(filter, new ListQuery(0, TOP, "due", "asc"), user);
        List<Item> items = page.items().stream().map(c -> DueNotes.item(calendar,
                Text.of("complaint.workbench.item", c.trackingCode(), c.respondentName() == null ? "" : c.respondentName(),
                        units.byCode(c.districtCode()).<Object>map(u -> new Text.Names(u.nameZh(), u.nameEn()))
                                .orElse(c.districtName())),
                "/complaints/" + c.id(), today, runningDue(c))).toList();
        String link = "/complaints?" + (status != null ? "status=" + status : "deadline=" + deadline) + "&sort=due&dir=asc";
        return new Queue(Text.of(titleKey, page.total()), page.total(), link, "/complaints",
                WorkbenchSource.urgencyOf(items, today), items);
    }

    private static LocalDate runningDue(CaseView c) {
        return switch (c.status()) {
            case "RECEIVED" -> c.acceptDue();
            case "ACCEPTED" -> c.pausedSince() == null ? c.handleDue() : null;
            case "HANDLED" -> c.replyDue();
            default -> null;
        };
    }
}
