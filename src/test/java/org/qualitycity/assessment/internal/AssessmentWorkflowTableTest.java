package org.qualitycity.assessment.internal;

import org.qualitycity.assessment.internal.AssessmentWorkflow.State;
import org.qualitycity.assessment.internal.AssessmentWorkflow.Step;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;

/** The assessment run's table: forbidden steps (409, e.g. computing a published year), every row recorded, docs/. */
@QcIntegrationTest
class AssessmentWorkflowTableTest extends WorkflowTableTestBase<State, Step, Void> {

    AssessmentWorkflowTableTest() {
        super(AssessmentWorkflow.TABLE, null, 3 * 2 - 3, 3);
    }
}
