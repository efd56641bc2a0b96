package org.qualitycity.plan.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules of a plan file (docs/plan-format.md, "Validation"). The file's shape (fields, types,
 * enumerations, forms, lengths, ranges, the fields each kind of target needs) is the JSON Schema
 * {@code plans/plan.schema.json} ({@link PlanSchema}); this class adds what a schema cannot say: codes
 * are unique, references resolve (indicators, groups, phases, milestones, rating scales, comparators),
 * unit codes are in the platform's unit register, phases are ordered and contiguous, dates fall within
 * the plan, shared elements have one definition, rates aggregate as SUM_RATIO, and the plan's words are
 * quoted. Every problem is reported, each with the path of its field ({@code indicators[3].target.kind})
 * and its line, rather than stopping at the first, so that one round of corrections suffices. Values of
 * the wrong shape are skipped here: the schema reports them.
 */
public final class PlanValidator {

    public static final String FORMAT = "qualitycity-plan/1";

    private static final List<String> SINGLE_ROLES = List.of("numerator", "denominator", "value", "comparator");

    private final Predicate<String> unitExists;
    private final Function<String, String> sourceTexts;
    private final PlanTexts texts;

    /**
     * @param unitExists  whether a unit code is in the platform's unit register
     * @param sourceTexts the full text of the plan at a {@code plan.source_text} path, or null when it is
     *                    not available (then quotations are not checked)
     */
    public PlanValidator(Predicate<String> unitExists, Function<String, String> sourceTexts, PlanTexts texts) {
        this.unitExists = unitExists;
        this.sourceTexts = sourceTexts;
        this.texts = texts;
    }

    /** Every problem of the file, in the order of the file; empty if it may be stored. */
    public List<PlanProblem> validate(PlanSource source) {
        List<PlanProblem> problems = new ArrayList<>(PlanSchema.check(source, texts));
        Run run = new Run(source);
        run.all();
        problems.addAll(run.problems);
        Set<String> seen = new HashSet<>();
        List<PlanProblem> distinct = new ArrayList<>();
        for (PlanProblem p : problems) {
            if (seen.add(p.field() + "\n" + p.message())) {
                distinct.add(p);
            }
        }
        distinct.sort(Comparator.comparing((PlanProblem p) -> p.line() == null ? Integer.MAX_VALUE : p.line())
                .thenComparing(p -> p.column() == null ? 0 : p.column()));
        return distinct;
    }

    /** One validation: the problems found so far and what later rules need from earlier ones. */
    private final class Run {

        private final PlanSource source;
        private final Map<String, Object> root;
        private final List<PlanProblem> problems = new ArrayList<>();

        private LocalDate planStart;
        private LocalDate planEnd;
        private final Map<String, String> indicatorCodes = new LinkedHashMap<>();
        private final Map<String, String> groupCodes = new LinkedHashMap<>();
        private final Map<String, Set<String>> scaleLevels = new HashMap<>();
        private final Set<String> phaseCodes = new HashSet<>();
        private final Set<String> milestoneCodes = new HashSet<>();
        private final Map<String, String> elementCodes = new HashMap<>();
        private final Map<String, Object> elementDefinitions = new HashMap<>();
        private final Set<String> groupsWithMembers = new HashSet<>();

        Run(PlanSource source) {
            this.source = source;
            this.root = source.tree();
        }

        void all() {
            plan();
            goals();
            ratingScales();
            indicatorGroups();
            List<Map<String, Object>> indicators = maps(root, "indicators");
            // first the codes, so that references between indicators and from measures resolve in any order
            for (int i = 0; i < indicators.size(); i++) {
                String code = str(indicators.get(i), "code");
                if (code != null) {
                    unique(indicatorCodes, code, "indicators[" + i + "].code");
                    if (groupCodes.containsKey(code)) {
                        problem("indicators[" + i + "].code", "plan.error.code-clash-group", code);
                    }
                }
            }
            phases();
            milestones();
            for (int i = 0; i < indicators.size(); i++) {
                if (indicators.get(i) != null) {
                    indicator(indicators.get(i), "indicators[" + i + "]");
                }
            }
            groupCodes.forEach((g, path) -> {
                if (!groupsWithMembers.contains(g)) {
                    problem(path, "plan.error.group-empty", g);
                }
            });
            Set<String> served = measureGroups();
            indicatorCodes.forEach((code, path) -> {
                if (!served.contains(code)) {
                    problem(path, "plan.error.indicator-unserved", code);
                }
            });
            recurringDuties();
            units();
            quotations();
        }

