package org.qualitycity.indicator.internal;

import jakarta.validation.Valid;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data entry and its approval: draft → submitted → approved (locked) or returned with a comment →
 * fixed and resubmitted; an approved value changes only after the city reopens it with a reason.
 * Every step is audited; every change triggers a recompute of the affected indicators for that year.
 */
@Service
public class ValueService {

    /**
     * One value to save.
     *
     * @param members  the value split by the indicator's breakdown (C6: pilots per sector), adding up to the
     *                 value; null for none
     * @param evidence what an assessed rating rests on (required to submit a rating whose target asks for
     *                 evidence); null keeps the stored evidence
     */
    public record Entry(@NotBlank @Size(max = 64) String element, BigDecimal value,
                        @Size(max = 50) Map<@NotBlank @Size(max = 100) String, @NotNull BigDecimal> members,
                        @Size(max = 2000) String evidence) {

        public Entry(String element, BigDecimal value) {
            this(element, value, null, null);
        }
    }

    public record SaveValues(@NotBlank @Size(max = 32) String unitCode,
                             @NotBlank @Pattern(regexp = "\\d{4}(S[12]|Q[1-4]|\\d{2})?", message = "{indicator.period.pattern}")
                             String period,
                             @NotEmpty @Size(max = 200) List<@Valid @NotNull Entry> values) {
    }

    public record Key(@NotBlank @Size(max = 64) String element, @NotBlank @Size(max = 32) String unitCode,
                      @NotBlank @Size(max = 8) String period) {
    }

    public enum Action { SUBMIT, APPROVE, RETURN, REOPEN }

    public record WorkflowAction(@NotNull Action action, @NotEmpty @Size(max = 500) List<@Valid @NotNull Key> keys,
                                 @Size(max = 1000) String comment) {
    }

    /** A value as shown to users. */
    public record ValueView(String element, String elementName, String indicator, String unitCode, String unitName,
                            String period, BigDecimal value, String source, String status, String comment, String flag,
                            boolean demo, Long submittedBy, java.time.Instant submittedAt, Long reviewedBy,
                            java.time.Instant reviewedAt, String evidence, Map<String, BigDecimal> members) {
    }

    private final ValueRepository repo;
    private final IndicatorCatalog catalog;
    private final Units units;
    private final AuditLog audit;
    private final RecomputeEngine engine;

    private final WorkflowSteps steps;

    ValueService(ValueRepository repo, IndicatorCatalog catalog, Units units, AuditLog audit, RecomputeEngine engine,
                 WorkflowSteps steps) {
        this.steps = steps;
        this.repo = repo;
        this.catalog = catalog;
        this.units = units;
        this.audit = audit;
        this.engine = engine;
    }

    ValueView view(ValueRepository.Row r, Map<String, IndicatorDefinition> byElement) {
        IndicatorDefinition d = byElement.get(r.element());
        java.util.Locale locale = org.qualitycity.platform.Texts.locale();
        // the reader's language: element and unit names in English on English screens (issue 12)
        String name = d == null ? r.element() : d.elements().stream().filter(e -> e.code().equals(r.element()))
                .map(e -> new org.qualitycity.platform.Text.Names(e.nameZh(), e.nameEn()).in(locale)).findFirst()
                .orElse(r.element());
        return new ValueView(r.element(), name, d == null ? null : d.code(), r.unitCode(), r.unitName(), r.period(),
                r.value(), r.source(), r.status(), r.comment(), r.flag(), r.demo(), r.submittedBy(), r.submittedAt(),
                r.reviewedBy(), r.reviewedAt(), r.evidence(), r.members());
    }

    /** Elements whose reporting the user's unit is responsible for (it may enter them for any area). */
    public List<String> responsibleElements(CurrentUser user) {
        List<String> list = new ArrayList<>();
        for (IndicatorDefinition d : catalog.indicators()) {
            for (DataElement e : d.elements()) {
                String by = e.reportedBy() != null ? e.reportedBy() : d.reportedBy();
                if (user.unitCode().equals(by)) {
                    list.add(e.code());
                }
            }
        }
        return list;
    }

