package org.qualitycity.spotcheck.internal;

import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.Workflow.Guard;

/**
 * A sample's result as a transition table: sampled (or refused), tested, objected to within 15 days of a failed
 * result, re-tested (final). The state is derived from the sample's columns ({@link #stateOf}); the follow-up of
 * failed batches (rectification report, re-inspection) is a record of its own.
 */
final class SampleWorkflow {

    enum State { SAMPLED, REFUSED, TESTED, OBJECTED, RETESTED }

    enum Step { RESULT, OBJECTION, RETEST }

    /** What the guards look at: the first verdict. */
    record Facts(String firstVerdict) {
    }

    /** docs/workflows/spotcheck.sample.md draws it. */
    static final Workflow<State, Step, Facts> TABLE = Workflow.<State, Step, Facts>of("spotcheck", "sample",
                    State.class, Step.class)
            .labels("spotcheck.sampleState.", "spotcheck.sampleStep.")
            .initial(State.SAMPLED, State.REFUSED)
            .on(Step.RESULT, State.SAMPLED, State.TESTED)
            .on(Step.OBJECTION, State.TESTED, State.OBJECTED, Guard.when("a failed result",
                    f -> "FAIL".equals(f.firstVerdict())))
            .on(Step.RETEST, State.OBJECTED, State.RETESTED)
            .build();

    static State stateOf(SpotcheckService.SampleView s) {
        if (s.refused()) {
            return State.REFUSED;
        }
        if (s.retestVerdict() != null) {
            return State.RETESTED;
        }
        if (s.objectionOn() != null) {
            return State.OBJECTED;
        }
        return s.firstVerdict() != null ? State.TESTED : State.SAMPLED;
    }

    private SampleWorkflow() {
    }
}
