package org.qualitycity.complaint.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Facts;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Status;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Step;
import org.qualitycity.complaint.internal.ComplaintWorkflow.Type;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.Workflow;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;
import org.qualitycity.support.WorkflowTables;
import org.springframework.security.access.AccessDeniedException;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The complaint case's transition table: forbidden steps (409), guards, every row recorded, the diagram in docs/. */
@QcIntegrationTest
class ComplaintWorkflowTableTest extends WorkflowTableTestBase<Status, Step, Facts> {

    static final CurrentUser SUPERVISOR = user("complaint:case:supervise", "complaint:case:handle");
    static final CurrentUser HANDLER = user("complaint:case:handle");

    static CurrentUser user(String... permissions) {
        return new CurrentUser(1, "t", "t", 1, "x", "x", "/1/", DataScope.Kind.ALL, Set.of(permissions), Set.of());
    }

    ComplaintWorkflowTableTest() {
        super(ComplaintWorkflow.TABLE, new Facts(Type.REPORT, true, true, false, "DISSATISFIED", false, SUPERVISOR),
                8 * 12 - 16, 16);
    }

    /** Rows differ in their guards (paused or not, a complaint or a report), so each row gets facts of its own. */
    @Override
    protected Facts contextFor(Workflow.Transition<Status, Step, Facts> row) {
        boolean paused = row.action() == Step.RESUME;
        Type type = row.action() == Step.PAUSE ? Type.COMPLAINT : Type.REPORT;
        return new Facts(type, true, paused, false, "DISSATISFIED", false, SUPERVISOR);
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
}
