package org.qualitycity.elevator.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.elevator.internal.RescueWorkflow.Action;
import org.qualitycity.elevator.internal.RescueWorkflow.State;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rescue order's transition table: forbidden steps (409), who guards (403), every row recorded, the diagram. */
@QcIntegrationTest
@RecordApplicationEvents
class RescueWorkflowTableTest {

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
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(RescueWorkflow.TABLE,
                new RescueWorkflow.Facts(true))).isEqualTo(6 * 5 - 6);
    }

    @Test
    void onlyRescueHandlersStep() {
        assertThatThrownBy(() -> RescueWorkflow.TABLE.check(State.OPEN, Action.RESPOND, new RescueWorkflow.Facts(false)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(RescueWorkflow.TABLE,
                new RescueWorkflow.Facts(true), steps, tx, jdbc, events)).isEqualTo(6);
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(RescueWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(RescueWorkflow.TABLE)).isGreaterThan(3);
    }
}
