package org.qualitycity.task.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;
import org.qualitycity.task.TaskState;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task's transition table: forbidden steps (409), who guards (403), every row recorded, the diagram in docs/. */
@QcIntegrationTest
class TaskWorkflowTableTest extends WorkflowTableTestBase<TaskState, TaskService.Action, TaskWorkflow.Facts> {

    TaskWorkflowTableTest() {
        super(TaskWorkflow.TABLE, new TaskWorkflow.Facts(true, true, false), 7 * 7 - 9, 9);
    }

    @Test
    void onlyTheCityAssignsReviewsAndClosesAndNeverItsOwnTask() {
        var t = TaskWorkflow.TABLE;
        assertThatThrownBy(() -> t.check(TaskState.CREATED, TaskService.Action.ASSIGN,
                new TaskWorkflow.Facts(false, true, false))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.check(TaskState.REVIEW, TaskService.Action.CLOSE,
                new TaskWorkflow.Facts(true, true, true))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.check(TaskState.ASSIGNED, TaskService.Action.ACKNOWLEDGE,
                new TaskWorkflow.Facts(true, false, false))).isInstanceOf(AccessDeniedException.class);
    }
}