        // ------------------------------------------------------------------------------- plan, goals

        private void plan() {
            Map<String, Object> plan = map(root, "plan");
            if (plan == null) {
                return;
            }
            planStart = date(plan, "start_date");
            planEnd = date(plan, "end_date");
            if (planStart != null && planEnd != null && planEnd.isBefore(planStart)) {
                problem("plan.end_date", "plan.error.end-before-start", planEnd, planStart);
                planEnd = null;
            }
            unit(plan, "owner_unit", "plan");
        }

        private void goals() {
            List<Map<String, Object>> areas = maps(map(root, "goals"), "areas");
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < areas.size(); i++) {
                String area = str(areas.get(i), "area");
                if (area != null) {
                    unique(seen, area, "goals.areas[" + i + "].area");
                }
            }
        }

        private void ratingScales() {
            List<Map<String, Object>> scales = maps(root, "rating_scales");
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < scales.size(); i++) {
                String at = "rating_scales[" + i + "]";
                List<Map<String, Object>> ls = maps(scales.get(i), "levels");
                Set<String> levels = new HashSet<>();
                Map<String, String> seenLevels = new HashMap<>();
                for (int j = 0; j < ls.size(); j++) {
                    String level = str(ls.get(j), "code");
                    if (level != null && unique(seenLevels, level, at + ".levels[" + j + "].code")) {
                        levels.add(level);
                    }
                }
                String code = str(scales.get(i), "code");
                if (code != null && unique(seen, code, at + ".code")) {
                    scaleLevels.put(code, levels);
                }
            }
        }

        private void indicatorGroups() {
            List<Map<String, Object>> groups = maps(root, "indicator_groups");
            for (int i = 0; i < groups.size(); i++) {
                String code = str(groups.get(i), "code");
                if (code != null) {
                    unique(groupCodes, code, "indicator_groups[" + i + "].code");
                }
            }
        }

        // -------------------------------------------------------------------------------- indicators

        private void indicator(Map<String, Object> ind, String at) {
            String group = str(ind, "group");
            if (group != null) {
                if (!groupCodes.containsKey(group)) {
                    problem(at + ".group", "plan.error.unknown-group", group);
                } else {
                    groupsWithMembers.add(group);
                }
            }
            Map<String, Object> src = map(ind, "source");
            if (src != null) {
                source(src, at + ".source");
            }
            Map<String, Object> elements = map(ind, "elements");
            boolean ratio = false;
            String comparatorCode = null;
            if (elements != null) {
                boolean numerator = elements.get("numerator") instanceof Map;
                boolean denominator = elements.get("denominator") instanceof Map;
                boolean value = elements.get("value") instanceof Map;
                ratio = numerator && denominator;
                if (ratio && value) {
                    problem(at + ".elements.value", "plan.error.ratio-or-value");
                } else if (!numerator && !denominator && !value) {
                    problem(at + ".elements", "plan.error.no-value-element");
                }
                comparatorCode = str(map(elements, "comparator"), "code");
                forEachElement(elements, at, this::element);
            }
            String aggregation = str(ind, "aggregation");
            if (aggregation != null && elements != null && "SUM_RATIO".equals(aggregation) != ratio) {
                problem(at + ".aggregation", ratio ? "plan.error.ratio-needs-sum-ratio" : "plan.error.sum-ratio-needs-ratio");
            }
            Map<String, Object> target = map(ind, "target");
            if (target != null) {
                target(target, at + ".target", str(ind, "unit"), src == null ? null : str(src, "type"), comparatorCode,
                        map(ind, "breakdown") != null);
            }
        }

        private void forEachElement(Map<String, Object> elements, String at,
                                    BiConsumer<Map<String, Object>, String> action) {
            for (String role : SINGLE_ROLES) {
                Map<String, Object> e = map(elements, role);
                if (e != null) {
                    action.accept(e, at + ".elements." + role);
                }
            }
            List<Map<String, Object>> supporting = maps(elements, "supporting");
            for (int j = 0; j < supporting.size(); j++) {
                if (supporting.get(j) != null) {
                    action.accept(supporting.get(j), at + ".elements.supporting[" + j + "]");
                }
            }
        }

        private void element(Map<String, Object> e, String at) {
            Map<String, Object> src = map(e, "source");
            if (src != null) {
                source(src, at + ".source");
            }
            String code = str(e, "code");
            if (code == null) {
                return;
            }
            if (indicatorCodes.containsKey(code) || groupCodes.containsKey(code)) {
                problem(at + ".code", "plan.error.element-clash", code);
            }
            // one value store per element: every declaration of a shared code must be the same
            if (elementCodes.containsKey(code) && !elementDefinitions.get(code).equals(e)) {
                problem(at, "plan.error.element-differs", code, elementCodes.get(code));
            } else {
                elementCodes.putIfAbsent(code, at);
                elementDefinitions.putIfAbsent(code, e);
            }
        }

        private void source(Map<String, Object> src, String at) {
            unit(src, "reported_by", at);
            unit(src, "assessed_by", at);
        }

        private void target(Map<String, Object> t, String at, String unit, String sourceType, String comparatorCode,
                            boolean hasBreakdown) {
            String kind = str(t, "kind");
            if (kind == null) {
                return;
            }
            switch (kind) {
                case "LT_COMPARATOR" -> {
                    String comparator = str(t, "comparator");
                    if (comparator != null && !comparator.equals(comparatorCode)) {
                        if (comparatorCode == null) {
                            problem(at + ".comparator", "plan.error.comparator-missing", comparator);
                        } else {
                            problem(at + ".comparator", "plan.error.comparator-differs", comparator, comparatorCode);
                        }
                    }
                }
                case "YOY_GROWTH_GE", "YOY_GROWTH_LT" -> {
                    if (t.get("base_year") instanceof Long base && planEnd != null && base > planEnd.getYear()) {
                        problem(at + ".base_year", "plan.error.base-year");
                    }
                }
                case "RANK_LE" -> {
                    if (unit != null && !"RANK".equals(unit)) {
                        problem(at + ".kind", "plan.error.rank-unit");
                    }
                }
                case "COUNT_GE" -> {
                    within(date(t, "by"), at + ".by");
                    if ("breakdown".equals(t.get("each_of")) && !hasBreakdown) {
                        problem(at + ".each_of", "plan.error.each-of-breakdown");
                    }
                }
                case "QUALITATIVE" -> {
                    String scale = str(t, "scale");
                    String level = str(t, "attained_at");
                    if (scale != null && !scaleLevels.containsKey(scale)) {
                        problem(at + ".scale", "plan.error.unknown-scale", scale);
                    } else if (scale != null && level != null && !scaleLevels.get(scale).contains(level)) {
                        problem(at + ".attained_at", "plan.error.unknown-level", level, scale);
                    }
                    if (sourceType != null && !"ASSESSED".equals(sourceType)) {
                        problem(at + ".kind", "plan.error.qualitative-source");
                    }
                }
                default -> {
                }
            }
        }

        // ---------------------------------------------------------------------------------- measures

        /** Checks measure groups and measures; answers the indicator codes the measures serve. */
        private Set<String> measureGroups() {
            Set<String> served = new HashSet<>();
            List<Map<String, Object>> groups = maps(root, "measure_groups");
            Map<String, String> groupSeen = new HashMap<>();
            Map<String, String> measureSeen = new HashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                String gat = "measure_groups[" + g + "]";
                String code = str(groups.get(g), "code");
                if (code != null) {
                    unique(groupSeen, code, gat + ".code");
                }
                List<Map<String, Object>> measures = maps(groups.get(g), "measures");
                for (int m = 0; m < measures.size(); m++) {
                    if (measures.get(m) != null) {
                        measure(measures.get(m), gat + ".measures[" + m + "]", measureSeen, served);
                    }
                }
            }
            return served;
        }

        private void measure(Map<String, Object> m, String at, Map<String, String> seen, Set<String> served) {
            String code = str(m, "code");
            if (code != null) {
                unique(seen, code, at + ".code");
            }
            String lead = unit(m, "lead_unit", at);
            List<String> co = strings(m, "co_units");
            Set<String> coSeen = new HashSet<>();
            for (int i = 0; i < co.size(); i++) {
                String u = co.get(i);
                if (u == null) {
                    continue;
                }
                String path = at + ".co_units[" + i + "]";
                if (!unitExists.test(u)) {
                    problem(path, "plan.error.unknown-unit", u);
                }
                if (u.equals(lead)) {
                    problem(path, "plan.error.lead-also-co", u);
                }
                if (!coSeen.add(u)) {
                    problem(path, "plan.error.co-twice", u);
                }
            }
            String phase = str(m, "phase");
            if (phase != null && !phaseCodes.contains(phase)) {
                problem(at + ".phase", "plan.error.unknown-phase", phase);
            }
            List<String> ms = strings(m, "milestones");
            for (int i = 0; i < ms.size(); i++) {
                if (ms.get(i) != null && !milestoneCodes.contains(ms.get(i))) {
                    problem(at + ".milestones[" + i + "]", "plan.error.unknown-milestone", ms.get(i));
                }
            }
            List<String> inds = strings(m, "indicators");
            for (int i = 0; i < inds.size(); i++) {
                if (inds.get(i) == null) {
                    continue;
                }
                if (!indicatorCodes.containsKey(inds.get(i))) {
                    problem(at + ".indicators[" + i + "]", "plan.error.unknown-indicator", inds.get(i));
                } else {
                    served.add(inds.get(i));
                }
            }
            List<Map<String, Object>> recurring = maps(m, "recurring");
            for (int i = 0; i < recurring.size(); i++) {
                String rat = at + ".recurring[" + i + "]";
                String ind = str(recurring.get(i), "indicator");
                if (ind != null && !indicatorCodes.containsKey(ind)) {
                    problem(rat + ".indicator", "plan.error.unknown-indicator", ind);
                }
                String rt = str(recurring.get(i), "text_zh");
                String mt = str(m, "text_zh");
                if (rt != null && mt != null && !mt.contains(rt)) {
                    problem(rat + ".text_zh", "plan.error.duty-not-in-measure");
                }
            }
        }

        // ------------------------------------------------------------------------ phases, milestones

        private void phases() {
            List<Map<String, Object>> phases = maps(root, "phases");
            Map<String, String> seen = new HashMap<>();
            LocalDate previousEnd = null;
            String previousCode = null;
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i) == null) {
                    continue;
                }
                String at = "phases[" + i + "]";
                Map<String, Object> p = phases.get(i);
                String code = str(p, "code");
                if (code != null && unique(seen, code, at + ".code")) {
                    phaseCodes.add(code);
                }
                LocalDate start = date(p, "start");
                LocalDate end = date(p, "end");
                if (start != null && end != null && end.isBefore(start)) {
                    problem(at + ".end", "plan.error.end-before-start", end, start);
                }
                if (i == 0 && start != null && planStart != null && !start.equals(planStart)) {
                    problem(at + ".start", "plan.error.first-phase-start", planStart);
                }
                if (previousEnd != null && start != null && !start.equals(previousEnd.plusDays(1))) {
                    problem(at + ".start", start.isAfter(previousEnd) ? "plan.error.phase-gap" : "plan.error.phase-order",
                            previousCode, previousEnd);
                }
                if (end != null && planEnd != null && end.isAfter(planEnd)) {
                    problem(at + ".end", "plan.error.after-plan-end", end, planEnd);
                }
                if (end != null) {
                    previousEnd = end;
                    previousCode = code;
                }
            }
        }

        private void milestones() {
            List<Map<String, Object>> milestones = maps(root, "milestones");
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) == null) {
                    continue;
                }
                String at = "milestones[" + i + "]";
                Map<String, Object> m = milestones.get(i);
                String code = str(m, "code");
                if (code != null && unique(seen, code, at + ".code")) {
                    milestoneCodes.add(code);
                }
                within(date(m, "date"), at + ".date");
                unit(m, "submit_to", at);
                List<String> codes = strings(m, "applies_to");
                for (int j = 0; j < codes.size(); j++) {
                    if (codes.get(j) != null && !unitExists.test(codes.get(j))) {
                        problem(at + ".applies_to[" + j + "]", "plan.error.unknown-unit", codes.get(j));
                    }
                }
            }
        }

        private void recurringDuties() {
            List<Map<String, Object>> duties = maps(root, "recurring_duties");
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < duties.size(); i++) {
                String at = "recurring_duties[" + i + "]";
                String code = str(duties.get(i), "code");
                if (code != null) {
                    unique(seen, code, at + ".code");
                }
                unit(duties.get(i), "lead_unit", at);
            }
        }

        private void units() {
            List<Map<String, Object>> units = maps(root, "units");
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < units.size(); i++) {
                String at = "units[" + i + "]";
                String code = unit(units.get(i), "code", at);
                if (code != null) {
                    unique(seen, code, at + ".code");
                }
            }
        }

        /** Every text_zh and period_zh must be the plan's own words, when the plan's text is available. */
        private void quotations() {
            String path = str(map(root, "plan"), "source_text");
            if (path == null) {
                return;
            }
            String text = sourceTexts.apply(path);
            if (text == null) {
                return;
            }
            quotations(root, "", text);
        }

        private void quotations(Object node, String path, String text) {
            if (node instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    String child = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                    if (("text_zh".equals(k) || "period_zh".equals(k)) && v instanceof String s && !text.contains(s)) {
                        problem(child, "plan.error.not-quoted", abbreviate(s));
                    }
                    quotations(v, child, text);
                });
            } else if (node instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    if (l.get(i) != null) {
                        quotations(l.get(i), path + "[" + i + "]", text);
                    }
                }
            }
        }

        // ----------------------------------------------------------------------------------- helpers

        private void within(LocalDate d, String path) {
            if (d == null || planStart == null || planEnd == null) {
                return;
            }
            if (d.isBefore(planStart) || d.isAfter(planEnd)) {
                problem(path, "plan.error.outside-plan", d, planStart, planEnd);
            }
        }

        /** Records the code's first path; reports a second use with the first's path and line. */
        private boolean unique(Map<String, String> seen, String code, String path) {
            String first = seen.putIfAbsent(code, path);
            if (first == null) {
                return true;
            }
            int[] pos = source.position(first);
            if (pos == null) {
                problem(path, "plan.error.duplicate-code", code, first);
            } else {
                problem(path, "plan.error.duplicate-code-line", code, first, pos[0]);
            }
            return false;
        }

        /** A unit code at {@code key}, checked against the unit register; null if absent or not text. */
        private String unit(Map<String, Object> m, String key, String at) {
            String code = str(m, key);
            if (code != null && !code.isBlank() && !unitExists.test(code)) {
                problem(at.isEmpty() ? key : at + "." + key, "plan.error.unknown-unit", code);
            }
            return code;
        }

        private void problem(String path, String key, Object... args) {
            Object[] plain = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                // numbers as written (MessageFormat would print 2200 as "2,200"), dates ISO
                plain[i] = args[i] == null ? "" : String.valueOf(args[i]);
            }
            int[] pos = source.position(path);
            problems.add(new PlanProblem(path, pos == null ? null : pos[0], pos == null ? null : pos[1],
                    texts.text(key, plain)));
        }
    }

    // ------------------------------------------------------- tolerant readers (the schema reports shapes)

    private static String str(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> x ? (Map<String, Object>) x : null;
    }

    /** The entries of a list of mappings; an entry that is not a mapping is null here (indices kept). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (m != null && m.get(key) instanceof List<?> l) {
            for (Object x : l) {
                out.add(x instanceof Map<?, ?> e ? (Map<String, Object>) e : null);
            }
        }
        return out;
    }

    /** The entries of a list of texts; an entry that is not text is null here (indices kept). */
    private static List<String> strings(Map<String, Object> m, String key) {
        List<String> out = new ArrayList<>();
        if (m != null && m.get(key) instanceof List<?> l) {
            for (Object x : l) {
                out.add(x instanceof String s ? s : null);
            }
        }
        return out;
    }

    /** A date written "2017-05-10"; null if absent or not a date (the schema reports that). */
    private static LocalDate date(Map<String, Object> m, String key) {
        String s = str(m, key);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }
}
