package org.qualitycity.assessment.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The assessment run's table: forbidden steps (409, e.g. computing a published year), every row recorded, docs/. */
@QcIntegrationTest
@RecordApplicationEvents
class AssessmentWorkflowTableTest {

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
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(AssessmentWorkflow.TABLE, null))
                .isEqualTo(3 * 2 - 3);
    }

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(AssessmentWorkflow.TABLE, null, steps, tx, jdbc,
                events)).isEqualTo(3);
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(AssessmentWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(AssessmentWorkflow.TABLE)).isGreaterThan(3);
    }
}
