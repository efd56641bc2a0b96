package org.qualitycity.support;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.WorkflowSteps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every workflow table gets (see {@link WorkflowTables}): each step missing from the table is a 409
 * naming state and action, each row is recorded, audited and published, the diagram in docs/workflows/ is the
 * table's, and each label of a refusal is in both languages. A table's test extends this and states only its
 * table's specifics: the table, a context that passes every guard, how many steps it forbids and allows (so that a
 * row added, dropped or moved fails the test) and, as its own tests, its guards.
 * <pre>{@code
 * @QcIntegrationTest
 * class AlarmWorkflowTableTest extends WorkflowTableTestBase<State, Action, Facts> {
 *     AlarmWorkflowTableTest() {
 *         super(AlarmWorkflow.TABLE, new AlarmWorkflow.Facts(), 3 * 2 - 3, 3);
 *     }
 * }
 * }</pre>
 */
@QcIntegrationTest
@RecordApplicationEvents
public abstract class WorkflowTableTestBase<S extends Enum<S>, A extends Enum<A>, C> {

    private final Workflow<S, A, C> table;
    private final C context;
    private final int forbidden;
    private final int allowed;

    @Autowired
    WorkflowSteps steps;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    /**
     * @param table     the workflow table under test
     * @param context   facts that pass every guard of every row (override {@link #contextFor} where rows need
     *                  different ones)
     * @param forbidden the number of state × action pairs the table lacks
     * @param allowed   the number of rows of the table
     */
    protected WorkflowTableTestBase(Workflow<S, A, C> table, C context, int forbidden, int allowed) {
        this.table = table;
        this.context = context;
        this.forbidden = forbidden;
        this.allowed = allowed;
    }

    /** Facts that pass every guard of this row; the constructor's context unless overridden. */
    protected C contextFor(Workflow.Transition<S, A, C> row) {
        return context;
    }

    /** At least this many label keys (kind, states, actions, guards) must be in both bundles. */
    protected int minimumLabels() {
        return 4;
    }

    @Test
    public void everyStepMissingFromTheTableIsAConflictNamingStateAndAction() {
        assertThat(WorkflowTables.assertEveryForbiddenStepConflicts(table, context)).as("forbidden steps of %s",
                table.name()).isEqualTo(forbidden);
    }

    @Test
    public void everyAllowedStepIsRecordedAuditedAndPublished() {
        assertThat(WorkflowTables.assertEveryAllowedStepIsRecordedWith(table, this::contextFor, steps, tx, jdbc, events))
                .as("rows of %s", table.name()).isEqualTo(allowed);
    }

    @Test
    public void theCommittedDiagramIsTheTables() {
        WorkflowTables.assertDiagramCurrent(table);
    }

    @Test
    public void everyLabelOfARefusalExistsInChineseAndEnglish() {
        assertThat(WorkflowTables.assertEveryLabelInBothLanguages(table)).isGreaterThanOrEqualTo(minimumLabels());
    }
}
