package org.qualitycity.plan.internal;

import org.qualitycity.plan.PlanInfo;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Reading stored plans, cached ({@link PlanCache}): a plan's snapshot (its row, projection and the parts
 * of its file that are not projected), the current plan's id, a plan's stored document and the plans'
 * full texts on the classpath. A missing plan is not cached.
 */
@Component
class PlanSnapshots {

    private final PlanRepository repository;
    private final PlanTexts texts;

    PlanSnapshots(PlanRepository repository, PlanMessages texts) {
        this.repository = repository;
        this.texts = texts;
    }

    @Cacheable(cacheNames = PlanCache.SNAPSHOTS, key = "#planId", unless = "#result == null")
    public Optional<PlanSnapshot> cached(String planId) {
        return load(planId);
    }

    @Cacheable(cacheNames = PlanCache.CURRENT, key = "'current'", unless = "#result == null")
    public Optional<String> cachedCurrentId() {
        return currentId();
    }

    /** The snapshot as stored now, past the cache. */
    Optional<PlanSnapshot> load(String planId) {
        return repository.find(planId).map(info -> {
            PlanModel doc = PlanMapper.map(document(planId).orElseThrow());
            return new PlanSnapshot(info, doc.meta(), repository.goals(planId), repository.groups(planId),
                    repository.indicators(planId), repository.measureGroups(planId), repository.phases(planId),
                    repository.milestones(planId), doc.ratingScales(), doc.recurringDuties(), doc.requirements(),
                    doc.units());
        });
    }

    Optional<String> currentId() {
        return repository.current().map(PlanInfo::id);
    }

    /** The stored document of a plan (the parsed file), keys in the file's order. */
    Optional<Map<String, Object>> document(String planId) {
        // the text keeps the file's order; jsonb does not
        return repository.stored(planId).map(s -> PlanSource.parse(s.sourceText(), PlanSource.Format.YAML, texts).tree());
    }

    /** The plan's full text at a classpath path under plans/, or empty (then quotations are not checked). */
    @Cacheable(cacheNames = PlanCache.SOURCE_TEXTS, key = "#path", unless = "#result == null")
    public Optional<String> sourceText(String path) {
        if (!path.matches("plans/[A-Za-z0-9._-]+\\.txt")) {
            return Optional.empty();
        }
        ClassPathResource r = new ClassPathResource(path);
        if (!r.exists()) {
            return Optional.empty();
        }
        try (InputStream in = r.getInputStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
