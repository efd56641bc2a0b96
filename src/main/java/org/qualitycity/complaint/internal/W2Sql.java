package org.qualitycity.complaint.internal;

/**
 * The W2 definitions as SQL predicates over {@code complaint_case c}, shared by the indicator provider
 * and the drill-down list so that a value and the cases behind it cannot disagree. {@code :today}
 * must be bound. Only complaints count (质量投诉); repeats, refusals and withdrawals before a decision
 * are not due.
 */
final class W2Sql {

    private W2Sql() {
    }

    /** W2a denominator, by month of receipt: admissible complaints whose acceptance decision is made or overdue. */
    static final String RECEIVED = """
            (c.type = 'COMPLAINT' AND c.repeat_of_id IS NULL AND c.status NOT IN ('REFUSED', 'REPEAT')
             AND NOT (c.status = 'WITHDRAWN' AND c.decided_on IS NULL)
             AND (c.decided_on IS NOT NULL OR c.accept_due < :today))""";

    /** W2a numerator (100%受理): accepted, whatever the time. */
    static final String ACCEPTED = "(c.decided_on IS NOT NULL)";

    /** W2a_ONTIME numerator: accepted within 7 working days. */
    static final String ACCEPTED_ON_TIME = "(c.decided_on IS NOT NULL AND c.decided_on <= c.accept_due)";

    /** W2b denominator, by month of the handling deadline: accepted complaints due (or handled early). */
    static final String DUE = """
            (c.type = 'COMPLAINT' AND c.repeat_of_id IS NULL AND c.decided_on IS NOT NULL AND c.handle_due IS NOT NULL
             AND c.status IN ('ACCEPTED', 'HANDLED', 'REPLIED', 'CLOSED')
             AND (c.handled_on IS NOT NULL OR (c.handle_due < :today AND c.paused_since IS NULL)))""";

    /** W2b numerator and W2c/W2c_ONTIME denominator (100%办理): handled, whatever the time. */
    static final String HANDLED = "(c.handled_on IS NOT NULL)";

    /** W2b_ONTIME numerator: handled by the deadline. */
    static final String HANDLED_ON_TIME = "(c.handled_on IS NOT NULL AND c.handled_on <= c.handle_due)";

    /** W2c numerator (100%反馈): replied to the complainant, whatever the time. */
    static final String REPLIED = "(c.replied_on IS NOT NULL)";

    /** W2c_ONTIME numerator: replied to the complainant within 7 working days of handling. */
    static final String REPLIED_ON_TIME = "(c.replied_on IS NOT NULL AND c.replied_on <= c.reply_due)";
}
