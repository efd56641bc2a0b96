package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Attainment;
import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorDefinition.PeriodType;
import org.qualitycity.plan.Plans;
import org.qualitycity.plan.TargetRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Recomputes indicator results for a year: pulls computed element values from the providers,
 * aggregates all element values in SQL (across time and up the unit tree), then evaluates every
 * indicator × unit × period against its effective target, with a projection of the year-end value
 * for the current year. Results replace the year's rows in one transaction.
 */
@Service
public class RecomputeEngine {

    private static final Logger log = LoggerFactory.getLogger(RecomputeEngine.class);

    /** What a recompute did. */
    public record Summary(int year, int indicators, int results, int elementAggregates, long millis) {
    }

    /** An indicator value of one unit changed status into red or at risk (for notifications). */
    public record StatusChanged(String indicatorCode, long unitId, String unitCode, String period, Attainment from,
                                Attainment to) {
    }

    private final IndicatorCatalog catalog;
    private final AggregationRepository aggregation;
    private final ResultRepository results;
    private final TargetOverrides overrides;
    private final ValueRepository values;
    private final Units units;
    private final Plans plans;
    private final List<ComputedElementProvider> providers;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RecomputeEngine(IndicatorCatalog catalog, AggregationRepository aggregation, ResultRepository results,
                    TargetOverrides overrides, ValueRepository values, Units units, Plans plans,
                    List<ComputedElementProvider> providers, Clock clock, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.aggregation = aggregation;
        this.results = results;
        this.overrides = overrides;
        this.values = values;
        this.units = units;
        this.plans = plans;
        this.providers = providers;
        this.clock = clock;
        this.events = events;
    }

    /** Every year that has values, oldest first; progress gets (done, total) after each year. */
    @Transactional
    public List<Summary> recomputeAll(Consumer<int[]> progress) {
        List<Integer> years = results.yearsWithValues();
        List<Summary> done = new ArrayList<>();
        for (int i = 0; i < years.size(); i++) {
            done.add(recomputeYear(years.get(i)));
            if (progress != null) {
                progress.accept(new int[]{i + 1, years.size()});
            }
        }
        return done;
    }

    @Transactional
    public Summary recomputeYear(int year) {
        return recompute(year, catalog.indicators());
    }

    /**
     * Recomputes the indicators that use any of {@code elements} in {@code year}, and the other years whose
     * results depend on that year's values: the next year (year-on-year growth, "rising"), every later year
     * (running totals of counts due by a date; average growth when this is the base year) and the other
     * years of a count window ("every two years").
     */
    @Transactional
    public Summary recomputeElements(int year, Collection<String> elements) {
        List<IndicatorDefinition> affected = catalog.indicators().stream()
                .filter(d -> d.elements().stream().anyMatch(e -> elements.contains(e.code()))).toList();
        if (affected.isEmpty()) {
            return new Summary(year, 0, 0, 0, 0);
        }
        Summary own = recompute(year, affected);
        int lastYear = Math.max(LocalDate.now(clock).getYear(), results.lastYearWithValues().orElse(year));
        Map<Integer, List<IndicatorDefinition>> dependents = new java.util.TreeMap<>();
        for (IndicatorDefinition d : affected) {
            for (int y : dependentYears(d.target(), year, lastYear, planStartYear())) {
                dependents.computeIfAbsent(y, k -> new ArrayList<>()).add(d);
            }
        }
        dependents.forEach(this::recompute);
        return own;
    }

    /** The years other than {@code year} whose result of an indicator with this target reads {@code year}'s values. */
    public static Set<Integer> dependentYears(TargetRule t, int year, int lastYear, int planStartYear) {
        Set<Integer> years = new TreeSet<>();
        if (t == null) {
            return years;
        }
        boolean growth = t.kind() == TargetRule.Kind.YOY_GROWTH_GE || t.kind() == TargetRule.Kind.YOY_GROWTH_LT;
        if ((growth && !t.average()) || t.rising()) {
            years.add(year + 1);
        }
        if (growth && t.average() && t.baseYear() != null && t.baseYear() == year) {
            for (int y = year + 1; y <= lastYear; y++) {
                years.add(y);
            }
        }
        if (t.kind() == TargetRule.Kind.COUNT_GE && t.by() != null) {
            for (int y = year + 1; y <= lastYear; y++) {
                years.add(y);
            }
        }
        if (t.kind() == TargetRule.Kind.COUNT_GE && t.perEvery() != null && t.perEvery() > 1) {
            int start = windowStart(year, t.perEvery(), planStartYear);
            for (int y = start; y < start + t.perEvery(); y++) {
                years.add(y);
            }
        }
        years.remove(year);
        years.removeIf(y -> y > lastYear);
        return years;
    }

