package org.qualitycity.portal.internal;

import org.qualitycity.portal.internal.HotTopicWorkflow.Facts;
import org.qualitycity.portal.internal.HotTopicWorkflow.State;
import org.qualitycity.portal.internal.HotTopicWorkflow.Step;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;

/** Hot-topic moderation (issue 18): forbidden steps (409), every row recorded, the diagram in docs/, both languages. */
@QcIntegrationTest
class HotTopicWorkflowTableTest extends WorkflowTableTestBase<State, Step, Facts> {

    HotTopicWorkflowTableTest() {
        super(HotTopicWorkflow.TABLE, new Facts(), 3 * 2 - 2, 2);
    }

    @Override
    protected int minimumLabels() {
        return 6;
    }
}
