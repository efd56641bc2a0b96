package org.qualitycity.support;

import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.WorkflowStepped;
import org.qualitycity.platform.WorkflowSteps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Checks every workflow table the same way: forbidden steps, and the committed diagram in docs/workflows/. */
public final class WorkflowTables {

    public static final Path DOCS = Path.of("docs/workflows");

    private WorkflowTables() {
    }

    /**
     * Every state × action pair that the table lacks is refused with a 409 that names the state and the action by
     * their labels in the reader's language (Chinese outside a request) and carries their codes for API clients.
     */
    public static <S extends Enum<S>, A extends Enum<A>, C> int assertEveryForbiddenStepConflicts(
            Workflow<S, A, C> workflow, C context) {
        int forbidden = 0;
        for (S s : workflow.stateType().getEnumConstants()) {
            for (A a : workflow.actionType().getEnumConstants()) {
                if (workflow.find(s, a).isPresent()) {
                    continue;
                }
                forbidden++;
                assertThatThrownBy(() -> workflow.check(s, a, context)).as("%s in %s", a, s)
                        .isInstanceOf(ConflictException.class)
                        .hasMessageContaining(Texts.msg(workflow.stateLabelKey(s)))
                        .hasMessageContaining(Texts.msg(workflow.actionLabelKey(a)))
                        .hasMessageContaining(Texts.msg(workflow.kindLabelKey()))
                        .satisfies(e -> assertThat(e.getMessage()).as("no raw key")
                                .doesNotContain(workflow.stateLabelKey(s)).doesNotContain(workflow.actionLabelKey(a))
                                .doesNotContain("workflow."))
                        .isInstanceOfSatisfying(Workflow.Refused.class, r -> assertThat(r.codes())
                                .containsEntry("workflow", workflow.name()).containsEntry("state", s.name())
                                .containsEntry("action", a.name()));
            }
        }
        return forbidden;
    }

    /**
     * Every label a refusal of the table shows (the record kind, each state, each action, each guard) exists in the
     * Chinese and the English bundles, so that no refusal shows a raw key or a code.
     *
     * @return the number of label keys checked
     */
    public static int assertEveryLabelInBothLanguages(Workflow<?, ?, ?> workflow) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (String key : workflow.labelKeys()) {
            for (boolean english : new boolean[] {false, true}) {
                String text = bundles(english).getProperty(key);
                if (text == null || text.isBlank()) {
                    missing.add((english ? "en: " : "zh: ") + key);
                }
            }
        }
        assertThat(missing).as("label keys of %s missing from a bundle", workflow.name()).isEmpty();
        return workflow.labelKeys().size();
    }

    /** A label from the bundles: Chinese (the default language) or English. */
    public static String label(String key, boolean english) {
        return bundles(english).getProperty(key, key);
    }

    private static java.util.Properties bundles(boolean english) {
        java.util.Properties all = new java.util.Properties();
        try (var files = Files.list(Path.of("src/main/resources/i18n"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".properties")
                    && p.getFileName().toString().endsWith("_en.properties") == english).toList()) {
                try (var in = Files.newBufferedReader(f, java.nio.charset.StandardCharsets.UTF_8)) {
                    all.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /**
     * Every row of the table, applied through {@link WorkflowSteps} to a record of its own (a negative id, so no
     * real record is touched; the module's effect is left out): the step is in the history, the audit trail has
     * its entry and {@link WorkflowStepped} is published. {@code context} must pass every guard.
     *
     * @return the number of rows applied
     */
    public static <S extends Enum<S>, A extends Enum<A>, C> int assertEveryAllowedStepIsRecorded(
            Workflow<S, A, C> workflow, C context, WorkflowSteps steps, TransactionTemplate tx, JdbcClient jdbc,
            ApplicationEvents events) {
        return assertEveryAllowedStepIsRecordedWith(workflow, t -> context, steps, tx, jdbc, events);
    }

    /** As above, with facts of each row's own ({@code contextFor} must pass every guard of the row it is given). */
    public static <S extends Enum<S>, A extends Enum<A>, C> int assertEveryAllowedStepIsRecordedWith(
            Workflow<S, A, C> workflow, java.util.function.Function<Workflow.Transition<S, A, C>, C> contextFor,
            WorkflowSteps steps, TransactionTemplate tx, JdbcClient jdbc, ApplicationEvents events) {
        for (Workflow.Transition<S, A, C> t : workflow.transitions()) {
            long id = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
            C context = contextFor.apply(t);
            S to = tx.execute(x -> steps.apply(workflow, id, null, t.from(), t.action(), context,
                    row -> WorkflowSteps.Change.STATES));
            assertThat(to).as("%s in %s", t.action(), t.from()).isEqualTo(t.to());
            var history = steps.history(workflow, id);
            assertThat(history).as("history of %s in %s", t.action(), t.from()).hasSize(1);
            assertThat(history.get(0).action()).isEqualTo(t.action().name());
            assertThat(history.get(0).from()).isEqualTo(t.from().name());
            assertThat(history.get(0).to()).isEqualTo(t.to().name());
            assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = :m AND entity_type = :e"
                            + " AND entity_id = :id AND action = :a")
                    .param("m", workflow.module()).param("e", workflow.entityType()).param("id", String.valueOf(id))
                    .param("a", t.action().name()).query(Long.class).single())
                    .as("audit entry of %s in %s", t.action(), t.from()).isEqualTo(1);
            assertThat(events.stream(WorkflowStepped.class).filter(e -> e.entityId().equals(String.valueOf(id))
                    && e.workflow().equals(workflow.name()) && e.action().equals(t.action().name())
                    && e.from().equals(t.from().name()) && e.to().equals(t.to().name())))
                    .as("event of %s in %s", t.action(), t.from()).hasSize(1);
        }
        return workflow.transitions().size();
    }

    /**
     * The diagram under docs/workflows/ is the table's: when it differs (or is missing) it is rewritten and the
     * test fails, so a changed table cannot leave a stale diagram behind (commit the rewritten file).
     */
    public static void assertDiagramCurrent(Workflow<?, ?, ?> workflow) {
        Path file = DOCS.resolve(workflow.name() + ".md");
        String expected = "# Workflow " + workflow.name() + "\n\n"
                + "Generated from the transition table by the workflow table tests; do not edit by hand.\n"
                + "`who` guards refuse with 403, `if` guards and any step not drawn here with 409.\n\n"
                + "```mermaid\n" + workflow.mermaid() + "```\n";
        try {
            String actual = Files.exists(file) ? Files.readString(file) : null;
            if (!expected.equals(actual)) {
                Files.createDirectories(DOCS);
                Files.writeString(file, expected);
                fail(file + " did not match the transition table; it was rewritten: commit it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(file).exists();
    }
}
