package org.qualitycity.portal.internal;

import org.qualitycity.platform.Workflow;

/**
 * A quality hot topic proposed by the public (质量热点问题征集): created PENDING by the proposal; the quality office
 * publishes it (its text with personal data removed) or rejects it, once. Only PUBLISHED topics are public.
 */
public final class HotTopicWorkflow {

    public enum State { PENDING, PUBLISHED, REJECTED }

    public enum Step { PUBLISH, REJECT }

    /** Nothing for the guards to look at (who may moderate is the permission portal:hottopic:moderate). */
    public record Facts() {
    }

    /** docs/workflows/portal.hot-topic.md draws it. */
    public static final Workflow<State, Step, Facts> TABLE = Workflow.<State, Step, Facts>of("portal", "hot-topic",
                    State.class, Step.class)
            .labels("portal.hotTopicState.", "portal.hotTopicStep.")
            .initial(State.PENDING)
            .on(Step.PUBLISH, State.PENDING, State.PUBLISHED)
            .on(Step.REJECT, State.PENDING, State.REJECTED)
            .build();

    private HotTopicWorkflow() {
    }
}