    /** First year of the count window ("every n years") that contains {@code year}, windows aligned to the plan's start. */
    public static int windowStart(int year, int every, int planStartYear) {
        return planStartYear + Math.floorDiv(year - planStartYear, every) * every;
    }

    private LocalDate planStart() {
        LocalDate start = plans.current().startDate();
        return start == null ? LocalDate.of(2000, 1, 1) : start;
    }

    private int planStartYear() {
        return planStart().getYear();
    }

    @Transactional
    public Summary recompute(int year, List<IndicatorDefinition> defs) {
        long t0 = System.nanoTime();
        // concurrent recomputes of one year (a burst of ComputedDataChanged events) would deadlock on the
        // value and result rows they replace: one at a time per year, across nodes
        values.lockYear(year);
        pullComputedValues(year, defs);

        // this year for every element; other years only for the targets that compare with them
        LocalDate planStart = planStart();
        Map<IndicatorCatalog.Mode, List<String>> byMode = new EnumMap<>(IndicatorCatalog.Mode.class);
        Map<Integer, Map<IndicatorCatalog.Mode, List<String>>> earlier = new HashMap<>();
        List<String> countByElements = new ArrayList<>();
        List<String> eachOfElements = new ArrayList<>();
        LocalDate lastDue = planStart;
        for (IndicatorDefinition d : defs) {
            TargetRule t = d.target();
            Set<Integer> pastYears = new TreeSet<>();
            if (t != null && (t.kind() == TargetRule.Kind.YOY_GROWTH_GE || t.kind() == TargetRule.Kind.YOY_GROWTH_LT
                    || t.rising())) {
                pastYears.add(year - 1);
            }
            if (t != null && t.kind() == TargetRule.Kind.COUNT_GE && t.perEvery() != null && t.perEvery() > 1) {
                int start = windowStart(year, t.perEvery(), planStart.getYear());
                for (int y = start; y < start + t.perEvery(); y++) {
                    if (y != year) {
                        pastYears.add(y);
                    }
                }
            }
            if (t != null && t.average() && t.baseYear() != null) {
                pastYears.add(t.baseYear());
            }
            for (DataElement e : d.elements()) {
                IndicatorCatalog.Mode mode = IndicatorCatalog.mode(d, e);
                addOnce(byMode.computeIfAbsent(mode, k -> new ArrayList<>()), e.code());
                for (int past : pastYears) {
                    addOnce(earlier.computeIfAbsent(past, k -> new EnumMap<>(IndicatorCatalog.Mode.class))
                            .computeIfAbsent(mode, k -> new ArrayList<>()), e.code());
                }
            }
            if (t != null && t.kind() == TargetRule.Kind.COUNT_GE && t.by() != null && d.value() != null) {
                addOnce(countByElements, d.value().code());
                if (t.eachOfBreakdown() && d.breakdown() != null) {
                    addOnce(eachOfElements, d.value().code());
                }
                if (t.by().isAfter(lastDue)) {
                    lastDue = t.by();
                }
            }
        }
        List<Unit> allUnits = units.all();
        Map<Long, long[]> ancestors = AggregationRepository.ancestors(allUnits);
        ElementAggregates aggs = new ElementAggregates();
        aggregation.aggregate(year, byMode, ancestors, aggs);
        earlier.forEach((past, modes) -> aggregation.aggregate(past, modes, ancestors, aggs));
        // running totals start at the plan's start date (a period that ends on or after it counts) and stop
        // at the due date
        RunningTotals totals = new RunningTotals();
        aggregation.datedSums(countByElements, planStart, lastDue, false, ancestors)
                .forEach(x -> totals.add(x.element(), x.unitId(), null, x.periodEnd(), x.value()));
        aggregation.datedSums(eachOfElements, planStart, lastDue, true, ancestors)
                .forEach(x -> totals.add(x.element(), x.unitId(), x.member(), x.periodEnd(), x.value()));

        Map<Long, Unit> unitsById = new HashMap<>();
        allUnits.forEach(u -> unitsById.put(u.id(), u));
        Set<Long> always = new LinkedHashSet<>();
        allUnits.stream().filter(u -> u.parentId() == null || u.isArea()).forEach(u -> always.add(u.id()));
        TargetOverrides.Snapshot targets = overrides.load();
        LocalDate today = LocalDate.now(clock);

        // indicator × unit: evaluation reads only the aggregates loaded above (no database, no shared mutable
        // state), so the units are evaluated in parallel; the order of the results is kept
        List<Evaluation> work = new ArrayList<>();
        for (IndicatorDefinition d : defs) {
            Set<String> codes = new java.util.HashSet<>();
            d.elements().forEach(e -> codes.add(e.code()));
            Set<Long> unitIds = new LinkedHashSet<>(always);
            unitIds.addAll(aggs.unitsWith(codes));
            List<Period> periods = Period.evaluatedIn(d.periodType(), year);
            for (long unitId : unitIds) {
                work.add(new Evaluation(d, unitId, periods));
            }
        }
        List<ResultRepository.Result> out = (work.size() >= PARALLEL_FROM ? work.parallelStream() : work.stream())
                .flatMap(w -> w.periods().stream().map(p -> evaluate(w.definition(), w.unitId(), p, aggs, totals,
                        unitsById, targets, today, planStart)))
                .toList();
        List<String> codes = defs.stream().map(IndicatorDefinition::code).toList();
        Map<String, String> previous = results.replace(year, codes, out);
        events.publishEvent(new AnalyticsCache.ResultsChanged(year));
        events.publishEvent(new org.qualitycity.indicator.ResultsRecomputed(year));
        for (ResultRepository.Result r : out) {
            Attainment to = Attainment.valueOf(r.status());
            String was = previous.get(r.indicatorCode() + "|" + r.unitId() + "|" + r.period());
            if ((to == Attainment.NOT_MET || to == Attainment.AT_RISK) && was != null && !was.equals(r.status())) {
                Unit u = unitsById.get(r.unitId());
                events.publishEvent(new StatusChanged(r.indicatorCode(), r.unitId(), u == null ? "" : u.code(), r.period(),
                        Attainment.valueOf(was), to));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.debug("Recomputed {} indicators of {}: {} results from {} aggregates in {} ms", defs.size(), year, out.size(),
                aggs.size(), ms);
        return new Summary(year, defs.size(), out.size(), aggs.size(), ms);
    }

    /** Below this many indicator × unit pairs the evaluation runs on the caller's thread. */
    private static final int PARALLEL_FROM = 200;

    private record Evaluation(IndicatorDefinition definition, long unitId, List<Period> periods) {
    }

    private static void addOnce(List<String> list, String code) {
        if (!list.contains(code)) {
            list.add(code);
        }
    }

    private void pullComputedValues(int year, List<IndicatorDefinition> defs) {
        Set<String> needed = new java.util.HashSet<>();
        defs.forEach(d -> d.elements().forEach(e -> needed.add(e.code())));
        for (ComputedElementProvider provider : providers) {
            List<String> wanted = provider.elements().stream().filter(needed::contains).sorted().toList();
            if (wanted.isEmpty()) {
                continue;
            }
            // all elements of this provider in one call (one scan where the provider can)
            Map<String, List<ComputedElementProvider.ElementValue>> computed = provider.values(wanted, year);
            values.replaceComputed(wanted, year, computed);
        }
    }

    /** The value, numerator, denominator and whether all inputs are approved, for one unit and period. */
    private record Observed(BigDecimal value, BigDecimal numerator, BigDecimal denominator, boolean approved,
                            boolean present, BigDecimal demoShare) {
    }

    private static Observed observe(IndicatorDefinition d, long unitId, String period, ElementAggregates aggs) {
        if (d.isRatio()) {
            var num = aggs.get(d.numerator().code(), unitId, period);
            var den = aggs.get(d.denominator().code(), unitId, period);
            BigDecimal n = num == null ? (den == null ? null : BigDecimal.ZERO) : num.value();
            BigDecimal dn = den == null ? null : den.value();
            // the records behind a rate are its denominator's (the batches tested, the cases due)
            return new Observed(TargetEvaluator.ratio(n, dn, d.factor()), n, dn,
                    (num == null || num.approved()) && (den == null || den.approved()), den != null,
                    den != null ? den.demoShare() : num == null ? null : num.demoShare());
        }
        if (d.value() == null) {
            return new Observed(null, null, null, true, false, null);
        }
        var v = aggs.get(d.value().code(), unitId, period);
        if (v == null) {
            return new Observed(null, null, null, true, false, null);
        }
        BigDecimal factor = d.factor() == null ? BigDecimal.ONE : d.factor();
        return new Observed(v.value().multiply(factor, TargetEvaluator.MC), null, null, v.approved(), true,
                v.demoShare());
    }

    private ResultRepository.Result evaluate(IndicatorDefinition d, long unitId, Period p, ElementAggregates aggs,
                                             RunningTotals totals, Map<Long, Unit> unitsById,
                                             TargetOverrides.Snapshot targets, LocalDate today, LocalDate planStart) {
        Observed o = observe(d, unitId, p.id(), aggs);
        TargetRule rule = targets.effective(d.code(), unitId, p.year(), d.target());
        BigDecimal comparator = d.comparator() == null ? null : nearest(d.comparator().code(), unitId, p.id(), aggs, unitsById);
        BigDecimal previousYear = observe(d, unitId, p.previousYear().id(), aggs).value();
        BigDecimal baseValue = null;
        int yearsSinceBase = 0;
        if (rule != null && rule.average() && rule.baseYear() != null) {
            baseValue = observe(d, unitId, String.valueOf(rule.baseYear()), aggs).value();
            yearsSinceBase = p.year() - rule.baseYear();
        }
        boolean currentYear = p.year() == today.getYear();
        Projection projection = currentYear && p.type() == PeriodType.YEAR
                ? project(d, unitId, p, aggs, rule, totals, planStart) : Projection.NONE;
        Basis basis = Basis.of(rule, comparator, previousYear, baseValue);
        BigDecimal cumulative = null;
        boolean windowOpen = false;
        Map<String, BigDecimal> byMember = null;
        if (rule != null && rule.kind() == TargetRule.Kind.COUNT_GE && rule.by() != null && d.value() != null) {
            // counted from the plan's start to the period's end, never beyond the due date
            LocalDate upTo = p.end().isAfter(rule.by()) ? rule.by() : p.end();
            cumulative = totals.at(d.value().code(), unitId, null, upTo);
            basis = new Basis("RUNNING_TOTAL", rule.value(), cumulative, planStart + "/" + upTo);
            if (rule.eachOfBreakdown() && d.breakdown() != null) {
                Set<String> members = new LinkedHashSet<>(d.breakdown().valuesZh());
                if (d.breakdown().openList()) {
                    members.addAll(totals.members(d.value().code(), unitId));
                }
                byMember = new java.util.LinkedHashMap<>();
                for (String m : members) {
                    byMember.put(m, totals.at(d.value().code(), unitId, m, upTo));
                }
                basis = new Basis("EACH_MEMBER", rule.value(), cumulative, planStart + "/" + upTo);
            }
        } else if (rule != null && rule.kind() == TargetRule.Kind.COUNT_GE && rule.perEvery() != null
                && p.type() == PeriodType.YEAR) {
            // "every n years": windows aligned to the plan's start (2017–18, 2019–20); a window that has not
            // ended yet is not missed yet
            int start = windowStart(p.year(), rule.perEvery(), planStart.getYear());
            int end = start + rule.perEvery() - 1;
            for (int y = start; y <= end; y++) {
                BigDecimal v = observe(d, unitId, String.valueOf(y), aggs).value();
                if (v != null) {
                    cumulative = cumulative == null ? v : cumulative.add(v);
                }
            }
            windowOpen = today.getYear() <= end;
            basis = new Basis("WINDOW_TOTAL", rule.value(), cumulative, rule.perEvery() == 1 ? String.valueOf(start)
                    : start + "/" + end);
        }
        var inputs = new TargetEvaluator.Inputs(comparator, previousYear, baseValue, yearsSinceBase, cumulative,
                projection.value()).withDecimals(d.decimals()).withWindowOpen(windowOpen);
        Attainment status;
        List<String> missing = null;
        if (byMember != null) {
            status = TargetEvaluator.eachMember(rule, byMember, cumulative, p, projection.value());
            missing = byMember.entrySet().stream()
                    .filter(e -> e.getValue() == null || e.getValue().compareTo(rule.value()) < 0)
                    .map(Map.Entry::getKey).toList();
        } else {
            status = TargetEvaluator.evaluate(rule, o.value(), p, inputs);
        }
        if (currentYear && p.type() == PeriodType.YEAR) {
            status = TargetEvaluator.withProjection(status, rule, projection.value(), p, inputs);
        }
        if (rule != null && (rule.kind() == TargetRule.Kind.YOY_GROWTH_GE || rule.kind() == TargetRule.Kind.YOY_GROWTH_LT)) {
            BigDecimal growth = rule.average() ? TargetEvaluator.averageGrowth(o.value(), baseValue, yearsSinceBase)
                    : TargetEvaluator.growthPercent(o.value(), previousYear);
            basis = new Basis(basis.kind(), basis.value(), growth, rule.average() ? String.valueOf(rule.baseYear())
                    : p.previousYear().id());
        } else if (rule != null && rule.rising()) {
            basis = new Basis(basis.kind(), basis.value(), basis.measure(), p.previousYear().id());
        }
        return new ResultRepository.Result(d.code(), unitId, p.id(), p.type().name(), p.year(), o.value(),
                o.numerator(), o.denominator(), comparator, rule == null ? null : rule.kind().name(),
                rule == null ? null : rule.value(), status.name(), projection.value(), projection.method(),
                o.approved(), basis.kind(), basis.value(), basis.measure(), basis.span(), missing, o.demoShare());
    }

    /**
     * What a status was compared with: the kind of comparison, the reference figure (target, comparator,
     * previous or base year's value), the quantity held against the target where it is not the value itself
     * (running total, window total, growth %), and the span behind it.
     */
    record Basis(String kind, BigDecimal value, BigDecimal measure, String span) {

        static Basis of(TargetRule rule, BigDecimal comparator, BigDecimal previousYear, BigDecimal baseValue) {
            if (rule == null) {
                return new Basis(null, null, null, null);
            }
            return switch (rule.kind()) {
                case LT_COMPARATOR -> new Basis("COMPARATOR", comparator, null, null);
                case YOY_GROWTH_GE, YOY_GROWTH_LT -> rule.average()
                        ? new Basis("BASE_YEAR", baseValue, null, null)
                        : new Basis("PREVIOUS_YEAR", previousYear, null, null);
                case QUALITATIVE -> new Basis("RATING", rule.value(), null, null);
                default -> rule.rising() ? new Basis("TARGET_AND_RISING", previousYear, null, null)
                        : new Basis("TARGET", rule.value(), null, null);
            };
        }
    }

    /** The element's value at the unit, or at its nearest ancestor (a national average reported for the city). */
    private static BigDecimal nearest(String element, long unitId, String period, ElementAggregates aggs,
                                      Map<Long, Unit> unitsById) {
        Long id = unitId;
        while (id != null) {
            BigDecimal v = aggs.value(element, id, period);
            if (v != null) {
                return v;
            }
            Unit u = unitsById.get(id);
            id = u == null ? null : u.parentId();
        }
        return null;
    }

    /** A projected year-end value and the method that produced it (shown to users). */
    record Projection(BigDecimal value, String method) {
        static final Projection NONE = new Projection(null, null);
    }

    /**
     * Year-end projection from the indicator's own periods so far (L of n with data):
     * rates — the year so far plus the remaining periods at the rate of the most recent quarter's worth of
     * periods (3 months, 1 quarter or 1 half) and the average volume so far (RATE_RECENT); sums — linear extrapolation (LINEAR); counts due by a date —
     * the cumulative count plus the current pace until the deadline (LINEAR_TO_DEADLINE); others — the
     * latest value (LATEST).
     */
    private Projection project(IndicatorDefinition d, long unitId, Period year, ElementAggregates aggs,
                               TargetRule rule, RunningTotals totals, LocalDate planStart) {
        // the finest periods that hold data: values that arrive monthly are projected month by month even for a
        // quarterly indicator, so the year is not "complete" as soon as its fourth quarter has one month in it
        List<Period> own = Period.allOf(d.periodType(), year.year());
        for (PeriodType t : new PeriodType[]{PeriodType.MONTH, PeriodType.QUARTER, PeriodType.HALF}) {
            if (!new Period(d.periodType(), year.year(), 1).isCoarserOrEqual(t)) {
                continue;
            }
            List<Period> candidate = Period.allOf(t, year.year());
            if (candidate.stream().anyMatch(c -> observe(d, unitId, c.id(), aggs).present())) {
                own = candidate;
                break;
            }
        }
        int n = own.size();
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (observe(d, unitId, own.get(i).id(), aggs).present()) {
                last = i + 1;
            }
        }
        if (last == 0 || (last == n && !(rule != null && rule.kind() == TargetRule.Kind.COUNT_GE && rule.by() != null))) {
            return Projection.NONE;
        }
        var mc = TargetEvaluator.MC;
        if (d.isRatio()) {
            BigDecimal num = BigDecimal.ZERO;
            BigDecimal den = BigDecimal.ZERO;
            BigDecimal recentNum = BigDecimal.ZERO;
            BigDecimal recentDen = BigDecimal.ZERO;
            int window = Math.max(1, n / 4); // the last quarter's worth: 3 months, 1 quarter, 1 half
            for (int i = 0; i < last; i++) {
                Observed o = observe(d, unitId, own.get(i).id(), aggs);
                BigDecimal on = o.numerator() == null ? BigDecimal.ZERO : o.numerator();
                BigDecimal od = o.denominator() == null ? BigDecimal.ZERO : o.denominator();
                num = num.add(on);
                den = den.add(od);
                if (i >= last - window) {
                    recentNum = recentNum.add(on);
                    recentDen = recentDen.add(od);
                }
            }
            if (den.signum() == 0 || recentDen.signum() == 0) {
                return Projection.NONE;
            }
            BigDecimal avgVolume = den.divide(BigDecimal.valueOf(last), mc);
            BigDecimal remainingDen = avgVolume.multiply(BigDecimal.valueOf(n - last), mc);
            BigDecimal remainingNum = recentNum.divide(recentDen, mc).multiply(remainingDen, mc);
            return new Projection(TargetEvaluator.ratio(num.add(remainingNum), den.add(remainingDen), d.factor()),
                    "RATE_RECENT:" + last + "/" + n);
        }
        IndicatorCatalog.Mode mode = IndicatorCatalog.mode(d, d.value());
        if (mode != IndicatorCatalog.Mode.SUM) {
            return new Projection(observe(d, unitId, own.get(last - 1).id(), aggs).value(), "LATEST:" + last + "/" + n);
        }
        BigDecimal ytd = BigDecimal.ZERO;
        for (int i = 0; i < last; i++) {
            BigDecimal v = observe(d, unitId, own.get(i).id(), aggs).value();
            ytd = ytd.add(v == null ? BigDecimal.ZERO : v);
        }
        BigDecimal pace = ytd.divide(BigDecimal.valueOf(last), mc);
        if (rule != null && rule.kind() == TargetRule.Kind.COUNT_GE && rule.by() != null) {
            LocalDate yearBefore = LocalDate.of(year.year() - 1, 12, 31);
            BigDecimal prior = totals.at(d.value().code(), unitId, null, yearBefore.isAfter(rule.by()) ? rule.by() : yearBefore);
            prior = prior == null ? BigDecimal.ZERO : prior;
            LocalDate lastEnd = own.get(last - 1).end();
            long monthsLeft = Math.max(0, java.time.temporal.ChronoUnit.MONTHS.between(lastEnd, rule.by()));
            BigDecimal periodsLeft = BigDecimal.valueOf(monthsLeft).divide(BigDecimal.valueOf(own.get(0).months()), mc);
            return new Projection(prior.add(ytd).add(pace.multiply(periodsLeft, mc)), "LINEAR_TO_DEADLINE:" + last + "/" + n);
        }
        return new Projection(pace.multiply(BigDecimal.valueOf(n), mc), "LINEAR:" + last + "/" + n);
    }
}
