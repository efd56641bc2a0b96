package org.qualitycity.report.internal;

import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.indicator.Period;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.spotcheck.SpotcheckStatistics;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what a report needs from the indicator module's public read API ({@link IndicatorResults}, the same results
 * the analytics API answers with) and the plan, whatever module computed the values.
 */
@Component
class SnapshotBuilder {

    /** Years (or quarters) a trend shows, the report's own included. */
    static final int TREND = 5;

    private final IndicatorResults results;
    private final Plans plans;
    private final Units units;
    private final SpotcheckStatistics spotchecks;
    private final Clock clock;

    SnapshotBuilder(IndicatorResults results, Plans plans, Units units, SpotcheckStatistics spotchecks, Clock clock) {
        this.results = results;
        this.spotchecks = spotchecks;
        this.plans = plans;
        this.units = units;
        this.clock = clock;
    }

    Snapshot build(String kind, String sector, String periodId, String lang) {
        Period period = Period.parse(periodId);
        PlanInfo plan = plans.current();
        List<Snapshot.Ind> indicators = new ArrayList<>();
        for (IndicatorDefinition d : plans.indicators(plan.id())) {
            if (sector != null && !sector.equals(d.area())) {
                continue;
            }
            indicators.add(new Snapshot.Ind(d.code(), d.area(), d.category(), d.nameZh(), d.nameEn(), d.unit(),
                    d.unitZh(), d.decimals()));
        }
        Unit city = units.city();
        List<Snapshot.Place> areas = units.areas().stream().filter(Unit::active)
                .map(u -> new Snapshot.Place(u.code(), u.nameZh(), u.nameEn())).toList();
        List<String> periods = new ArrayList<>();
        Period p = period;
        for (int i = 0; i < TREND; i++) {
            periods.add(0, p.id());
            p = p.previous();
        }
        if (!periods.contains(period.previousYear().id())) {
            periods.add(0, period.previousYear().id());
        }
        List<String> unitCodes = new ArrayList<>();
        unitCodes.add(city.code());
        areas.forEach(a -> unitCodes.add(a.code()));
        Set<String> codes = new java.util.HashSet<>(indicators.stream().map(Snapshot.Ind::code).toList());
        List<Snapshot.Val> values = results.results(indicators.stream().map(Snapshot.Ind::code).toList(), unitCodes,
                        periods).stream()
                .filter(r -> codes.contains(r.indicator()))
                .map(r -> new Snapshot.Val(r.indicator(), r.unitCode(), r.period(), r.value(), r.targetKind(),
                        r.target(), r.attainment() == null ? null : r.attainment().name()))
                .sorted(java.util.Comparator.comparing(Snapshot.Val::indicator).thenComparing(Snapshot.Val::unit)
                        .thenComparing(Snapshot.Val::period))
                .toList();
        Snapshot.Product product = "WHITE_PAPER".equals(kind) ? product(plan, period, city) : null;
        return new Snapshot(kind, sector, period.id(), period.year(), lang, clock.instant().toString(), plan.titleZh(),
                plan.titleEn(), new Snapshot.Place(city.code(), city.nameZh(), city.nameEn()), areas, indicators,
                periods, values, product);
    }

    /**
     * The white paper's product details: spot checks by category from the spot-check module, and the numerators and
     * denominators of the product indicators (P3 food, P4 agricultural products, P5 export notifications, P6 licences,
     * P8 standards ...) for the year and the year before.
     */
    private Snapshot.Product product(PlanInfo plan, Period period, Unit city) {
        List<Snapshot.Category> categories = spotchecks.passRatesByCategory(List.of(period.year() - 1, period.year()))
                .stream().map(c -> new Snapshot.Category(c.code(), c.nameZh(), c.nameEn(), c.kind(), c.year(), c.tested(),
                        c.passed())).toList();
        java.util.Map<String, IndicatorDefinition> rates = new java.util.LinkedHashMap<>();
        for (IndicatorDefinition d : plans.indicators(plan.id())) {
            if ("PRODUCT".equals(d.area()) && "PLAN_INDICATOR".equals(d.category()) && d.numerator() != null
                    && d.denominator() != null) {
                rates.put(d.code(), d);
            }
        }
        List<Snapshot.Count> counts = new ArrayList<>();
        if (!rates.isEmpty()) {
            for (var r : results.results(List.copyOf(rates.keySet()), List.of(city.code()),
                    List.of(period.previousYear().id(), period.id()))) {
                IndicatorDefinition d = rates.get(r.indicator());
                if (d == null || r.numerator() == null && r.denominator() == null) {
                    continue;
                }
                counts.add(new Snapshot.Count(r.indicator(), r.period(), d.numerator().nameZh(), d.numerator().nameEn(),
                        r.numerator(), d.denominator().nameZh(), d.denominator().nameEn(), r.denominator()));
            }
        }
        counts.sort(java.util.Comparator.comparing(Snapshot.Count::indicator).thenComparing(Snapshot.Count::period));
        return new Snapshot.Product(categories, counts);
    }
}
