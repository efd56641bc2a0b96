package org.qualitycity.spotcheck.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.spotcheck.internal.SampleWorkflow.Facts;
import org.qualitycity.spotcheck.internal.SampleWorkflow.State;
import org.qualitycity.spotcheck.internal.SampleWorkflow.Step;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;
import org.qualitycity.support.WorkflowTables;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample's result table: forbidden steps (409), the failed-result guard, every row recorded, docs/. */
@QcIntegrationTest
class SampleWorkflowTableTest extends WorkflowTableTestBase<State, Step, Facts> {

    SampleWorkflowTableTest() {
        super(SampleWorkflow.TABLE, new Facts("FAIL"), 5 * 3 - 3, 3);
    }

    @Test
    void onlyAFailedResultCanBeObjectedTo() {
        assertThatThrownBy(() -> SampleWorkflow.TABLE.check(State.TESTED, Step.OBJECTION, new Facts("PASS")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(WorkflowTables.label("workflow.spotcheck.sample.guard.a-failed-result", false));
    }
}
