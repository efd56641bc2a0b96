package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one place that applies a step: history, audit and event for an allowed step; nothing for a refused one. */
@QcIntegrationTest
@RecordApplicationEvents
class WorkflowStepsTest {

    @Autowired
    WorkflowSteps steps;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecorded(WorkflowTest.TABLE,
                new WorkflowTest.Ctx(true, true), steps, tx, jdbc, events)).isEqualTo(4);
    }

    @Test
    void theModulesChangeAndItsAuditTextGoIntoTheStepAndARefusedStepLeavesNothing() {
        long id = -System.nanoTime();
        tx.executeWithoutResult(x -> steps.apply(WorkflowTest.TABLE, id, null, WorkflowTest.State.DRAFT,
                WorkflowTest.Action.SUBMIT, new WorkflowTest.Ctx(false, true),
                t -> new WorkflowSteps.Change(Map.of("status", "DRAFT"), Map.of("status", "SUBMITTED", "note", "x"))));
        assertThat(jdbc.sql("SELECT after_data->>'note' FROM platform_audit WHERE module = 'demo' AND entity_id = :id")
                .param("id", String.valueOf(id)).query(String.class).single()).isEqualTo("x");

        assertThatThrownBy(() -> tx.executeWithoutResult(x -> steps.apply(WorkflowTest.TABLE, id, null,
                WorkflowTest.State.SUBMITTED, WorkflowTest.Action.APPROVE, new WorkflowTest.Ctx(false, true),
                t -> WorkflowSteps.Change.STATES))).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(x -> steps.apply(WorkflowTest.TABLE, id, null,
                WorkflowTest.State.APPROVED, WorkflowTest.Action.SUBMIT, new WorkflowTest.Ctx(true, true),
                t -> WorkflowSteps.Change.STATES))).isInstanceOf(ConflictException.class);
        assertThat(steps.history(WorkflowTest.TABLE, id)).hasSize(1);
    }
}