    private boolean mayTouch(CurrentUser user, DataElement element, IndicatorDefinition d, Unit unit) {
        if (units.isVisible(unit.id(), user)) {
            return true;
        }
        String by = element.reportedBy() != null ? element.reportedBy() : d.reportedBy();
        return user.unitCode().equals(by);
    }

    public List<ValueView> search(CurrentUser user, String element, String unitCode, String period, String status,
                                  int limit, int offset) {
        Long unitId = unitCode == null ? null : units.byCode(unitCode).map(Unit::id).orElse(-1L);
        var byElement = catalog.indicatorByElement();
        return repo.search(user.scope(), responsibleElements(user), element, unitId, period, status, limit, offset)
                .stream().map(r -> view(r, byElement)).toList();
    }

    public long count(CurrentUser user, String element, String unitCode, String period, String status) {
        Long unitId = unitCode == null ? null : units.byCode(unitCode).map(Unit::id).orElse(-1L);
        return repo.count(user.scope(), responsibleElements(user), element, unitId, period, status);
    }

    /**
     * A unit the user may report for: in its scope, or any unit when its own unit is responsible for
     * some elements (a department collecting figures for every district). Else 404.
     */
    public Unit reportableUnit(CurrentUser user, String unitCode) {
        Unit unit = units.byCode(unitCode).orElseThrow(() -> new NotFoundException("unit " + unitCode));
        if (!units.isVisible(unit.id(), user) && responsibleElements(user).isEmpty()) {
            throw new NotFoundException("unit " + unitCode);
        }
        return unit;
    }

    /** The values of one unit and period that the user may see (a data-entry form). */
    public List<ValueView> form(CurrentUser user, String unitCode, String period) {
        Unit unit = reportableUnit(user, unitCode);
        var byElement = catalog.indicatorByElement();
        List<String> responsible = responsibleElements(user);
        boolean inScope = units.isVisible(unit.id(), user);
        return repo.forUnitPeriod(unit.id(), period).stream()
                .filter(r -> inScope || responsible.contains(r.element()))
                .map(r -> view(r, byElement)).toList();
    }

    /** Saves drafts. Returns the saved values (with any outlier flags). All or nothing. */
    @Transactional
    public List<ValueView> save(SaveValues req, CurrentUser user) {
        return save(req, user, true);
    }

    /**
     * Saves drafts and submits them for review in one transaction (the entry form's "submit"): a refused submit
     * (an empty value, missing evidence) stores nothing.
     */
    @Transactional
    public List<ValueView> saveAndSubmit(SaveValues req, CurrentUser user) {
        List<ValueView> saved = save(req, user, true);
        return act(new WorkflowAction(Action.SUBMIT, saved.stream()
                .map(v -> new Key(v.element(), req.unitCode(), req.period())).toList(), null), user);
    }

    /**
     * Checks drafts exactly as {@link #save} would, without storing anything (the preview of an upload):
     * a {@link ValidationException} for bad values, {@link ConflictException} for a locked value,
     * {@link NotFoundException} for a unit the user does not report for. Runs in the caller's transaction (its
     * refusals are answers, not failures that would mark that transaction for rollback).
     */
    public void check(SaveValues req, CurrentUser user) {
        save(req, user, false);
    }

