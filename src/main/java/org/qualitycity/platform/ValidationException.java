package org.qualitycity.platform;

import java.util.List;

/** Input that breaks a rule: answers 400 with one entry per offending field. */
public class ValidationException extends RuntimeException {

    private final List<FieldProblem> problems;

    public ValidationException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One field's problem; {@code message} is for people (already localised where possible). */
    public record FieldProblem(String field, String message) {
    }
}
