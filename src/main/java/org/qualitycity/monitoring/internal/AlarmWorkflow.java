package org.qualitycity.monitoring.internal;

import org.qualitycity.platform.Workflow;

/**
 * An alarm's lifecycle: raised by a rule, acknowledged by an officer, cleared by the rule's clear condition (or
 * by fresh data for a "no data" alarm). An alarm is created RAISED; a cleared alarm is history, and the rule
 * raises a new one the next time its condition holds.
 */
public final class AlarmWorkflow {

    public enum State { RAISED, ACKNOWLEDGED, CLEARED }

    public enum Step { ACKNOWLEDGE, CLEAR }

    /** Nothing for the guards to look at. */
    public record Facts() {
    }

    /** docs/workflows/monitoring.alarm.md draws it. */
    public static final Workflow<State, Step, Facts> TABLE = Workflow.<State, Step, Facts>of("monitoring", "alarm",
                    State.class, Step.class)
            .labels("monitoring.alarmState.", "monitoring.alarmStep.")
            .initial(State.RAISED)
            .on(Step.ACKNOWLEDGE, State.RAISED, State.ACKNOWLEDGED)
            .on(Step.CLEAR, State.RAISED, State.CLEARED)
            .on(Step.CLEAR, State.ACKNOWLEDGED, State.CLEARED)
            .build();

    private AlarmWorkflow() {
    }
}
