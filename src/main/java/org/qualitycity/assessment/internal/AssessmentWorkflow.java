package org.qualitycity.assessment.internal;

import org.qualitycity.platform.Workflow;

/**
 * The annual assessment's run as a transition table: computed (again and again) as a draft, then published and
 * locked. Objections and adjustments change a draft only ({@link AssessmentService#requireOpen}).
 */
final class AssessmentWorkflow {

    /** The state of a year's run; NONE before the first computation ({@code assessment_run.state} otherwise). */
    enum State { NONE, DRAFT, PUBLISHED }

    enum Step { COMPUTE, PUBLISH }

    /** docs/workflows/assessment.run.md draws it. */
    static final Workflow<State, Step, Void> TABLE = Workflow.<State, Step, Void>of("assessment", "run", State.class,
                    Step.class)
            .labels("assessment.state.", "assessment.step.")
            .initial(State.NONE)
            .on(Step.COMPUTE, State.NONE, State.DRAFT)
            .on(Step.COMPUTE, State.DRAFT, State.DRAFT)
            .on(Step.PUBLISH, State.DRAFT, State.PUBLISHED)
            .build();

    static State of(String state) {
        return state == null ? State.NONE : State.valueOf(state);
    }

    private AssessmentWorkflow() {
    }
}
