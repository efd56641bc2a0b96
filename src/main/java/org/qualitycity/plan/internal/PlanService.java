package org.qualitycity.plan.internal;

import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorGroup;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanChanged;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Plans} bean, and the administration of plans: import, replacement, the measures' units.
 *
 * <p>A plan file is validated completely before anything is written ({@link PlanValidator}); an
 * accepted file is stored as uploaded and as a parsed document, and projected into the plan tables, in
 * one transaction, audited with a summary before and after, and announced by {@link PlanChanged}.
 *
 * <p>Reads answer from an in-memory copy per plan, rebuilt after this node commits a change and at the
 * latest {@link #MAX_STALENESS} after it was built, so that a change made through another node arrives too.
 */
@Service
public class PlanService implements Plans {

    static final Duration MAX_STALENESS = Duration.ofMinutes(1);

    private final PlanRepository repository;
    private final Units units;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final PlanMessages messages;
    private final ObjectMapper json;

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile CachedCurrent currentId;
    private final Map<String, Optional<String>> sourceTexts = new ConcurrentHashMap<>();

    PlanService(PlanRepository repository, Units units, AuditLog auditLog, ApplicationEventPublisher events,
                PlanMessages messages, ObjectMapper json) {
        this.repository = repository;
        this.units = units;
        this.auditLog = auditLog;
        this.events = events;
        this.messages = messages;
        this.json = json;
    }

    private record Cached(PlanSnapshot snapshot, long generation, long builtAtNanos) {
    }

    private record CachedCurrent(String id, long generation, long builtAtNanos) {
    }

    /** The result of checking a file without storing it. */
    public record Check(PlanSource source, PlanModel model, List<PlanProblem> problems, PlanInfo existing) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------- Plans

    @Override
    public PlanInfo current() {
        return snapshot(currentId()).info();
    }

    @Override
    public Optional<PlanInfo> find(String planId) {
        return snapshotIfAny(planId).map(PlanSnapshot::info);
    }

    @Override
    public List<PlanInfo> all() {
        return repository.all();
    }

    @Override
    public List<IndicatorDefinition> indicators(String planId) {
        return snapshot(planId).indicators();
    }

    @Override
    public Optional<IndicatorDefinition> indicator(String planId, String code) {
        return snapshotIfAny(planId).flatMap(s -> s.indicator(code));
    }

    @Override
    public List<IndicatorGroup> indicatorGroups(String planId) {
        return snapshot(planId).groups();
    }

    @Override
    public List<MeasureGroup> measureGroups(String planId) {
        return snapshot(planId).measureGroups();
    }

    @Override
    public List<Phase> phases(String planId) {
        return snapshot(planId).phases();
    }

    @Override
    public List<Milestone> milestones(String planId) {
        return snapshot(planId).milestones();
    }

    /** Everything of a plan; {@link NotFoundException} if there is no such plan. */
    public PlanSnapshot snapshot(String planId) {
        return snapshotIfAny(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
    }

    public PlanSnapshot currentSnapshot() {
        return snapshot(currentId());
    }

    public Optional<PlanSnapshot> snapshotIfAny(String planId) {
        if (planId == null) {
            return Optional.empty();
        }
        Cached c = cache.get(planId);
        if (c != null && fresh(c.generation(), c.builtAtNanos())) {
            return Optional.of(c.snapshot());
        }
        if (writing()) {
            // this transaction changed plans: what it reads is not committed, so it is never cached
            return load(planId);
        }
        long gen = generation.get();
        Optional<PlanSnapshot> loaded = load(planId);
        loaded.ifPresentOrElse(s -> cache.put(planId, new Cached(s, gen, System.nanoTime())), () -> cache.remove(planId));
        return loaded;
    }

    private String currentId() {
        CachedCurrent c = currentId;
        if (c != null && fresh(c.generation(), c.builtAtNanos())) {
            return c.id();
        }
        long gen = generation.get();
        String id = repository.current().map(PlanInfo::id)
                .orElseThrow(() -> new IllegalStateException("no current plan: the bundled plan was not loaded"));
        if (!writing()) {
            currentId = new CachedCurrent(id, gen, System.nanoTime());
        }
        return id;
    }

    private boolean fresh(long gen, long builtAt) {
        return gen == generation.get() && System.nanoTime() - builtAt < MAX_STALENESS.toNanos();
    }

    private Optional<PlanSnapshot> load(String planId) {
        return repository.find(planId).map(info -> {
            PlanModel doc = PlanMapper.map(document(planId));
            return new PlanSnapshot(info, doc.meta(), repository.goals(planId), repository.groups(planId),
                    repository.indicators(planId), repository.measureGroups(planId), repository.phases(planId),
                    repository.milestones(planId), doc.ratingScales(), doc.recurringDuties(), doc.requirements(),
                    doc.units());
        });
    }

    /** The stored document of a plan (the parsed file), keys in the file's order. */
    public Map<String, Object> document(String planId) {
        PlanRepository.Stored stored = repository.stored(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
        // the text keeps the file's order; jsonb does not
        return PlanSource.parse(stored.sourceText(), PlanSource.Format.YAML, messages).tree();
    }

    /** The plan file as YAML, for download: as uploaded, or as generated when it came as JSON. */
    public String yaml(String planId) {
        return repository.stored(planId).map(PlanRepository.Stored::sourceText)
                .orElseThrow(() -> new NotFoundException("plan " + planId));
    }

    // ------------------------------------------------------------------------------- validation

    /** Checks a file without storing anything: its problems, or its model and the plan it would replace. */
    public Check check(String text, PlanSource.Format format) {
        PlanSource source;
        try {
            source = PlanSource.parse(text, format, messages);
        } catch (PlanInvalidException e) {
            return new Check(null, null, e.planProblems(), null);
        }
        List<PlanProblem> problems = validator().validate(source);
        if (!problems.isEmpty()) {
            return new Check(source, null, problems, null);
        }
        PlanModel model = PlanMapper.map(source.tree());
        return new Check(source, model, List.of(), repository.find(model.meta().id()).orElse(null));
    }

    PlanValidator validator() {
        return new PlanValidator(code -> units.byCode(code).isPresent(), this::sourceText, messages);
    }

    /** The plan's full text at a classpath path under plans/, or null (then quotations are not checked). */
    private String sourceText(String path) {
        if (!path.matches("plans/[A-Za-z0-9._-]+\\.txt")) {
            return null;
        }
        return sourceTexts.computeIfAbsent(path, p -> {
            ClassPathResource r = new ClassPathResource(p);
            if (!r.exists()) {
                return Optional.empty();
            }
            try (InputStream in = r.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
    }

    private Check valid(String text, PlanSource.Format format, String expectedId) {
        Check check = check(text, format);
        List<PlanProblem> problems = new ArrayList<>(check.problems());
        if (expectedId != null && check.source() != null && check.source().tree().get("plan") instanceof Map<?, ?> plan
                && plan.get("id") instanceof String id && !id.equals(expectedId)) {
            int[] pos = check.source().position("plan.id");
            problems.add(0, new PlanProblem("plan.id", pos == null ? null : pos[0], pos == null ? null : pos[1],
                    messages.get("plan.error.id-mismatch",
                            "is \"{0}\", but the plan being replaced is \"{1}\"; import a new plan with POST instead",
                            id, expectedId)));
        }
        if (!problems.isEmpty()) {
            throw new PlanInvalidException(problems);
        }
        return check;
    }

    // ----------------------------------------------------------------------------------- writes

    /**
     * Imports a new plan. It becomes current when {@code makeCurrent} or when there is no current plan.
     *
     * @throws PlanInvalidException with every problem of the file; nothing is stored then
     * @throws ConflictException    if a plan with the file's id exists (replace it instead)
     */
    @Transactional
    public PlanInfo importPlan(String text, PlanSource.Format format, boolean makeCurrent) {
        Check check = valid(text, format, null);
        PlanModel model = check.model();
        String id = model.meta().id();
        repository.lock();
        writingInThisTransaction();
        if (repository.find(id).isPresent()) {
            throw new ConflictException(messages.get("plan.error.exists",
                    "a plan with the id \"{0}\" exists already: replace it with PUT /api/v1/plans/{0}", id));
        }
        String yaml = check.source().yamlText();
        repository.insert(model.meta(), json.writeValueAsString(check.source().tree()), yaml, format, sha256(yaml),
                actor());
        repository.project(id, model);
        boolean current = makeCurrent || repository.current().isEmpty();
        if (current) {
            repository.makeCurrent(id);
        }
        PlanInfo info = repository.find(id).orElseThrow();
        auditLog.record("plan", "plan", id, ownerUnitId(model), "IMPORT", null, summary(info, model, sha256(yaml)));
        events.publishEvent(new PlanChanged(id, info.version(), "IMPORTED", info.current()));
        return info;
    }

    /**
     * Replaces a stored plan by a new version of its file (same {@code plan.id}); it stays current if it
     * was. The version goes up by one.
     */
    @Transactional
    public PlanInfo replace(String planId, String text, PlanSource.Format format) {
        if (repository.find(planId).isEmpty()) {
            throw new NotFoundException("plan " + planId);
        }
        Check check = valid(text, format, planId);
        PlanModel model = check.model();
        repository.lock();
        writingInThisTransaction();
        PlanInfo before = repository.find(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
        PlanRepository.Stored stored = repository.stored(planId).orElseThrow();
        Map<String, Object> beforeSummary = summary(before, PlanMapper.map(document(planId)), stored.sourceSha256());
        String yaml = check.source().yamlText();
        repository.replace(model.meta(), json.writeValueAsString(check.source().tree()), yaml, format, sha256(yaml),
                actor(), true);
        repository.project(planId, model);
        PlanInfo info = repository.find(planId).orElseThrow();
        auditLog.record("plan", "plan", planId, ownerUnitId(model), "REPLACE", beforeSummary,
                summary(info, model, sha256(yaml)));
        events.publishEvent(new PlanChanged(planId, info.version(), "REPLACED", info.current()));
        return info;
    }

    /** Makes a stored plan the current one (the one the city works to). */
    @Transactional
    public PlanInfo makeCurrent(String planId) {
        repository.lock();
        writingInThisTransaction();
        PlanInfo before = repository.find(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
        if (before.current()) {
            return before;
        }
        String previous = repository.current().map(PlanInfo::id).orElse(null);
        repository.makeCurrent(planId);
        PlanInfo info = repository.find(planId).orElseThrow();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("current", previous);
        auditLog.record("plan", "plan", planId, units.byCode(info.ownerUnit()).map(Unit::id).orElse(null),
                "MAKE_CURRENT", b, Map.of("current", planId));
        events.publishEvent(new PlanChanged(planId, info.version(), "MADE_CURRENT", true));
        return info;
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
            problems.add(new FieldProblem("leadUnit", messages.get("plan.error.required", "is required")));
        } else if (units.byCode(leadUnit).isEmpty()) {
            problems.add(new FieldProblem("leadUnit", unknownUnit(leadUnit)));
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < co.size(); i++) {
            String u = co.get(i);
            String field = "coUnits[" + i + "]";
            if (u == null || u.isBlank()) {
                problems.add(new FieldProblem(field, messages.get("plan.error.required", "is required")));
            } else if (units.byCode(u).isEmpty()) {
                problems.add(new FieldProblem(field, unknownUnit(u)));
            } else if (u.equals(leadUnit)) {
                problems.add(new FieldProblem(field, messages.get("plan.error.lead-also-co",
                        "{0} is the lead unit and cannot also co-operate", u)));
            } else if (!seen.add(u)) {
                problems.add(new FieldProblem(field, messages.get("plan.error.co-twice", "{0} is listed twice", u)));
            }
        }
        if (co.size() > 60) {
            problems.add(new FieldProblem("coUnits", messages.get("plan.error.too-many", "at most {0} entries", "60")));
        }
        repository.lock();
        writingInThisTransaction();
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
        List<PlanProblem> invalid = validator().validate(edited);
        if (!invalid.isEmpty()) {
            throw new PlanInvalidException(invalid);
        }
        PlanModel model = PlanMapper.map(edited.tree());
        int version = repository.replace(model.meta(), json.writeValueAsString(edited.tree()), text,
                stored.sourceFormat(), sha256(text), actor(), false);
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

    /**
     * Loads the city's plan file (the bundled plan, or the file of {@code qc.city.plan}) as the current plan if no
     * plan is stored.
     */
    @Transactional
    public Optional<PlanInfo> loadBundledIfEmpty(Resource file) {
        if (repository.count() > 0) {
            return Optional.empty();
        }
        repository.lock();
        writingInThisTransaction();
        if (repository.count() > 0) {
            return Optional.empty();
        }
        String text;
        try (InputStream in = file.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Optional.of(importPlan(text, PlanSource.Format.YAML, true));
        } catch (PlanInvalidException e) {
            throw new IllegalStateException("The plan file " + file + " is invalid: "
                    + e.planProblems().stream().map(PlanProblem::describe).toList(), e);
        }
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

    private Map<String, Object> summary(PlanInfo info, PlanModel model, String sha256) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", info.id());
        s.put("version", info.version());
        s.put("current", info.current());
        s.put("code", model.meta().code());
        s.put("documentNumber", model.meta().documentNumber());
        s.put("titleZh", model.meta().titleZh());
        s.put("startDate", String.valueOf(model.meta().startDate()));
        s.put("endDate", String.valueOf(model.meta().endDate()));
        s.put("indicators", model.indicators().size());
        s.put("indicatorGroups", model.groups().size());
        s.put("measureGroups", model.measureGroups().size());
        s.put("measures", model.measureCount());
        s.put("phases", model.phases().size());
        s.put("milestones", model.milestones().size());
        s.put("sha256", sha256);
        return s;
    }

    private Long ownerUnitId(PlanModel model) {
        return model.meta().ownerUnit() == null ? null : units.byCode(model.meta().ownerUnit()).map(Unit::id).orElse(null);
    }

    private String unknownUnit(String code) {
        return messages.get("plan.error.unknown-unit", "{0} is not a unit of the platform''s unit register", code);
    }

    private static String actor() {
        return Security.currentUserIfAny().map(CurrentUser::username).orElse("system");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Marks the transaction as one that changes plans: its own reads bypass the in-memory copies (they see
     * uncommitted rows), and the copies are dropped when it ends, committed or not.
     */
    private void writingInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            invalidate();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(WRITING)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WRITING, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WRITING);
                invalidate();
            }
        });
    }

    private static boolean writing() {
        return TransactionSynchronizationManager.hasResource(WRITING);
    }

    /** Transaction resource key of {@link #writingInThisTransaction()}. */
    private static final Object WRITING = new Object();

    /** Drops the in-memory copies now. */
    public void invalidate() {
        generation.incrementAndGet();
        cache.clear();
        currentId = null;
    }
}
