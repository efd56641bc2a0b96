package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.internal.AlarmWorkflow.Facts;
import org.qualitycity.monitoring.internal.AlarmWorkflow.State;
import org.qualitycity.monitoring.internal.AlarmWorkflow.Step;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;

/** The alarm lifecycle table: forbidden steps (409), every row recorded, the diagram in docs/, both languages. */
@QcIntegrationTest
class AlarmWorkflowTableTest extends WorkflowTableTestBase<State, Step, Facts> {

    AlarmWorkflowTableTest() {
        super(AlarmWorkflow.TABLE, new Facts(), 3 * 2 - 3, 3);
    }
}
