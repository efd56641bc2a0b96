package org.qualitycity.portal.internal;

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

/** Hot-topic moderation (issue 18): forbidden steps (409), every row recorded, the diagram in docs/, both languages. */
@QcIntegrationTest
@RecordApplicationEvents
class HotTopicWorkflowTableTest {

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
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(HotTopicWorkflow.TABLE, new HotTopicWorkflow.Facts()))
                .isEqualTo(3 * 2 - 2);
    }

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(HotTopicWorkflow.TABLE, new HotTopicWorkflow.Facts(), steps,
                tx, jdbc, events)).isEqualTo(2);
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(HotTopicWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(HotTopicWorkflow.TABLE)).isGreaterThan(5);
    }
}
