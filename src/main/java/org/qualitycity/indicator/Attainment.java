package org.qualitycity.indicator;

/** Whether a value meets its target. */
public enum Attainment {
    /** The value meets the target. */
    MET,
    /** The value misses the target. */
    NOT_MET,
    /** The value meets the target so far, but the projection to year end misses it. */
    AT_RISK,
    /** A target due later (a count by a date) not reached yet, with a projection that reaches it. */
    ON_TRACK,
    /** No value for the period. */
    NO_DATA,
    /** A qualitative target that a person has not yet assessed. */
    PENDING_ASSESSMENT
}
