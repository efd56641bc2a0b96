package org.qualitycity.elevator.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.elevator.internal.RescueWorkflow.Action;
import org.qualitycity.elevator.internal.RescueWorkflow.Facts;
import org.qualitycity.elevator.internal.RescueWorkflow.State;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rescue order's transition table: forbidden steps (409), who guards (403), every row recorded, the diagram. */
@QcIntegrationTest
class RescueWorkflowTableTest extends WorkflowTableTestBase<State, Action, Facts> {

    RescueWorkflowTableTest() {
        super(RescueWorkflow.TABLE, new Facts(true), 6 * 5 - 6, 6);
    }

    @Test
    void onlyRescueHandlersStep() {
        assertThatThrownBy(() -> RescueWorkflow.TABLE.check(State.OPEN, Action.RESPOND, new Facts(false)))
                .isInstanceOf(AccessDeniedException.class);
    }
}
