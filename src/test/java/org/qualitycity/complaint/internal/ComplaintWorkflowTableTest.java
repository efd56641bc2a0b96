package org.qualitycity.complaint.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Facts;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Status;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Step;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Type;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The complaint case's transition table: forbidden steps (409), guards, every row recorded, the diagram in docs/. */
@QcIntegrationTest
@RecordApplicationEvents
class ComplaintWorkflowTableTest {

    static final CurrentUser SUPERVISOR = user("complaint:case:supervise", "complaint:case:handle");
    static final CurrentUser HANDLER = user("complaint:case:handle");

    static CurrentUser user(String... permissions) {
        return new CurrentUser(1, "t", "t", 1, "x", "x", "/1/", DataScope.Kind.ALL, Set.of(permissions), Set.of());
    }

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
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(ComplaintWorkflow.TABLE,
                new Facts(Type.REPORT, true, true, false, "DISSATISFIED", false, SUPERVISOR))).isGreaterThan(70);
    }

    @Test
    void guardsSayWhoAndWhen() {
        var t = ComplaintWorkflow.TABLE;
        Facts complaint = new Facts(Type.COMPLAINT, false, false, false, null, false, HANDLER);
        assertThatThrownBy(() -> t.check(Status.RECEIVED, Step.RETURN, complaint))
                .isInstanceOf(ConflictException.class).hasMessageContaining(WorkflowTables.label("workflow.complaint.case.guard.dispatched", false));
        assertThatThrownBy(() -> t.check(Status.ACCEPTED, Step.RESUME, complaint))
                .isInstanceOf(ConflictException.class).hasMessageContaining(WorkflowTables.label("workflow.complaint.case.guard.paused", false));
        assertThatThrownBy(() -> t.check(Status.ACCEPTED, Step.EXTEND, complaint))
                .isInstanceOf(ConflictException.class).hasMessageContaining(WorkflowTables.label("workflow.complaint.case.guard.a-report", false));
        assertThatThrownBy(() -> t.check(Status.RECEIVED, Step.EXTEND,
                new Facts(Type.REPORT, false, false, false, null, false, HANDLER)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.check(Status.CLOSED, Step.REOPEN,
                new Facts(Type.COMPLAINT, false, false, false, "DISSATISFIED", false, HANDLER)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.check(Status.CLOSED, Step.REOPEN,
                new Facts(Type.COMPLAINT, false, false, false, "DISSATISFIED", true, SUPERVISOR)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(WorkflowTables.label("workflow.complaint.case.guard.not-reopened-before", false));
        assertThat(t.check(Status.CLOSED, Step.REOPEN,
                new Facts(Type.COMPLAINT, false, false, false, "DISSATISFIED", false, SUPERVISOR)).to())
                .isEqualTo(Status.ACCEPTED);
    }

    @Test
    void everyAllowedStepIsRecordedAuditedAndPublished() {
        // a context that passes every guard of the rows it is used for; rows differ (paused / not paused), so by row
        for (var row : ComplaintWorkflow.TABLE.transitions()) {
            boolean paused = row.action() == Step.RESUME;
            Type type = row.action() == Step.PAUSE ? Type.COMPLAINT : Type.REPORT;
            Facts f = new Facts(type, true, paused, false, "DISSATISFIED", false, SUPERVISOR);
            var single = org.qualitycity.platform.Workflow.<Status, Step, Facts>of("complaint", "case", Status.class,
                    Step.class).on(row.action(), row.from(), row.to(), row.guards().toArray(
                    new org.qualitycity.platform.Workflow.Guard[0])).build();
            WorkflowTables.assertEveryAllowedStepIsRecorded(single, f, steps, tx, jdbc, events);
        }
    }

    @Test
    void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(ComplaintWorkflow.TABLE);
    }

    @Test
    void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(ComplaintWorkflow.TABLE)).isGreaterThan(3);
    }
}
