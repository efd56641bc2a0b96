package org.qualitycity.indicator.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WorkflowTableTestBase;
import org.springframework.security.access.AccessDeniedException;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data value's approval table: forbidden steps (409), guards, every row recorded, the diagram in docs/. */
@QcIntegrationTest
class ValueWorkflowTableTest
        extends WorkflowTableTestBase<ValueWorkflow.Status, ValueService.Action, ValueWorkflow.Facts> {

    static final CurrentUser CITY = new CurrentUser(7, "t", "t", 1, "x", "x", "/1/", DataScope.Kind.ALL,
            Set.of("indicator:value:enter", "indicator:value:approve", "indicator:value:reopen"), Set.of());
    static final CurrentUser ENTRY = new CurrentUser(8, "t", "t", 1, "x", "x", "/1/", DataScope.Kind.ALL,
            Set.of("indicator:value:enter"), Set.of());

    ValueWorkflowTableTest() {
        super(ValueWorkflow.TABLE, new ValueWorkflow.Facts(CITY, 1L, "REPORTED"), 4 * 4 - 5, 5);
    }

    @Test
    void reviewersDoNotApproveTheirOwnSubmissionAndOnlyReportedValuesAreReopened() {
        var t = ValueWorkflow.TABLE;
        assertThatThrownBy(() -> t.check(ValueWorkflow.Status.SUBMITTED, ValueService.Action.APPROVE,
                new ValueWorkflow.Facts(CITY, 7L, "REPORTED"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> t.check(ValueWorkflow.Status.SUBMITTED, ValueService.Action.RETURN,
                new ValueWorkflow.Facts(ENTRY, 1L, "REPORTED"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.check(ValueWorkflow.Status.APPROVED, ValueService.Action.REOPEN,
                new ValueWorkflow.Facts(CITY, 1L, "COMPUTED"))).isInstanceOf(ConflictException.class);
    }
}
