package org.qualitycity.spotcheck.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample's result table: forbidden steps (409), the failed-result guard, every row recorded, docs/. */
@QcIntegrationTest
@RecordApplicationEvents
class SampleWorkflowTableTest {

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
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(SampleWorkflow.TABLE,
                new SampleWorkflow.Facts("FAIL"))).isEqualTo(5 * 3 - 3);
    }

    @Test
    void onlyAFailedResultCanBeObjectedTo() {
        assertThatThrownBy(() -> SampleWorkflow.TABLE.check(SampleWorkflow.State.TESTED, SampleWorkflow.Step.OBJECTION,
                new SampleWorkflow.Facts("PASS"))).isInstanceOf(ConflictException.class).hasMessageContaining(WorkflowTables.label("workflow.spotcheck.sample.guard.a-failed-result", false));
    }

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(SampleWorkflow.TABLE,
                new SampleWorkflow.Facts("FAIL"), steps, tx, jdbc, events)).isEqualTo(3);
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(SampleWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(SampleWorkflow.TABLE)).isGreaterThan(3);
    }
}
