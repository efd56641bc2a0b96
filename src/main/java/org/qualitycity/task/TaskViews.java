package org.qualitycity.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The records the task API answers with. */
public final class TaskViews {

    private TaskViews() {
    }

    public record Task(long id, String kind, String measureCode, String groupCode, Long parentId, String title,
                       String titleEn, String deliverables, String leadUnit, String leadUnitName,
                       List<String> coUnits, String phase, LocalDate startDate, LocalDate deadline, TaskState state,
                       int percent, boolean overdue, boolean requiresDocument, LocalDate closedOn,
                       LocalDate lastReport, boolean reportLate) {
    }

    public record Event(long id, String action, String fromState, String toState, Integer percent, String comment,
                        List<Long> attachmentIds, String actor, String unitCode, Instant at, LocalDate onDay) {
    }

    public record NoticeView(long id, long taskId, String taskTitle, String unitCode, String unitName, String kind,
                             String level, LocalDate deadline, LocalDate issuedOn, int lateDays, LocalDate answerDue,
                             Instant acknowledgedAt, String answer, Instant answeredAt) {
    }

    public record Detail(Task task, List<Event> history, List<NoticeView> notices, List<Long> attachmentIds) {
    }
}
