package org.qualitycity.plan.internal;

import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checking a plan file before anything is stored: parsing, the schema and the cross-references
 * ({@link PlanValidator}, with the unit register and the plans' texts), and the model it maps to.
 */
@Component
class PlanChecks {

    private final PlanRepository repository;
    private final PlanSnapshots snapshots;
    private final Units units;
    private final PlanMessages messages;

    PlanChecks(PlanRepository repository, PlanSnapshots snapshots, Units units, PlanMessages messages) {
        this.repository = repository;
        this.snapshots = snapshots;
        this.units = units;
        this.messages = messages;
    }

    /** Checks a file without storing anything: its problems, or its model and the plan it would replace. */
    PlanService.Check check(String text, PlanSource.Format format) {
        PlanSource source;
        try {
            source = PlanSource.parse(text, format, messages);
        } catch (PlanInvalidException e) {
            return new PlanService.Check(null, null, e.planProblems(), null);
        }
        List<PlanProblem> problems = validator().validate(source);
        if (!problems.isEmpty()) {
            return new PlanService.Check(source, null, problems, null);
        }
        PlanModel model = PlanMapper.map(source.tree());
        return new PlanService.Check(source, model, List.of(), repository.find(model.meta().id()).orElse(null));
    }

    PlanValidator validator() {
        return new PlanValidator(code -> units.byCode(code).isPresent(), p -> snapshots.sourceText(p).orElse(null),
                messages);
    }

    /**
     * The checked file, or {@link PlanInvalidException} with every problem; with {@code expectedId}, the
     * file must be of that plan.
     */
    PlanService.Check valid(String text, PlanSource.Format format, String expectedId) {
        PlanService.Check check = check(text, format);
        List<PlanProblem> problems = new ArrayList<>(check.problems());
        if (expectedId != null && check.source() != null && check.source().tree().get("plan") instanceof Map<?, ?> plan
                && plan.get("id") instanceof String id && !id.equals(expectedId)) {
            int[] pos = check.source().position("plan.id");
            problems.add(0, new PlanProblem("plan.id", pos == null ? null : pos[0], pos == null ? null : pos[1],
                    messages.text("plan.error.id-mismatch", id, expectedId)));
        }
        if (!problems.isEmpty()) {
            throw new PlanInvalidException(problems);
        }
        return check;
    }
}
