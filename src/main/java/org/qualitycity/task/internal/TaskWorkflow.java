package org.qualitycity.task.internal;

import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.Workflow.Guard;
import org.qualitycity.task.TaskState;

/** The supervision workflow of a task (立项 → 交办 → 签收 → 办理 → 反馈 → 复核 → 办结) as a transition table. */
final class TaskWorkflow {

    /** What the guards look at: whether the user is the city office, a handler, and of the task's own lead unit. */
    record Facts(boolean city, boolean handler, boolean ownTask) {
    }

    private static final Guard<Facts> CITY = Guard.who("city quality office", Facts::city);
    private static final Guard<Facts> HANDLER = Guard.who("handler", Facts::handler);
    private static final Guard<Facts> NOT_OWN = Guard.who("not its own lead unit", f -> !f.ownTask());

    /** docs/workflows/task.task.md draws it. */
    static final Workflow<TaskState, TaskService.Action, Facts> TABLE = Workflow.<TaskState, TaskService.Action,
                    Facts>of("task", "task", TaskState.class, TaskService.Action.class)
            .labels("task.state.", "task.action.")
            .initial(TaskState.CREATED)
            .on(TaskService.Action.ASSIGN, TaskState.CREATED, TaskState.ASSIGNED, CITY)
            .on(TaskService.Action.ACKNOWLEDGE, TaskState.ASSIGNED, TaskState.ACKNOWLEDGED, HANDLER)
            .on(TaskService.Action.PROGRESS, TaskState.ACKNOWLEDGED, TaskState.IN_PROGRESS, HANDLER)
            .on(TaskService.Action.PROGRESS, TaskState.IN_PROGRESS, TaskState.IN_PROGRESS, HANDLER)
            .on(TaskService.Action.FEEDBACK, TaskState.IN_PROGRESS, TaskState.FEEDBACK, HANDLER)
            .on(TaskService.Action.REVIEW, TaskState.FEEDBACK, TaskState.REVIEW, CITY, NOT_OWN)
            .on(TaskService.Action.RETURN, TaskState.FEEDBACK, TaskState.IN_PROGRESS, CITY, NOT_OWN)
            .on(TaskService.Action.RETURN, TaskState.REVIEW, TaskState.IN_PROGRESS, CITY, NOT_OWN)
            .on(TaskService.Action.CLOSE, TaskState.REVIEW, TaskState.CLOSED, CITY, NOT_OWN)
            .build();

    private TaskWorkflow() {
    }
}
