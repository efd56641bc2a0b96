package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Workflow.Guard;
import org.springframework.security.access.AccessDeniedException;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic transition table: lookup, guards (403 for who, 409 for when), 409 naming state and action, Mermaid. */
class WorkflowTest {

    enum State { DRAFT, SUBMITTED, APPROVED }

    enum Action { SUBMIT, APPROVE, RETURN, EDIT }

    record Ctx(boolean reviewer, boolean complete) {
    }

    static final Workflow<State, Action, Ctx> TABLE = Workflow.<State, Action, Ctx>of("demo", "value", State.class,
                    Action.class)
            .initial(State.DRAFT)
            .on(Action.SUBMIT, State.DRAFT, State.SUBMITTED, Guard.when("complete", Ctx::complete))
            .on(Action.APPROVE, State.SUBMITTED, State.APPROVED, Guard.who("reviewer", Ctx::reviewer))
            .on(Action.RETURN, State.SUBMITTED, State.DRAFT, Guard.who("reviewer", Ctx::reviewer))
            .stay(Action.EDIT, Set.of(State.DRAFT))
            .build();

    @Test
    void allowedStepsFollowTheTable() {
        Ctx ok = new Ctx(true, true);
        assertThat(TABLE.check(State.DRAFT, Action.SUBMIT, ok).to()).isEqualTo(State.SUBMITTED);
        assertThat(TABLE.check(State.SUBMITTED, Action.APPROVE, ok).to()).isEqualTo(State.APPROVED);
        assertThat(TABLE.check(State.SUBMITTED, Action.RETURN, ok).to()).isEqualTo(State.DRAFT);
        assertThat(TABLE.check(State.DRAFT, Action.EDIT, ok).to()).isEqualTo(State.DRAFT);
        assertThat(TABLE.actionsIn(State.SUBMITTED)).containsExactlyInAnyOrder(Action.APPROVE, Action.RETURN);
        assertThat(TABLE.name()).isEqualTo("demo.value");
    }

    @Test
    void aStepMissingFromTheTableIsAConflictNamingTheStateAndTheAction() {
        assertThatThrownBy(() -> TABLE.check(State.APPROVED, Action.SUBMIT, new Ctx(true, true)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("APPROVED").hasMessageContaining("SUBMIT");
        assertThat(org.qualitycity.support.WorkflowTables.assertEveryForbiddenStepConflicts(TABLE,
                new Ctx(true, true))).isEqualTo(3 * 4 - 4);
    }

    @Test
    void aWhoGuardRefusesWith403AndAWhenGuardWith409() {
        assertThatThrownBy(() -> TABLE.check(State.SUBMITTED, Action.APPROVE, new Ctx(false, true)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("reviewer");
        assertThatThrownBy(() -> TABLE.check(State.DRAFT, Action.SUBMIT, new Ctx(true, false)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("DRAFT").hasMessageContaining("complete");
    }

    @Test
    void aSecondRowForTheSameStateAndActionIsRefused() {
        var b = Workflow.<State, Action, Ctx>of("demo", "value", State.class, Action.class)
                .on(Action.SUBMIT, State.DRAFT, State.SUBMITTED);
        assertThatThrownBy(() -> b.on(Action.SUBMIT, State.DRAFT, State.APPROVED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDiagramDrawsEveryRowWithItsGuards() {
        assertThat(TABLE.mermaid()).isEqualTo("""
                stateDiagram-v2
                    [*] --> DRAFT
                    DRAFT --> SUBMITTED : SUBMIT [if complete]
                    SUBMITTED --> APPROVED : APPROVE [who reviewer]
                    SUBMITTED --> DRAFT : RETURN [who reviewer]
                    DRAFT --> DRAFT : EDIT
                    APPROVED --> [*]
                """);
    }
}
