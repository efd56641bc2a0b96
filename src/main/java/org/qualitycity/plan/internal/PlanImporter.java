package org.qualitycity.plan.internal;

import org.qualitycity.plan.PlanChanged;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Import and activation of plans: a new plan, a new version of a stored plan, the switch of the current
 * plan, and the bundled plan on the first start. A file is checked completely before anything is written
 * ({@link PlanChecks}); an accepted file is stored as uploaded and as a parsed document, and projected into
 * the plan tables, in one transaction, audited with a summary before and after, and announced by
 * {@link PlanChanged}. The plan caches are emptied when the transaction ends ({@link PlanCache}).
 */
@Component
class PlanImporter {

    private final PlanRepository repository;
    private final PlanChecks checks;
    private final PlanSnapshots snapshots;
    private final PlanCache.PlanCacheEviction cache;
    private final Units units;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final PlanMessages messages;
    private final ObjectMapper json;

    PlanImporter(PlanRepository repository, PlanChecks checks, PlanSnapshots snapshots,
                 PlanCache.PlanCacheEviction cache, Units units, AuditLog auditLog, ApplicationEventPublisher events,
                 PlanMessages messages, ObjectMapper json) {
        this.repository = repository;
        this.checks = checks;
        this.snapshots = snapshots;
        this.cache = cache;
        this.units = units;
        this.auditLog = auditLog;
        this.events = events;
        this.messages = messages;
        this.json = json;
    }

    /**
     * Imports a new plan. It becomes current when {@code makeCurrent} or when there is no current plan.
     *
     * @throws PlanInvalidException with every problem of the file; nothing is stored then
     * @throws ConflictException    if a plan with the file's id exists (replace it instead)
     */
    @Transactional
    public PlanInfo importPlan(String text, PlanSource.Format format, boolean makeCurrent) {
        PlanService.Check check = checks.valid(text, format, null);
        PlanModel model = check.model();
        String id = model.meta().id();
        repository.lock();
        cache.writing();
        if (repository.find(id).isPresent()) {
            throw new ConflictException(messages.text("plan.error.exists", id));
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
        PlanService.Check check = checks.valid(text, format, planId);
        PlanModel model = check.model();
        repository.lock();
        cache.writing();
        PlanInfo before = repository.find(planId).orElseThrow(() -> new NotFoundException("plan " + planId));
        PlanRepository.Stored stored = repository.stored(planId).orElseThrow();
        Map<String, Object> beforeSummary = summary(before, PlanMapper.map(snapshots.document(planId).orElseThrow()), stored.sourceSha256());
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
        cache.writing();
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

    /** Loads the city's plan file ({@code qc.city.plan}, by default the bundled plan) as the current plan if none is stored. */
    @Transactional
    public Optional<PlanInfo> loadBundledIfEmpty(org.springframework.core.io.Resource file) {
        if (repository.count() > 0) {
            return Optional.empty();
        }
        repository.lock();
        cache.writing();
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

    static String actor() {
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
}
