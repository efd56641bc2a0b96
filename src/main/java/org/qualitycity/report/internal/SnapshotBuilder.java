package org.qualitycity.report.internal;

import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.indicator.Period;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
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
    private final Clock clock;

    SnapshotBuilder(IndicatorResults results, Plans plans, Units units, Clock clock) {
        this.results = results;
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
        return new Snapshot(kind, sector, period.id(), period.year(), lang, clock.instant().toString(), plan.titleZh(),
                plan.titleEn(), new Snapshot.Place(city.code(), city.nameZh(), city.nameEn()), areas, indicators,
                periods, values);
    }
}
