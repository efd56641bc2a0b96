package org.qualitycity.platform;

import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A workflow as a typed state machine: enum states, enum actions and a transition table with guards.
 * The table is the one statement of which step is allowed from which state, by whom and under which
 * condition; {@link WorkflowSteps#apply} is the one place that applies a step (checks it here, records it
 * in the history, audits it and publishes {@link WorkflowStepped}); {@link #mermaid()} draws the table
 * for docs/workflows/.
 *
 * @param <S> the states
 * @param <A> the actions
 * @param <C> what the guards look at (the record and the user), chosen by the module
 */
public final class Workflow<S extends Enum<S>, A extends Enum<A>, C> {

    /** A condition on a step: who may take it (refused with 403) or when it may be taken (refused with 409). */
    public record Guard<C>(String name, boolean who, Predicate<C> test) {

        /** Who may take the step: a user who fails it gets 403. */
        public static <C> Guard<C> who(String name, Predicate<C> test) {
            return new Guard<>(name, true, test);
        }

        /** A condition on the record: when it does not hold the step conflicts with the record (409). */
        public static <C> Guard<C> when(String name, Predicate<C> test) {
            return new Guard<>(name, false, test);
        }
    }

    /** One row of the table: {@code action} takes a record from {@code from} to {@code to} if every guard holds. */
    public record Transition<S, A, C>(S from, A action, S to, List<Guard<C>> guards) {
    }

    private final String module;
    private final String entityType;
    private final Class<S> stateType;
    private final Class<A> actionType;
    private final Set<S> initial;
    private final List<Transition<S, A, C>> transitions;
    private final String stateLabels;
    private final String actionLabels;

    private Workflow(String module, String entityType, Class<S> stateType, Class<A> actionType, Set<S> initial,
                     List<Transition<S, A, C>> transitions, String stateLabels, String actionLabels) {
        this.module = module;
        this.entityType = entityType;
        this.stateType = stateType;
        this.actionType = actionType;
        this.initial = initial;
        this.transitions = List.copyOf(transitions);
        this.stateLabels = stateLabels;
        this.actionLabels = actionLabels;
    }

    /** Starts a table for records of {@code entityType} in {@code module} (the names of the audit trail). */
    public static <S extends Enum<S>, A extends Enum<A>, C> Builder<S, A, C> of(String module, String entityType,
                                                                                  Class<S> states, Class<A> actions) {
        return new Builder<>(module, entityType, states, actions);
    }

    public String module() {
        return module;
    }

    public String entityType() {
        return entityType;
    }

    /** {@code module.entityType}, e.g. {@code complaint.case}: the workflow's name in the history and in docs/. */
    public String name() {
        return module + "." + entityType;
    }

    /** The message key of the record kind's name ({@code workflow.complaint.case}: 投诉举报件 / complaint case). */
    public String kindLabelKey() {
        return "workflow." + name();
    }

    /** The message key of a state's label (the table's state prefix and the state's name). */
    public String stateLabelKey(S state) {
        return stateLabels + state.name();
    }

    /** The message key of an action's label (the table's action prefix and the action's name). */
    public String actionLabelKey(A action) {
        return actionLabels + action.name();
    }

    /**
     * The message key of a guard's label: {@code workflow.<name>.guard.<guard name in lower case, words joined by
     * hyphens>}, e.g. {@code workflow.complaint.case.guard.mediation-running}. The guard's name itself stays the
     * English identifier that the diagrams show.
     */
    public String guardLabelKey(Guard<C> guard) {
        return kindLabelKey() + ".guard." + guard.name().toLowerCase(java.util.Locale.ROOT).strip()
                .replaceAll("[^a-z0-9]+", "-");
    }

    /** Every label key the table's refusals may render: the kind, each state, each action and each guard. */
    public Set<String> labelKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(kindLabelKey());
        for (S s : stateType.getEnumConstants()) {
            keys.add(stateLabelKey(s));
        }
        for (A a : actionType.getEnumConstants()) {
            keys.add(actionLabelKey(a));
        }
        transitions.forEach(t -> t.guards().forEach(g -> keys.add(guardLabelKey(g))));
        return keys;
    }

    public Class<S> stateType() {
        return stateType;
    }

    public Class<A> actionType() {
        return actionType;
    }

    public Set<S> initialStates() {
        return initial;
    }

    public List<Transition<S, A, C>> transitions() {
        return transitions;
    }

    /** The row for {@code action} in state {@code from}, if the table has one. */
    public Optional<Transition<S, A, C>> find(S from, A action) {
        return transitions.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /** The actions the table allows in {@code state} (guards not evaluated). */
    public Set<A> actionsIn(S state) {
        return transitions.stream().filter(t -> t.from() == state).map(Transition::action)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(actionType)));
    }

    /**
     * The transition for {@code action} in state {@code from}, its guards checked against {@code context}.
     *
     * @throws Refused   (409, a {@link ConflictException}) when the table has no such row, naming the state and the
     *                   action by their labels, or a {@link Guard#when} guard fails, naming the guard's label
     * @throws Forbidden (403, an {@link AccessDeniedException}) when a {@link Guard#who} guard fails
     */
    public Transition<S, A, C> check(S from, A action, C context) {
        Transition<S, A, C> t = find(from, action).orElse(null);
        if (t == null) {
            Set<A> allowed = actionsIn(from);
            String labels = allowed.stream().map(a -> Texts.msg(actionLabelKey(a)))
                    .collect(Collectors.joining(Texts.msg("workflow.refused.list-separator")));
            throw new Refused(allowed.isEmpty()
                    ? Texts.msg("workflow.refused.no-step", Texts.msg(kindLabelKey()), Texts.msg(stateLabelKey(from)),
                    Texts.msg(actionLabelKey(action)))
                    : Texts.msg("workflow.refused.not-allowed", Texts.msg(kindLabelKey()),
                    Texts.msg(stateLabelKey(from)), Texts.msg(actionLabelKey(action)), labels),
                    codes(from, action, null, allowed));
        }
        for (Guard<C> g : t.guards()) {
            if (!g.test().test(context)) {
                if (g.who()) {
                    throw new Forbidden(Texts.msg("workflow.refused.who", Texts.msg(kindLabelKey()),
                            Texts.msg(stateLabelKey(from)), Texts.msg(actionLabelKey(action)),
                            Texts.msg(guardLabelKey(g))), codes(from, action, g, null));
                }
                throw new Refused(Texts.msg("workflow.refused.when", Texts.msg(kindLabelKey()),
                        Texts.msg(stateLabelKey(from)), Texts.msg(actionLabelKey(action)), Texts.msg(guardLabelKey(g))),
                        codes(from, action, g, null));
            }
        }
        return t;
    }

    /** The machine-readable side of a refusal (problem properties): the workflow, state, action, guard, allowed. */
    private java.util.Map<String, Object> codes(S from, A action, Guard<C> guard, Set<A> allowed) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("workflow", name());
        m.put("state", from.name());
        m.put("action", action.name());
        if (guard != null) {
            m.put("guard", guard.name());
        }
        if (allowed != null) {
            m.put("allowed", allowed.stream().map(Enum::name).toList());
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A step the table refuses (409): a message in the reader's language and the codes for API clients. */
    public static final class Refused extends ConflictException {
        private final java.util.Map<String, Object> codes;

        Refused(String message, java.util.Map<String, Object> codes) {
            super(message);
            this.codes = codes;
        }

        /** {@code workflow}, {@code state}, {@code action} and {@code guard} or {@code allowed}: names, not labels. */
        public java.util.Map<String, Object> codes() {
            return codes;
        }
    }

    /** A step that a {@link Guard#who} guard refuses (403), with the same codes as {@link Refused}. */
    public static final class Forbidden extends AccessDeniedException {
        private final java.util.Map<String, Object> codes;

        Forbidden(String message, java.util.Map<String, Object> codes) {
            super(message);
            this.codes = codes;
        }

        public java.util.Map<String, Object> codes() {
            return codes;
        }
    }

    /** The table as a Mermaid {@code stateDiagram-v2}: initial states, every row with its guards, final states. */
    public String mermaid() {
        StringBuilder sb = new StringBuilder("stateDiagram-v2\n");
        for (S s : initial) {
            sb.append("    [*] --> ").append(s.name()).append('\n');
        }
        for (Transition<S, A, C> t : transitions) {
            sb.append("    ").append(t.from().name()).append(" --> ").append(t.to().name()).append(" : ")
                    .append(t.action().name());
            if (!t.guards().isEmpty()) {
                sb.append(t.guards().stream().map(g -> (g.who() ? "who " : "if ") + g.name())
                        .collect(Collectors.joining(", ", " [", "]")));
            }
            sb.append('\n');
        }
        for (S s : stateType.getEnumConstants()) {
            boolean reached = initial.contains(s) || transitions.stream().anyMatch(t -> t.to() == s);
            if (reached && transitions.stream().noneMatch(t -> t.from() == s)) {
                sb.append("    ").append(s.name()).append(" --> [*]\n");
            }
        }
        return sb.toString();
    }

    /** Builds the table row by row; a second row for the same state and action is a programming error. */
    public static final class Builder<S extends Enum<S>, A extends Enum<A>, C> {
        private final String module;
        private final String entityType;
        private final Class<S> states;
        private final Class<A> actions;
        private final Set<S> initial = new LinkedHashSet<>();
        private final List<Transition<S, A, C>> rows = new ArrayList<>();
        private String stateLabels;
        private String actionLabels;

        private Builder(String module, String entityType, Class<S> states, Class<A> actions) {
            this.module = module;
            this.entityType = entityType;
            this.states = states;
            this.actions = actions;
            this.stateLabels = "workflow." + module + "." + entityType + ".state.";
            this.actionLabels = "workflow." + module + "." + entityType + ".action.";
        }

        /**
         * The message key prefixes of the state and action labels ({@code complaint.status.} →
         * {@code complaint.status.RECEIVED}); without them {@code workflow.<name>.state.} and {@code .action.}.
         */
        public Builder<S, A, C> labels(String statePrefix, String actionPrefix) {
            this.stateLabels = statePrefix;
            this.actionLabels = actionPrefix;
            return this;
        }

        /** The states a record starts in. */
        @SafeVarargs
        public final Builder<S, A, C> initial(S... s) {
            initial.addAll(Arrays.asList(s));
            return this;
        }

        /** {@code action} takes a record from {@code from} to {@code to} when the guards hold. */
        @SafeVarargs
        public final Builder<S, A, C> on(A action, S from, S to, Guard<C>... guards) {
            if (rows.stream().anyMatch(t -> t.from() == from && t.action() == action)) {
                throw new IllegalStateException("two rows for " + action + " in " + from);
            }
            rows.add(new Transition<>(from, action, to, List.of(guards)));
            return this;
        }

        /** {@code action} in any of {@code from} keeps the state (a step that changes something else). */
        @SafeVarargs
        public final Builder<S, A, C> stay(A action, Set<S> from, Guard<C>... guards) {
            for (S s : states.getEnumConstants()) {
                if (from.contains(s)) {
                    on(action, s, s, guards);
                }
            }
            return this;
        }

        public Workflow<S, A, C> build() {
            return new Workflow<>(module, entityType, states, actions,
                    java.util.Collections.unmodifiableSet(new LinkedHashSet<>(initial)), rows, stateLabels, actionLabels);
        }
    }
}