    private List<ValueView> save(SaveValues req, CurrentUser user, boolean write) {
        Period period = parsePeriod(req.period());
        Unit unit = units.byCode(req.unitCode()).orElseThrow(() -> new ValidationException("unitCode",
                Texts.msg("indicator.error.unknown-unit", req.unitCode())));
        var byElement = catalog.indicatorByElement();
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        Map<String, BigDecimal> incoming = new LinkedHashMap<>();
        Map<String, Map<String, BigDecimal>> members = new HashMap<>();
        Map<String, String> evidence = new HashMap<>();
        for (int i = 0; i < req.values().size(); i++) {
            Entry e = req.values().get(i);
            String field = "values[" + i + "]";
            IndicatorDefinition d = byElement.get(e.element());
            if (d == null) {
                problems.add(new ValidationException.FieldProblem(field + ".element",
                        Texts.msg("indicator.error.unknown-element", e.element())));
                continue;
            }
            DataElement element = elementOf(d, e.element());
            if (!mayTouch(user, element, d, unit)) {
                throw new NotFoundException("unit " + req.unitCode());
            }
            if (element.source() == IndicatorDefinition.ValueSource.COMPUTED) {
                problems.add(new ValidationException.FieldProblem(field + ".element",
                        Texts.msg("indicator.error.computed", name(element), element.module())));
                continue;
            }
            if (period.type() != d.periodType()) {
                problems.add(new ValidationException.FieldProblem("period", Texts.msg("indicator.error.period-type",
                        name(element), Texts.msg("indicator.periodType." + d.periodType().name()), period.id())));
                continue;
            }
            if (incoming.containsKey(e.element())) {
                problems.add(new ValidationException.FieldProblem(field + ".element",
                        Texts.msg("indicator.error.duplicate", name(element))));
                continue;
            }
            validateBounds(d, element, e.value(), field + ".value", problems);
            BigDecimal value = e.value();
            if (e.members() != null) {
                value = validateMembers(d, element, e, field, problems);
                members.put(e.element(), e.members());
            }
            incoming.put(e.element(), value);
            if (e.evidence() != null) {
                evidence.put(e.element(), e.evidence());
            }
        }
        // numerator ≤ denominator, with the stored counterpart when only one side is sent
        for (var entry : incoming.entrySet()) {
            IndicatorDefinition d = byElement.get(entry.getKey());
            if (d.isRatio() && d.numerator().code().equals(entry.getKey()) && !isScore(d)) {
                BigDecimal num = entry.getValue();
                BigDecimal den = incoming.containsKey(d.denominator().code()) ? incoming.get(d.denominator().code())
                        : repo.find(d.denominator().code(), unit.id(), period.id()).map(ValueRepository.Row::value).orElse(null);
                if (num != null && den != null && num.compareTo(den) > 0) {
                    int index = new ArrayList<>(incoming.keySet()).indexOf(entry.getKey());
                    problems.add(new ValidationException.FieldProblem("values[" + index + "].value",
                            Texts.msg("indicator.error.numerator-exceeds", name(d.numerator()),
                                    num.stripTrailingZeros().toPlainString(), name(d.denominator()),
                                    den.stripTrailingZeros().toPlainString())));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<ValueView> saved = new ArrayList<>();
        for (var entry : incoming.entrySet()) {
            Optional<ValueRepository.Row> before = repo.find(entry.getKey(), unit.id(), period.id());
            if (before.isPresent() && (before.get().status().equals("APPROVED") || before.get().status().equals("SUBMITTED"))) {
                throw new ConflictException(Texts.msg("indicator.error.locked",
                        name(elementOf(byElement.get(entry.getKey()), entry.getKey())),
                        new Text.Names(unit.nameZh(), unit.nameEn()), period.id(),
                        Texts.msg("indicator.valueStatus." + before.get().status())));
            }
            if (!write) {
                continue;
            }
            String flag = outlier(entry.getKey(), unit.id(), period, entry.getValue());
            repo.upsertDraft(entry.getKey(), unit.id(), period, entry.getValue(), flag, user.id());
            if (members.containsKey(entry.getKey())) {
                repo.replaceMembers(entry.getKey(), unit.id(), period.id(), members.get(entry.getKey()));
            }
            repo.setEvidence(entry.getKey(), unit.id(), period.id(), evidence.get(entry.getKey()));
            ValueRepository.Row after = repo.find(entry.getKey(), unit.id(), period.id()).orElseThrow();
            audit.record("indicator", "value", key(entry.getKey(), unit, period.id()), unit.id(), "SAVE",
                    before.map(b -> view(b, byElement)).orElse(null), view(after, byElement));
            saved.add(view(after, byElement));
        }
        return saved;
    }

    /**
     * A breakdown (C6: pilots per sector) belongs to the indicator's value element, names the plan's members
     * (others only where the plan's list is open, 等), and adds up to the value (which it gives when the value is
     * left out). Returns the value to store.
     */
    private static BigDecimal validateMembers(IndicatorDefinition d, DataElement element, Entry e, String field,
                                              List<ValidationException.FieldProblem> problems) {
        if (d.breakdown() == null || !element.equals(d.value())) {
            problems.add(new ValidationException.FieldProblem(field + ".members",
                    Texts.msg("indicator.error.no-breakdown", name(element))));
            return e.value();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (var m : e.members().entrySet()) {
            if (!d.breakdown().openList() && !d.breakdown().valuesZh().contains(m.getKey())) {
                problems.add(new ValidationException.FieldProblem(field + ".members." + m.getKey(),
                        Texts.msg("indicator.error.member-unknown", String.join(", ", d.breakdown().valuesZh()))));
            }
            if (m.getValue().signum() < 0 || m.getValue().scale() > 6) {
                problems.add(new ValidationException.FieldProblem(field + ".members." + m.getKey(),
                        Texts.msg("indicator.error.member-negative", m.getKey())));
            }
            sum = sum.add(m.getValue());
        }
        if (e.value() != null && e.value().compareTo(sum) != 0) {
            problems.add(new ValidationException.FieldProblem(field + ".members",
                    Texts.msg("indicator.error.members-sum", sum.stripTrailingZeros().toPlainString(),
                            e.value().stripTrailingZeros().toPlainString())));
        }
        return e.value() == null ? sum : e.value();
    }

    /** Whether a rating of this element may be submitted only with evidence (QUALITATIVE, evidence_required). */
    private static boolean needsEvidence(IndicatorDefinition d, String element) {
        return d.target() != null && d.target().kind() == org.qualitycity.plan.TargetRule.Kind.QUALITATIVE
                && d.target().evidenceRequired() && d.value() != null && d.value().code().equals(element);
    }

    /** Only for counted rates (× 100) can the numerator not exceed the denominator; a score sum can. */
    private static boolean isScore(IndicatorDefinition d) {
        return d.factor() == null || d.factor().compareTo(BigDecimal.valueOf(100)) != 0;
    }

    private static DataElement elementOf(IndicatorDefinition d, String code) {
        return d.elements().stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
    }

    private static void validateBounds(IndicatorDefinition d, DataElement element, BigDecimal v, String field,
                                       List<ValidationException.FieldProblem> problems) {
        if (v == null) {
            return; // an empty cell clears the draft value
        }
        if (v.signum() < 0) {
            problems.add(new ValidationException.FieldProblem(field, Texts.msg("indicator.error.negative", name(element))));
        } else if (v.scale() > 6 || v.precision() - v.scale() > 15) {
            problems.add(new ValidationException.FieldProblem(field, Texts.msg("indicator.error.digits", name(element))));
        } else if (!d.isRatio() && element.equals(d.value())) {
            if ("PERCENT".equals(d.unit()) && v.compareTo(BigDecimal.valueOf(100)) > 0) {
                problems.add(new ValidationException.FieldProblem(field, Texts.msg("indicator.error.percent", name(element))));
            } else if ("RANK".equals(d.unit()) && (v.compareTo(BigDecimal.ONE) < 0 || v.stripTrailingZeros().scale() > 0)) {
                problems.add(new ValidationException.FieldProblem(field, Texts.msg("indicator.error.rank", name(element))));
            } else if ("RATING".equals(d.unit()) && (v.compareTo(BigDecimal.ONE) < 0 || v.compareTo(BigDecimal.valueOf(4)) > 0
                    || v.stripTrailingZeros().scale() > 0)) {
                problems.add(new ValidationException.FieldProblem(field, Texts.msg("indicator.error.rating", name(element))));
            }
        }
    }

    private static Text.Names name(DataElement element) {
        return new Text.Names(element.nameZh(), element.nameEn());
    }

    /**
     * A warning (not an error) when a value is far from the unit's recent history; stored as a message key with
     * arguments, shown in the reader's language.
     */
    private String outlier(String element, long unitId, Period period, BigDecimal value) {
        if (value == null) {
            return null;
        }
        List<BigDecimal> history = repo.history(element, unitId, period.start(), 12);
        if (history.size() < 4) {
            return null;
        }
        double mean = history.stream().mapToDouble(BigDecimal::doubleValue).average().orElse(0);
        double sd = Math.sqrt(history.stream().mapToDouble(h -> Math.pow(h.doubleValue() - mean, 2)).sum() / history.size());
        double v = value.doubleValue();
        double limit = Math.max(3 * sd, Math.abs(mean) * 0.5);
        if (Math.abs(v - mean) > limit) {
            return Text.of("indicator.flag.outlier", history.size(),
                    BigDecimal.valueOf(mean).setScale(2, RoundingMode.HALF_UP)).toJson();
        }
        return null;
    }

    /** Workflow step on several values at once; each value is audited. */
    @Transactional
    public List<ValueView> act(WorkflowAction req, CurrentUser user) {
        if ((req.action() == Action.RETURN || req.action() == Action.REOPEN)
                && (req.comment() == null || req.comment().isBlank())) {
            throw new ValidationException("comment", Texts.msg(req.action() == Action.RETURN
                    ? "indicator.error.return-reason" : "indicator.error.reopen-reason"));
        }
        requirePermission(req.action(), user);
        var byElement = catalog.indicatorByElement();
        Map<Integer, java.util.Set<String>> changedByYear = new HashMap<>();
        List<ValueView> out = new ArrayList<>();
        for (int i = 0; i < req.keys().size(); i++) {
            Key k = req.keys().get(i);
            Unit unit = units.byCode(k.unitCode()).orElseThrow(() -> new NotFoundException("unit " + k.unitCode()));
            IndicatorDefinition d = byElement.get(k.element());
            if (d == null) {
                throw new ValidationException("keys[" + i + "].element",
                        Texts.msg("indicator.error.unknown-element", k.element()));
            }
            if (!mayTouch(user, elementOf(d, k.element()), d, unit)) {
                throw new NotFoundException("value");
            }
            ValueRepository.Row before = repo.find(k.element(), unit.id(), k.period())
                    .orElseThrow(() -> new NotFoundException("value"));
            String field = "keys[" + i + "]";
            steps.apply(ValueWorkflow.TABLE, key(k.element(), unit, k.period()), unit.id(),
                    ValueWorkflow.Status.valueOf(before.status()), req.action(),
                    new ValueWorkflow.Facts(user, before.submittedBy(), before.source()), t -> {
                        if (req.action() == Action.SUBMIT && before.value() == null) {
                            throw new ValidationException(field, Texts.msg("indicator.error.submit-empty",
                                    name(elementOf(d, k.element()))));
                        }
                        if (req.action() == Action.SUBMIT && needsEvidence(d, k.element())
                                && (before.evidence() == null || before.evidence().isBlank())) {
                            throw new ValidationException(field + ".evidence", Texts.msg("indicator.error.evidence-needed",
                                    new Text.Names(d.nameZh(), d.nameEn())));
                        }
                        repo.setStatus(k.element(), unit.id(), k.period(), t.to().name(),
                                req.action() == Action.SUBMIT || req.action() == Action.APPROVE ? null : req.comment(),
                                req.action() == Action.SUBMIT ? user.id() : null,
                                req.action() == Action.APPROVE || req.action() == Action.RETURN ? user.id() : null);
                        ValueRepository.Row changed = repo.find(k.element(), unit.id(), k.period()).orElseThrow();
                        return new WorkflowSteps.Change(view(before, byElement), view(changed, byElement));
                    });
            ValueRepository.Row after = repo.find(k.element(), unit.id(), k.period()).orElseThrow();
            out.add(view(after, byElement));
            changedByYear.computeIfAbsent(Period.parse(k.period()).year(), y -> new java.util.HashSet<>()).add(k.element());
        }
        changedByYear.forEach(engine::recomputeElements);
        return out;
    }

    private static void requirePermission(Action action, CurrentUser user) {
        String needed = switch (action) {
            case SUBMIT -> "indicator:value:enter";
            case APPROVE, RETURN -> "indicator:value:approve";
            case REOPEN -> "indicator:value:reopen";
        };
        if (!user.can(needed)) {
            throw new org.springframework.security.access.AccessDeniedException(Texts.msg("indicator.error.missing-permission", needed));
        }
    }

    static String key(String element, Unit unit, String period) {
        return element + "|" + unit.code() + "|" + period;
    }

    static Period parsePeriod(String id) {
        try {
            return Period.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", Texts.msg("indicator.period.pattern"));
        }
    }
}
