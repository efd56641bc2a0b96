package org.qualitycity.task.internal;

import org.qualitycity.calendar.DueNotes;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.qualitycity.task.TaskState;
import org.qualitycity.task.TaskViews;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tasks' part of the workbench: for the units that carry tasks, what to acknowledge, handle and report on, and
 * the supervision notices to answer; for the reviewers (the quality office), the reports to review and the tasks
 * past their deadline in their scope. Built on the same list queries as the task pages, so scope and filters agree.
 */
@Component
class TaskWorkbench implements WorkbenchSource {

    private final TaskService tasks;
    private final WorkingDayCalendar calendar;

    TaskWorkbench(TaskService tasks, WorkingDayCalendar calendar) {
        this.tasks = tasks;
        this.calendar = calendar;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can(TaskPermissions.VIEW) || user.scopeKind() == DataScope.Kind.SELF) {
            return List.of();
        }
        boolean english = english();
        List<Queue> queues = new ArrayList<>();
        if (user.can(TaskPermissions.HANDLE)) {
            queues.add(queue(user, today, english, "task.workbench.acknowledge", "/tasks/mine?state=ASSIGNED",
                    "/tasks/mine", mine(TaskState.ASSIGNED)));
            queues.add(queue(user, today, english, "task.workbench.handle", "/tasks/mine?sort=deadline",
                    "/tasks/mine", mine(TaskState.ACKNOWLEDGED), mine(TaskState.IN_PROGRESS)));
            queues.add(notices(user, today, english));
        }
        if (user.can(TaskPermissions.REVIEW)) {
            // reported as done (反馈) and under review (复核): the reviewer's move either way
            queues.add(queue(user, today, english, "task.workbench.review", "/tasks?state=FEEDBACK", "/tasks",
                    new TaskService.Filter(null, null, TaskState.FEEDBACK, null, null, null),
                    new TaskService.Filter(null, null, TaskState.REVIEW, null, null, null)));
            queues.add(queue(user, today, english, "task.workbench.overdue", "/tasks?overdue=true", null,
                    new TaskService.Filter(null, null, null, true, null, null)));
        }
        return queues;
    }

    private static TaskService.Filter mine(TaskState state) {
        return new TaskService.Filter(null, null, state, null, null, true);
    }

    private Queue queue(CurrentUser user, LocalDate today, boolean english, String titleKey, String listLink,
                        String navHref, TaskService.Filter... filters) {
        long count = 0;
        List<TaskViews.Task> top = new ArrayList<>();
        for (TaskService.Filter f : filters) {
            PageResult<TaskViews.Task> page = tasks.list(f, new ListQuery(0, TOP, "deadline", "asc"), user, english);
            count += page.total();
            top.addAll(page.items());
        }
        List<Item> items = top.stream().sorted(Comparator.comparing(TaskViews.Task::deadline)).limit(TOP)
                .map(t -> DueNotes.item(calendar, Text.of("workbench.label", english && t.titleEn() != null
                        && !t.titleEn().isBlank() ? t.titleEn() : t.title()), "/tasks/" + t.id(), today, t.deadline()))
                .toList();
        return new Queue(Text.of(titleKey, count), count, listLink, navHref, WorkbenchSource.urgencyOf(items, today), items);
    }

    private Queue notices(CurrentUser user, LocalDate today, boolean english) {
        List<TaskViews.NoticeView> open = tasks.notices(user, english).stream()
                .filter(n -> "SUPERVISION".equals(n.kind()) && n.answeredAt() == null
                        && n.unitCode() != null && n.unitCode().equals(user.unitCode()))
                .sorted(Comparator.comparing(n -> n.answerDue() == null ? LocalDate.MAX : n.answerDue()))
                .toList();
        List<Item> items = open.stream().limit(TOP)
                .map(n -> DueNotes.item(calendar, Text.of("workbench.label", n.taskTitle()), "/tasks/notices",
                        today, n.answerDue()))
                .toList();
        return new Queue(Text.of("task.workbench.notices", open.size()), open.size(), "/tasks/notices",
                "/tasks/notices", WorkbenchSource.urgencyOf(items, today), items);
    }

    private static boolean english() {
        return "en".equals(org.qualitycity.platform.Texts.locale().getLanguage());
    }
}
