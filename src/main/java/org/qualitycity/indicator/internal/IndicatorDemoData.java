package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.ComputedElementProvider.ElementValue;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.TargetRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Demo values for every data element of the current plan, for every complete period from 2017 until
 * today, for the seven areas (or the city where a figure exists only for the city): generated, labelled
 * demo, realistic — rates near their targets with district differences, a slow improving trend and
 * noise, so that some districts miss some targets in some periods. Elements supplied by an operational
 * module's provider are left to that module's own demo records. Ends with a full recompute.
 */
@Component
class IndicatorDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(IndicatorDemoData.class);
    static final int FIRST_YEAR = 2017;

    /** Relative size of each area (volumes of inspections, projects, complaints …). */
    private static final Map<String, Double> SIZE = Map.of("421202", 1.3, "421281", 1.2, "421221", 0.9,
            "421222", 0.8, "421223", 0.8, "421224", 0.7, "421200GX", 0.6);
    /** Each area's quality level relative to the target, in percentage points (通城县 and 通山县 lag). */
    private static final Map<String, Double> MARGIN = Map.of("421202", 1.6, "421281", 1.2, "421221", 0.9,
            "421222", -0.4, "421223", 0.5, "421224", 0.1, "421200GX", 1.8);

    private final IndicatorCatalog catalog;
    private final Units units;
    private final ValueRepository values;
    private final RecomputeEngine engine;
    private final List<ComputedElementProvider> providers;
    private final Clock clock;

    IndicatorDemoData(IndicatorCatalog catalog, Units units, ValueRepository values, RecomputeEngine engine,
                      List<ComputedElementProvider> providers, Clock clock) {
        this.catalog = catalog;
        this.units = units;
        this.values = values;
        this.engine = engine;
        this.providers = providers;
        this.clock = clock;
    }

    /** Yearly demo values of an indicator's comparator (a national average) for the city, up to last year. */
    private static void demoComparator(IndicatorDefinition d, Unit city, LocalDate today, Random random,
                                       Map<String, List<ElementValue>> rows) {
        for (int year = FIRST_YEAR; year < today.getYear(); year++) {
            rows.computeIfAbsent(d.comparator().code(), k -> new ArrayList<>()).add(new ElementValue(city.id(),
                    Period.year(year), BigDecimal.valueOf(0.45 + 0.05 * random.nextGaussian()).setScale(3,
                            java.math.RoundingMode.HALF_UP)));
        }
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        Set<String> provided = new java.util.HashSet<>();
        providers.forEach(p -> provided.addAll(p.elements()));
        Unit city = units.all().stream().filter(u -> u.parentId() == null).findFirst().orElseThrow();
        List<Unit> areas = units.areas();
        Map<String, List<ElementValue>> rows = new LinkedHashMap<>();
        Map<String, List<ElementValue>> pending = new LinkedHashMap<>();
        Map<String, BigDecimal> known = new HashMap<>();
        int count = 0;
        for (IndicatorDefinition d : catalog.indicators()) {
            // an indicator whose figures a provider computes is left to it (a provided supporting element — G1a's good
            // days beside its imported rank — is left out of the generated values); a comparator the provider does not
            // supply (P5's national average, reported by customs) is still a demo report
            if (d.elements().stream().filter(e -> !d.supporting().contains(e)).anyMatch(e -> provided.contains(e.code()))) {
                if (d.comparator() != null && !provided.contains(d.comparator().code())) {
                    demoComparator(d, city, today, random, rows);
                }
                continue;
            }
            List<Unit> where = cityOnly(d) ? List.of(city) : areas;
            for (int year = FIRST_YEAR; year <= today.getYear(); year++) {
                for (Period p : Period.allOf(d.periodType(), year)) {
                    if (!p.end().isBefore(today)) {
                        continue;
                    }
                    // the latest month or quarter is still being reported: submitted, not yet approved
                    boolean latest = p.end().plusDays(p.months() * 31L).isAfter(today) && p.year() == today.getYear();
                    for (Unit u : where) {
                        Map<String, BigDecimal> generated = generate(d, u, p, random, known);
                        for (var e : generated.entrySet()) {
                            if (provided.contains(e.getKey())) {
                                continue;
                            }
                            if (known.putIfAbsent(e.getKey() + "|" + u.id() + "|" + p.id(), e.getValue()) != null) {
                                continue; // an element shared with an earlier indicator (W2b/W2c): generated once
                            }
                            (latest ? pending : rows).computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                    .add(new ElementValue(u.id(), p, e.getValue()));
                            count++;
                        }
                    }
                }
            }
            if (d.comparator() != null) {
                demoComparator(d, city, today, random, rows);
            }
        }
        // an element the plan computes from records (its module has no provider yet) is stored as computed, not as
        // if a person had reported it; computed values are approved on arrival
        Set<String> computed = new java.util.HashSet<>();
        catalog.indicators().forEach(d -> d.elements().stream()
                .filter(e -> e.source() == IndicatorDefinition.ValueSource.COMPUTED).forEach(e -> computed.add(e.code())));
        rows.forEach((element, list) -> values.insertBatch(element, list,
                computed.contains(element) ? "COMPUTED" : "REPORTED", "APPROVED", true));
        pending.forEach((element, list) -> values.insertBatch(element, list,
                computed.contains(element) ? "COMPUTED" : "REPORTED", computed.contains(element) ? "APPROVED" : "SUBMITTED",
                true));
        // realistic submission dates: mostly within the deadline (10 working days ≈ 14 days), some late
        values.spreadDemoSubmissions();
        long t1 = System.nanoTime();
        var summaries = engine.recomputeAll(null);
        log.info("Indicator demo data: {} values in {} ms; {} years recomputed in {} ms", count, (t1 - t0) / 1_000_000,
                summaries.size(), (System.nanoTime() - t1) / 1_000_000);
    }

    private static boolean cityOnly(IndicatorDefinition d) {
        return d.elements().stream().filter(e -> !e.equals(d.comparator())).anyMatch(e -> IndicatorCatalog.regionWide(d, e));
    }

    private static BigDecimal n(double v) {
        return BigDecimal.valueOf(Math.max(0, Math.round(v)));
    }

    /** Values of the indicator's own elements for one unit and period. */
    private Map<String, BigDecimal> generate(IndicatorDefinition d, Unit u, Period p, Random r,
                                             Map<String, BigDecimal> known) {
        Map<String, BigDecimal> out = new HashMap<>();
        double size = SIZE.getOrDefault(u.code(), 3.0);
        double margin = MARGIN.getOrDefault(u.code(), 1.0);
        int t = p.year() - FIRST_YEAR; // years into the plan
        TargetRule rule = d.target();
        double target = rule == null || rule.value() == null ? 0 : rule.value().doubleValue();
        if (d.isRatio()) {
            double den;
            double num;
            boolean percent = d.factor() != null && d.factor().compareTo(BigDecimal.valueOf(100)) == 0;
            if (!percent) {
                // satisfaction scores (sum of 0–100 scores ÷ responses) and average days (W1b)
                den = n((150 + r.nextInt(150)) * size * p.months() / 12.0).doubleValue();
                double score = d.code().startsWith("W1") ? Math.max(3, 12 - 0.9 * t + r.nextGaussian())
                        : target + 2.5 + margin + 0.4 * t + 2.2 * r.nextGaussian();
                num = Math.round(den * Math.min(100, score));
            } else if (d.code().equals("G3")) {
                den = Math.round(1000 * size);
                num = Math.round(den * (0.50 + 0.02 * margin + 0.003 * t + 0.01 * r.nextGaussian()));
            } else if (d.code().equals("P5")) {
                den = n((80 + r.nextInt(80)) * size).doubleValue();
                num = r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(2);
            } else {
                den = n(volume(d.code()) * size * p.months() / 3.0 * (0.8 + 0.4 * r.nextDouble())).doubleValue();
                if (den == 0) {
                    den = 1;
                }
                double rate;
                if (rule != null && rule.kind() == TargetRule.Kind.EQ) {
                    // "100 %" targets: almost always met; now and then one item short
                    rate = r.nextDouble() < 0.06 + (margin < 0 ? 0.06 : 0) ? (den - 1) / den * 100 : 100;
                } else {
                    rate = target + margin + 0.25 * t + 1.1 * r.nextGaussian();
                }
                num = Math.min(den, Math.round(den * Math.min(100, rate) / 100.0));
            }
            // a denominator another indicator already produced (W2c's is W2b's numerator) is reused, so the
            // chain received ≥ accepted ≥ handled ≥ replied holds
            BigDecimal shared = known.get(d.denominator().code() + "|" + u.id() + "|" + p.id());
            if (shared != null && percent) {
                double rate = den == 0 ? 1 : num / den;
                den = shared.doubleValue();
                num = Math.min(den, Math.round(den * rate));
            }
            out.put(d.numerator().code(), BigDecimal.valueOf(num));
            out.put(d.denominator().code(), BigDecimal.valueOf(den));
            return out;
        }
        if (d.value() == null) {
            return out;
        }
        double v;
        if (rule == null) {
            v = r.nextInt(10);
        } else {
            v = switch (rule.kind()) {
                case RANK_LE -> Math.max(1, Math.min(17, Math.round(8 - 1.1 * t + 1.5 * r.nextGaussian())));
                case QUALITATIVE -> t < 2 ? 2 : (r.nextDouble() < 0.7 ? 1 : 2);
                case EQ -> r.nextDouble() < (margin < 0 ? 0.12 : 0.05) ? 1 : 0;
                case YOY_GROWTH_GE -> Math.round(14 * size * Math.pow(1.09 + 0.03 * r.nextGaussian(), t + 1));
                case YOY_GROWTH_LT -> Math.round(420 * Math.pow(0.94, t) * (1 + 0.04 * r.nextGaussian()));
                case COUNT_GE -> countTarget(d, rule, p, r);
                default -> Math.round(target + r.nextGaussian());
            };
        }
        out.put(d.value().code(), BigDecimal.valueOf(Math.max(0, v)));
        return out;
    }

    /** Counts reported per year: targets "by 2020" are reached step by step (one, C5, falls short). */
    private static double countTarget(IndicatorDefinition d, TargetRule rule, Period p, Random r) {
        if (rule.by() == null) {
            int every = rule.perEvery() == null ? 1 : rule.perEvery();
            return (p.year() - FIRST_YEAR) % every == 0 ? 1 : 0;
        }
        int goal = rule.value().intValue();
        int years = rule.by().getYear() - FIRST_YEAR + 1;
        int reachable = d.code().equals("C5") ? goal - 1 : goal;
        int idx = p.year() - FIRST_YEAR;
        if (idx >= years) {
            return r.nextDouble() < 0.3 ? 1 : 0;
        }
        // spread the reachable count over the plan years
        int before = reachable * idx / years;
        int upto = reachable * (idx + 1) / years;
        return upto - before;
    }

    private static double volume(String code) {
        return switch (code) {
            case "P1" -> 120;
            case "P2" -> 60;
            case "P3" -> 45;
            case "P4" -> 35;
            case "P6" -> 25;
            case "E1" -> 5;
            case "E2" -> 9;
            case "E3" -> 3;
            case "E6" -> 7;
            case "G2" -> 12;
            case "G5" -> 9;
            case "G4" -> 60;
            case "G6" -> 90;
            default -> code.startsWith("W2") ? 75 : 30;
        };
    }
}
