package org.qualitycity.indicator.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.Workflow.Guard;

/** The approval of a data value (draft → submitted → approved or returned; reopened by the city) as a table. */
final class ValueWorkflow {

    /** The status of a value ({@code indicator_value.status}). */
    enum Status { DRAFT, SUBMITTED, RETURNED, APPROVED }

    /** What the guards look at: the user, who submitted the value and where it comes from. */
    record Facts(CurrentUser user, Long submittedBy, String source) {

        boolean may(String permission) {
            return user.can(permission);
        }

        boolean ownSubmission() {
            return submittedBy != null && submittedBy == user.id();
        }
    }

    private static final Guard<Facts> APPROVER = Guard.who("approver", f -> f.may("indicator:value:approve"));
    private static final Guard<Facts> NOT_OWN = Guard.when("no review of an own submission", f -> !f.ownSubmission());

    /** docs/workflows/indicator.value.md draws it. */
    static final Workflow<Status, ValueService.Action, Facts> TABLE = Workflow.<Status, ValueService.Action, Facts>of(
                    "indicator", "value", Status.class, ValueService.Action.class)
            .labels("indicator.valueStatus.", "indicator.valueAction.")
            .initial(Status.DRAFT)
            .on(ValueService.Action.SUBMIT, Status.DRAFT, Status.SUBMITTED,
                    Guard.who("data entry", f -> f.may("indicator:value:enter")))
            .on(ValueService.Action.SUBMIT, Status.RETURNED, Status.SUBMITTED,
                    Guard.who("data entry", f -> f.may("indicator:value:enter")))
            .on(ValueService.Action.APPROVE, Status.SUBMITTED, Status.APPROVED, APPROVER, NOT_OWN)
            .on(ValueService.Action.RETURN, Status.SUBMITTED, Status.RETURNED, APPROVER, NOT_OWN)
            .on(ValueService.Action.REOPEN, Status.APPROVED, Status.DRAFT,
                    Guard.who("reopener", f -> f.may("indicator:value:reopen")),
                    Guard.when("a reported value", f -> "REPORTED".equals(f.source())))
            .build();

    private ValueWorkflow() {
    }
}
