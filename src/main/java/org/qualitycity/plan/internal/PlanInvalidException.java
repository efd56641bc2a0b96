package org.qualitycity.plan.internal;

import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;

import java.util.List;

/**
 * A plan file that may not be stored, with every problem found. It is a {@link ValidationException}
 * (400 with field errors wherever it surfaces); the plan API adds line and column to each error.
 */
public class PlanInvalidException extends ValidationException {

    private final transient List<PlanProblem> planProblems;

    public PlanInvalidException(List<PlanProblem> problems) {
        super(problems.stream().map(p -> new FieldProblem(p.field(), p.line() == null ? p.message()
                : Texts.msg("plan.error.at-line", p.message(), p.line()))).toList());
        this.planProblems = List.copyOf(problems);
    }

    public List<PlanProblem> planProblems() {
        return planProblems;
    }
}
