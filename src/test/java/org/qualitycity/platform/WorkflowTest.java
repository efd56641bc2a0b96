package org.qualitycity.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Workflow.Guard;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;

import java.util.Locale;
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

    /** The refusal formats of the real bundles and labels for the demo table, in Chinese and English. */
    static org.springframework.context.MessageSource demoTexts() throws java.io.IOException {
        var ms = new org.springframework.context.support.StaticMessageSource();
        for (var lang : java.util.Map.of(Locale.SIMPLIFIED_CHINESE, "messages.properties", Locale.ENGLISH,
                "messages_en.properties").entrySet()) {
            var p = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("src/main/resources/i18n",
                    lang.getValue()))) {
                p.load(in);
            }
            p.stringPropertyNames().stream().filter(k -> k.startsWith("workflow."))
                    .forEach(k -> ms.addMessage(k, lang.getKey(), p.getProperty(k)));
        }
        String[][] labels = {{"workflow.demo.value", "演示数据", "demo value"},
                {"workflow.demo.value.state.DRAFT", "草稿", "Draft"},
                {"workflow.demo.value.state.SUBMITTED", "待审核", "Submitted"},
                {"workflow.demo.value.state.APPROVED", "已审核", "Approved"},
                {"workflow.demo.value.action.SUBMIT", "提交", "Submit"},
                {"workflow.demo.value.action.APPROVE", "审核通过", "Approve"},
                {"workflow.demo.value.action.RETURN", "退回", "Return"},
                {"workflow.demo.value.action.EDIT", "修改", "Edit"},
                {"workflow.demo.value.guard.complete", "内容完整", "it is complete"},
                {"workflow.demo.value.guard.reviewer", "审核人员", "reviewers"}};
        for (String[] l : labels) {
            ms.addMessage(l[0], Locale.SIMPLIFIED_CHINESE, l[1]);
            ms.addMessage(l[0], Locale.ENGLISH, l[2]);
        }
        return ms;
    }

    private static Object previousSource;

    /** Texts renders with the demo labels here; the application's source is put back afterwards. */
    @BeforeAll
    static void demoLabels() throws Exception {
        var f = Texts.class.getDeclaredField("source");
        f.setAccessible(true);
        previousSource = f.get(null);
        new Texts(demoTexts());
    }

    @AfterAll
    static void restore() throws Exception {
        var f = Texts.class.getDeclaredField("source");
        f.setAccessible(true);
        f.set(null, previousSource);
    }

    @Test
    void aStepMissingFromTheTableIsAConflictNamingTheStateAndTheActionByTheirLabels() {
        assertThatThrownBy(() -> TABLE.check(State.APPROVED, Action.SUBMIT, new Ctx(true, true)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("演示数据当前为“已审核”状态，不能办理“提交”，也没有其他可办理的操作。")
                .isInstanceOfSatisfying(Workflow.Refused.class, r -> assertThat(r.codes())
                        .containsEntry("workflow", "demo.value").containsEntry("state", "APPROVED")
                        .containsEntry("action", "SUBMIT").containsEntry("allowed", java.util.List.of()));
        assertThatThrownBy(() -> TABLE.check(State.SUBMITTED, Action.EDIT, new Ctx(true, true)))
                .hasMessage("演示数据当前为“待审核”状态，不能办理“修改”；当前可以办理：审核通过、退回。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            assertThatThrownBy(() -> TABLE.check(State.SUBMITTED, Action.EDIT, new Ctx(true, true)))
                    .hasMessage("The demo value is “Submitted”: “Edit” is not possible in this state"
                            + " (possible now: Approve, Return).");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
        assertThat(org.qualitycity.support.WorkflowTables.assertEveryForbiddenStepConflicts(TABLE,
                new Ctx(true, true))).isEqualTo(3 * 4 - 4);
    }

    @Test
    void aWhoGuardRefusesWith403AndAWhenGuardWith409() {
        assertThatThrownBy(() -> TABLE.check(State.SUBMITTED, Action.APPROVE, new Ctx(false, true)))
                .isInstanceOf(AccessDeniedException.class).hasMessage("您无权对该演示数据办理“审核通过”：此操作仅限审核人员。")
                .isInstanceOfSatisfying(Workflow.Forbidden.class, f -> assertThat(f.codes())
                        .containsEntry("guard", "reviewer").containsEntry("state", "SUBMITTED"));
        assertThatThrownBy(() -> TABLE.check(State.DRAFT, Action.SUBMIT, new Ctx(true, false)))
                .isInstanceOf(ConflictException.class).hasMessage("演示数据当前为“草稿”状态，办理“提交”须满足：内容完整。")
                .isInstanceOfSatisfying(Workflow.Refused.class, r -> assertThat(r.codes())
                        .containsEntry("guard", "complete").containsEntry("action", "SUBMIT"));
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            assertThatThrownBy(() -> TABLE.check(State.DRAFT, Action.SUBMIT, new Ctx(true, false)))
                    .hasMessage("The demo value is “Draft”: “Submit” is possible only when it is complete.");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void theLabelKeysComeFromTheTableAndTheGuardNames() {
        assertThat(TABLE.guardLabelKey(Guard.when("Not reopened  before", c -> true)))
                .isEqualTo("workflow.demo.value.guard.not-reopened-before");
        var labelled = Workflow.<State, Action, Ctx>of("demo", "value", State.class, Action.class)
                .labels("demo.status.", "demo.action.").on(Action.SUBMIT, State.DRAFT, State.SUBMITTED).build();
        assertThat(labelled.stateLabelKey(State.DRAFT)).isEqualTo("demo.status.DRAFT");
        assertThat(labelled.actionLabelKey(Action.SUBMIT)).isEqualTo("demo.action.SUBMIT");
        assertThat(TABLE.labelKeys()).contains("workflow.demo.value", "workflow.demo.value.state.APPROVED",
                "workflow.demo.value.action.EDIT", "workflow.demo.value.guard.complete",
                "workflow.demo.value.guard.reviewer").hasSize(1 + 3 + 4 + 2);
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
