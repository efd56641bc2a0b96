package org.qualitycity.task.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTables;
import org.qualitycity.task.TaskState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task's transition table: forbidden steps (409), who guards (403), every row recorded, the diagram in docs/. */
@QcIntegrationTest
@RecordApplicationEvents
class TaskWorkflowTableTest {

    @Autowired
    WorkflowSteps steps;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    @Test
    void everyStepMissingFromTheTableIsAConflictNamingStateAndAction() {
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(TaskWorkflow.TABLE,
                new TaskWorkflow.Facts(true, true, false))).isEqualTo(7 * 7 - 9);
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

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(TaskWorkflow.TABLE,
                new TaskWorkflow.Facts(true, true, false), steps, tx, jdbc, events)).isEqualTo(9);
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(TaskWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(TaskWorkflow.TABLE)).isGreaterThan(3);
    }
}
