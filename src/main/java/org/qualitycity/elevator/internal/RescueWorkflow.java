package org.qualitycity.elevator.internal;

import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.Workflow.Guard;

/**
 * The 96333 rescue order (报警 → 响应 → 到场 → 解困 → 办结; a false alarm is cancelled) as a transition table. The
 * response (3 minutes) and arrival (30 minutes) timers run from the order's opening; missing one escalates
 * ({@link RescueOrders#checkTimers}) without changing the state.
 */
public final class RescueWorkflow {

    /** The order's states. */
    public enum State { OPEN, RESPONDED, ARRIVED, RELEASED, CLOSED, CANCELLED }

    /** The steps of a rescuer or the 96333 centre. */
    public enum Action { RESPOND, ARRIVE, RELEASE, CLOSE, CANCEL }

    /** What the guards look at: whether the user handles rescues. */
    record Facts(boolean handler) {
    }

    private static final Guard<Facts> HANDLER = Guard.who("rescue handler", Facts::handler);

    /** docs/workflows/elevator.rescue-order.md draws it. */
    static final Workflow<State, Action, Facts> TABLE = Workflow.<State, Action, Facts>of("elevator", "rescue-order",
                    State.class, Action.class)
            .labels("elevator.rescue.state.", "elevator.rescue.action.")
            .initial(State.OPEN)
            .on(Action.RESPOND, State.OPEN, State.RESPONDED, HANDLER)
            .on(Action.ARRIVE, State.RESPONDED, State.ARRIVED, HANDLER)
            .on(Action.RELEASE, State.ARRIVED, State.RELEASED, HANDLER)
            .on(Action.CLOSE, State.RELEASED, State.CLOSED, HANDLER)
            .on(Action.CANCEL, State.OPEN, State.CANCELLED, HANDLER)
            .on(Action.CANCEL, State.RESPONDED, State.CANCELLED, HANDLER)
            .build();

    private RescueWorkflow() {
    }
}
