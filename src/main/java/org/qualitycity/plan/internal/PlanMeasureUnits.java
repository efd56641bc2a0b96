package org.qualitycity.plan.internal;

import org.qualitycity.plan.Measure;
import org.qualitycity.plan.PlanChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Editing a stored plan in place: a measure's lead and co-operating units, written into the stored file
 * itself (its layout and comments kept, {@link PlanYamlEdit}), checked like an upload, projected, audited
 * and announced by {@link PlanChanged}.
 */
@Component
class PlanMeasureUnits {

    private final PlanRepository repository;
    private final PlanChecks checks;
    private final PlanCache.PlanCacheEviction cache;
    private final Units units;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final PlanMessages messages;
    private final ObjectMapper json;

    PlanMeasureUnits(PlanRepository repository, PlanChecks checks, PlanCache.PlanCacheEviction cache, Units units,
                     AuditLog auditLog, ApplicationEventPublisher events, PlanMessages messages, ObjectMapper json) {
        this.repository = repository;
        this.checks = checks;
        this.cache = cache;
        this.units = units;
        this.auditLog = auditLog;
        this.events = events;
        this.messages = messages;
        this.json = json;
    }

    /**
     * Assigns a measure's lead and co-operating units (the plan's task decomposition table is missing, so
     * the bundled assignments are inferred). The stored file is changed in place, so that the export shows
     * the assignment; the measure's {@code assignment} becomes {@code ASSIGNED}. Audited; the version goes up.
     */
    @Transactional
    public Measure updateMeasureUnits(String planId, String measureCode, String leadUnit, List<String> coUnits) {
        List<String> co = coUnits == null ? List.of() : coUnits;
        List<FieldProblem> problems = new ArrayList<>();
        if (leadUnit == null || leadUnit.isBlank()) {
            problems.add(new FieldProblem("leadUnit", messages.text("plan.error.required")));
        } else if (units.byCode(leadUnit).isEmpty()) {
            problems.add(new FieldProblem("leadUnit", unknownUnit(leadUnit)));
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < co.size(); i++) {
            String u = co.get(i);
            String field = "coUnits[" + i + "]";
            if (u == null || u.isBlank()) {
                problems.add(new FieldProblem(field, messages.text("plan.error.required")));
            } else if (units.byCode(u).isEmpty()) {
                problems.add(new FieldProblem(field, unknownUnit(u)));
            } else if (u.equals(leadUnit)) {
                problems.add(new FieldProblem(field, messages.text("plan.error.lead-also-co", u)));
            } else if (!seen.add(u)) {
                problems.add(new FieldProblem(field, messages.text("plan.error.co-twice", u)));
            }
        }
        if (co.size() > 60) {
            problems.add(new FieldProblem("coUnits", messages.text("plan.error.too-many", "60")));
        }
        repository.lock();
        cache.writing();
        PlanRepository.Stored stored = repository.stored(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
        PlanSource source = PlanSource.parse(stored.sourceText(), PlanSource.Format.YAML, messages);
        int[] at = locate(source.tree(), measureCode).orElseThrow(() -> new NotFoundException("measure " + measureCode));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Map<String, Object> old = measureNode(source.tree(), at);
        Map<String, Object> before = unitsSummary(planId, measureCode, old);

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lead_unit", leadUnit);
        fields.put("co_units", List.copyOf(co));
        fields.put("assignment", "ASSIGNED");
        Map<String, Object> expected = withMeasureFields(source.tree(), at, fields);
        String text = PlanYamlEdit.setMeasureFields(stored.sourceText(), at[0], at[1], fields)
                .filter(t -> sameTree(t, expected))
                .orElseGet(() -> PlanSource.toYaml(expected));
        PlanSource edited = PlanSource.parse(text, PlanSource.Format.YAML, messages);
        List<PlanProblem> invalid = checks.validator().validate(edited);
        if (!invalid.isEmpty()) {
            throw new PlanInvalidException(invalid);
        }
        PlanModel model = PlanMapper.map(edited.tree());
        int version = repository.replace(model.meta(), json.writeValueAsString(edited.tree()), text,
                stored.sourceFormat(), PlanImporter.sha256(text), PlanImporter.actor(), false);
        repository.project(planId, model);
        Map<String, Object> after = unitsSummary(planId, measureCode, measureNode(edited.tree(), at));
        after.put("planVersion", version);
        before.put("planVersion", stored.version());
        auditLog.record("plan", "measure", planId + "/" + measureCode, units.byCode(leadUnit).map(Unit::id).orElse(null),
                "UPDATE_UNITS", before, after);
        events.publishEvent(new PlanChanged(planId, version, "MEASURE_UNITS_EDITED", stored.current()));
        return model.measureGroups().stream().flatMap(g -> g.measures().stream())
                .filter(m -> m.code().equals(measureCode)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------------------------- helpers

    private static Optional<int[]> locate(Map<String, Object> tree, String measureCode) {
        List<Map<String, Object>> groups = PlanMapper.maps(tree, "measure_groups");
        for (int g = 0; g < groups.size(); g++) {
            List<Map<String, Object>> measures = PlanMapper.maps(groups.get(g), "measures");
            for (int m = 0; m < measures.size(); m++) {
                if (measureCode.equals(measures.get(m).get("code"))) {
                    return Optional.of(new int[]{g, m});
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> measureNode(Map<String, Object> tree, int[] at) {
        return PlanMapper.maps(PlanMapper.maps(tree, "measure_groups").get(at[0]), "measures").get(at[1]);
    }

    /** A deep copy of the tree with the measure's fields set (new keys after the existing ones). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withMeasureFields(Map<String, Object> tree, int[] at, Map<String, Object> fields) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(tree);
        Map<String, Object> measure = measureNode(copy, at);
        measure.putAll(fields);
        return copy;
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }

    private boolean sameTree(String text, Map<String, Object> expected) {
        try {
            return PlanSource.parse(text, PlanSource.Format.YAML, messages).tree().equals(expected);
        } catch (PlanInvalidException e) {
            return false;
        }
    }

    private Map<String, Object> unitsSummary(String planId, String code, Map<String, Object> measure) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("plan", planId);
        s.put("measure", code);
        s.put("leadUnit", measure.get("lead_unit"));
        s.put("coUnits", measure.get("co_units") == null ? List.of() : measure.get("co_units"));
        s.put("assignment", measure.get("assignment"));
        return s;
    }

    private String unknownUnit(String code) {
        return messages.text("plan.error.unknown-unit", code);
    }
}
