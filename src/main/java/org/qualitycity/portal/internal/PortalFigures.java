package org.qualitycity.portal.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.qualitycity.indicator.Period;
import org.qualitycity.indicator.PublicAnalytics;
import org.qualitycity.indicator.ResultsRecomputed;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.task.TaskProgress;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portal's public figures: approved indicator values of the latest year with approved annual results (through
 * {@link PublicAnalytics}, the query of the public analytics API), the district values for the map, and the plan's
 * progress. Built once and cached; a recompute that commits clears the cache ({@link ResultsRecomputed}), and a
 * recompute on another node is seen within the time-to-live. {@link #generation()} changes whenever the figures may
 * have changed, so that pages built from them (the portal's rendered home page) can be cached beside them.
 */
@Component
public class PortalFigures {

    /** An approved city-level figure. */
    public record Figure(String code, String area, String nameZh, String nameEn, boolean percent, int decimals,
                         BigDecimal value, String targetKind, BigDecimal target, String status) {

        /** The value as shown: the indicator's decimals. */
        public BigDecimal shown() {
            return value == null ? null : value.setScale(Math.max(0, decimals), java.math.RoundingMode.HALF_UP);
        }
    }

    /** A district's approved value of an indicator (null value: none approved). */
    public record AreaValue(String code, String nameZh, String nameEn, BigDecimal value, String status) {

        /** The value as shown: two decimals at most. */
        public BigDecimal shown() {
            return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
        }
    }

    /** The plan's phase today and the share of its measures whose tasks are all closed. */
    public record PlanProgress(String titleZh, String titleEn, String phaseZh, String phaseEn, int phaseNumber,
                               int phases, LocalDate phaseStart, LocalDate phaseEnd, int measures, int measuresDone) {

        public int percentDone() {
            return measures == 0 ? 0 : Math.round(100f * measuresDone / measures);
        }
    }

    /** Everything the portal shows of the indicators and the plan. */
    public record Figures(Integer year, String cityCode, List<Figure> figures, Map<String, List<AreaValue>> areas,
                          PlanProgress plan) {

        public Figure figure(String code) {
            return figures.stream().filter(f -> f.code().equals(code)).findFirst().orElse(null);
        }

        /** Indicators with approved district values, in plan order (the map's choices). */
        public List<Figure> mapped() {
            return figures.stream().filter(f -> areas.get(f.code()) != null
                    && areas.get(f.code()).stream().anyMatch(a -> a.value() != null)).toList();
        }
    }

    private final PublicAnalytics analytics;
    private final Plans plans;
    private final Units units;
    private final TaskProgress tasks;
    private final Clock clock;
    private final PortalHomeCache pages;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, Figures> cache = Caffeine.newBuilder().maximumSize(1)
            .expireAfterWrite(Duration.ofSeconds(60)).build();

    PortalFigures(PublicAnalytics analytics, Plans plans, Units units, TaskProgress tasks, Clock clock,
                  PortalHomeCache pages) {
        this.pages = pages;
        this.analytics = analytics;
        this.plans = plans;
        this.units = units;
        this.tasks = tasks;
        this.clock = clock;
    }

    public Figures figures() {
        Figures f = cache.getIfPresent("figures");
        if (f == null) {
            f = build();
            cache.put("figures", f);
            generation.incrementAndGet();
        }
        return f;
    }

    /** Changes whenever the figures were rebuilt or cleared. */
    public long generation() {
        figures();
        return generation.get();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ResultsRecomputed event) {
        clear();
    }

    public void clear() {
        cache.invalidateAll();
        pages.clear();
        generation.incrementAndGet();
    }

    private Figures build() {
        PlanInfo plan = plans.current();
        Unit city = units.city();
        List<Unit> areas = units.areas();
        PlanProgress progress = progress(plan);
        Integer year = analytics.latestApprovedYear().orElse(null);
        if (year == null) {
            return new Figures(null, city.code(), List.of(), Map.of(), progress);
        }
        List<IndicatorDefinition> defs = plans.indicators(plan.id());
        List<String> unitCodes = new ArrayList<>();
        unitCodes.add(city.code());
        areas.forEach(a -> unitCodes.add(a.code()));
        Map<String, PublicAnalytics.Value> byKey = new LinkedHashMap<>();
        for (var v : analytics.approved(defs.stream().map(IndicatorDefinition::code).toList(),
                List.of(Period.year(year).id()), unitCodes)) {
            byKey.put(v.indicator() + "|" + v.unitCode(), v);
        }
        List<Figure> figures = new ArrayList<>();
        Map<String, List<AreaValue>> byArea = new LinkedHashMap<>();
        for (IndicatorDefinition d : defs) {
            var v = byKey.get(d.code() + "|" + city.code());
            if (v != null) {
                figures.add(new Figure(d.code(), d.area(), d.shortNameZh() != null ? d.shortNameZh() : d.nameZh(),
                        d.nameEn(), "PERCENT".equals(d.unit()), d.decimals(), v.value(), v.targetKind(), v.target(),
                        v.status()));
            }
            List<AreaValue> values = new ArrayList<>();
            for (Unit a : areas) {
                var av = byKey.get(d.code() + "|" + a.code());
                values.add(new AreaValue(a.code(), a.nameZh(), a.nameEn(), av == null ? null : av.value(),
                        av == null ? "NO_DATA" : av.status()));
            }
            if (values.stream().anyMatch(a -> a.value() != null)) {
                byArea.put(d.code(), values);
                if (v == null) {
                    figures.add(new Figure(d.code(), d.area(), d.shortNameZh() != null ? d.shortNameZh() : d.nameZh(),
                            d.nameEn(), "PERCENT".equals(d.unit()), d.decimals(), null, null, null, "NO_DATA"));
                }
            }
        }
        return new Figures(year, city.code(), List.copyOf(figures), Map.copyOf(byArea), progress);
    }

    private PlanProgress progress(PlanInfo plan) {
        LocalDate today = LocalDate.now(clock);
        List<Phase> phases = plans.phases(plan.id());
        Phase now = phases.stream().filter(p -> p.contains(today)).findFirst()
                .orElse(phases.isEmpty() ? null : today.isBefore(phases.get(0).start()) ? phases.get(0)
                        : phases.get(phases.size() - 1));
        int measures = plans.measureGroups(plan.id()).stream().mapToInt(g -> g.measures().size()).sum();
        int done = Math.min(measures, tasks.measures(plan.id()).done());
        return new PlanProgress(plan.titleZh(), plan.titleEn(), now == null ? null : now.nameZh(),
                now == null ? null : now.nameEn(), now == null ? 0 : now.number(), phases.size(),
                now == null ? null : now.start(), now == null ? null : now.end(), measures, done);
    }
}
