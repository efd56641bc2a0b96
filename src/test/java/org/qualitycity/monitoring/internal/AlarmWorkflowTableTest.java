package org.qualitycity.monitoring.internal;

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

/** The alarm lifecycle table: forbidden steps (409), every row recorded, the diagram in docs/, both languages. */
@QcIntegrationTest
@RecordApplicationEvents
class AlarmWorkflowTableTest {

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
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(AlarmWorkflow.TABLE, new AlarmWorkflow.Facts()))
                .isEqualTo(3 * 2 - 3);
    }

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(AlarmWorkflow.TABLE, new AlarmWorkflow.Facts(), steps,
                tx, jdbc, events)).isEqualTo(3);
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(AlarmWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(AlarmWorkflow.TABLE)).isGreaterThan(3);
    }
}
