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
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.NotFoundException;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Plans} bean, and the plan module's entry for its pages and API. Its work is done by parts of
 * one responsibility each: reading through the caches ({@link PlanSnapshots}, {@link PlanCache}),
 * checking files ({@link PlanChecks}), import and activation ({@link PlanImporter}), and editing a
 * measure's units ({@link PlanMeasureUnits}).
 */
@Service
public class PlanService implements Plans {


    private final PlanRepository repository;
    private final PlanSnapshots snapshots;
    private final PlanChecks checks;
    private final PlanImporter importer;
    private final PlanMeasureUnits measureUnits;
    private final PlanCache.PlanCacheEviction cache;

    PlanService(PlanRepository repository, PlanSnapshots snapshots, PlanChecks checks, PlanImporter importer,
                PlanMeasureUnits measureUnits, PlanCache.PlanCacheEviction cache) {
        this.repository = repository;
        this.snapshots = snapshots;
        this.checks = checks;
        this.importer = importer;
        this.measureUnits = measureUnits;
        this.cache = cache;
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

    // ------------------------------------------------------------------------------------ reading

    @Override
    public Optional<String[]> ratingLevelNames(String planId, String scale, int rank) {
        return snapshot(planId).ratingScales().stream().filter(r -> r.code().equals(scale))
                .flatMap(r -> r.levels().stream()).filter(l -> l.rank() == rank).findFirst()
                .map(l -> new String[]{l.nameZh(), l.nameEn()});
    }

    /** Everything of a plan; {@link NotFoundException} if there is no such plan. */
    public PlanSnapshot snapshot(String planId) {
        return snapshotIfAny(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
    }

    public PlanSnapshot currentSnapshot() {
        return snapshot(currentId());
    }

    /** A plan's snapshot from the cache; a transaction that changes plans reads what it wrote. */
    public Optional<PlanSnapshot> snapshotIfAny(String planId) {
        if (planId == null) {
            return Optional.empty();
        }
        return PlanCache.bypass() ? snapshots.load(planId) : snapshots.cached(planId);
    }

    private String currentId() {
        return (PlanCache.bypass() ? snapshots.currentId() : snapshots.cachedCurrentId())
                .orElseThrow(() -> new IllegalStateException("no current plan: the bundled plan was not loaded"));
    }

    // ------------------------------------------------------------------------------------- export

    /** The stored document of a plan (the parsed file), keys in the file's order. */
    public Map<String, Object> document(String planId) {
        return snapshots.document(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
    }

    /** The plan file as YAML, for download: as uploaded, or as generated when it came as JSON. */
    public String yaml(String planId) {
        return repository.stored(planId).map(PlanRepository.Stored::sourceText)
                .orElseThrow(() -> new NotFoundException("plan " + planId));
    }

    // ---------------------------------------------------------------------- checks and changes

    /** Checks a file without storing anything: its problems, or its model and the plan it would replace. */
    public Check check(String text, PlanSource.Format format) {
        return checks.check(text, format);
    }

    /**
     * Imports a new plan. It becomes current when {@code makeCurrent} or when there is no current plan.
     *
     * @throws PlanInvalidException with every problem of the file; nothing is stored then
     * @throws ConflictException    if a plan with the file's id exists (replace it instead)
     */
    public PlanInfo importPlan(String text, PlanSource.Format format, boolean makeCurrent) {
        return importer.importPlan(text, format, makeCurrent);
    }

    /**
     * Replaces a stored plan by a new version of its file (same {@code plan.id}); it stays current if it
     * was. The version goes up by one.
     */
    public PlanInfo replace(String planId, String text, PlanSource.Format format) {
        return importer.replace(planId, text, format);
    }

    /** Makes a stored plan the current one (the one the city works to). */
    public PlanInfo makeCurrent(String planId) {
        return importer.makeCurrent(planId);
    }

    /**
     * Assigns a measure's lead and co-operating units; the stored file is changed in place and the
     * measure's {@code assignment} becomes {@code ASSIGNED}. Audited; the version goes up; {@link PlanChanged}.
     */
    public Measure updateMeasureUnits(String planId, String measureCode, String leadUnit, List<String> coUnits) {
        return measureUnits.updateMeasureUnits(planId, measureCode, leadUnit, coUnits);
    }

    /** Loads the city's plan file ({@code qc.city.plan}, by default the bundled plan) as the current plan if none is stored. */
    public Optional<PlanInfo> loadBundledIfEmpty(org.springframework.core.io.Resource file) {
        return importer.loadBundledIfEmpty(file);
    }

    /** Drops the cached plans now. */
    public void invalidate() {
        cache.evictAll();
    }
}
