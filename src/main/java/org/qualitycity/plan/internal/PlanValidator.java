package org.qualitycity.plan.internal;

import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.TargetRule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of a plan file (docs/plan-format.md, "Validation"). Reports every problem it finds, each
 * with the path of the field ({@code indicators[3].target.kind}) and its line, rather than stopping at
 * the first, so that one round of corrections suffices. The checks of the bundled plan's file test
 * are the same rules.
 */
public final class PlanValidator {

    public static final String FORMAT = "qualitycity-plan/1";

    static final Set<String> AREAS = Set.of("PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY", "GOVERNMENT");
    static final Set<String> INDICATOR_AREAS = union(AREAS, Set.of("GENERAL"));
    static final Set<String> CATEGORIES = Set.of("PLAN_INDICATOR", "COUNT_TARGET");
    static final Set<String> UNITS_OF_MEASURE = Set.of("PERCENT", "POINTS", "COUNT", "RANK", "ITEMS", "DAYS", "RATING");
    static final Set<String> PERIOD_TYPES = names(IndicatorDefinition.PeriodType.values());
    static final Set<String> SOURCE_TYPES = names(IndicatorDefinition.ValueSource.values());
    static final Set<String> MODULES = Set.of("spotcheck", "complaint", "survey", "monitoring", "enterprise", "trace",
            "credit");
    static final Set<String> AGGREGATIONS = names(IndicatorDefinition.Aggregation.values());
    static final Set<String> TARGET_KINDS = names(TargetRule.Kind.values());
    static final Set<String> PROVENANCES = Set.of("PLAN", "INTERPRETED", "PLACEHOLDER");
    static final Set<String> BASES = Set.of("YEAR_ON_YEAR", "AVERAGE_ANNUAL");
    static final Set<String> ASSIGNMENTS = Set.of("PLAN", "INFERRED", "ASSIGNED");
    static final Set<String> ELEMENT_ROLES = Set.of("numerator", "denominator", "value", "comparator", "supporting");
    static final Set<String> ELEMENT_SCOPES = Set.of("CITY_ONLY");

    private static final Pattern PLAN_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,31}");
    private static final Pattern ELEMENT_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

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

    /** Every problem of the file; empty if it may be stored. */
    public List<PlanProblem> validate(PlanSource source) {
        Run run = new Run(source);
        run.all();
        return run.problems;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
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
            Object format = root.get("format");
            if (format == null) {
                problem("format", t("plan.error.required", "is required"));
            } else if (!FORMAT.equals(format)) {
                problem("format", t("plan.error.format", "must be \"{0}\", not \"{1}\"", FORMAT, format));
            }
            plan();
            goals();
            ratingScales();
            indicatorGroups();
            List<Map<String, Object>> indicators = maps(root, "indicators", "indicators", true);
            if (indicators.isEmpty() && root.get("indicators") instanceof List) {
                problem("indicators", t("plan.error.empty-list", "must list at least one entry"));
            }
            // first the codes, so that references between indicators and from measures resolve in any order
            for (int i = 0; i < indicators.size(); i++) {
                if (indicators.get(i) == null) {
                    continue;
                }
                Map<String, Object> ind = indicators.get(i);
                String code = code(ind, "code", "indicators[" + i + "]", CODE, 32);
                if (code != null) {
                    unique(indicatorCodes, code, "indicators[" + i + "].code", "indicators");
                    if (groupCodes.containsKey(code)) {
                        problem("indicators[" + i + "].code", t("plan.error.code-clash-group",
                                "{0} is already the code of an indicator group", code));
                    }
                }
            }
            phases();
            milestones();
            for (int i = 0; i < indicators.size(); i++) {
                if (indicators.get(i) == null) {
                    continue;
                }
                indicator(indicators.get(i), "indicators[" + i + "]");
            }
            for (String g : groupCodes.keySet()) {
                if (!groupsWithMembers.contains(g)) {
                    problem(groupCodes.get(g), t("plan.error.group-empty",
                            "the indicator group {0} has no member (no indicator names it as its group)", g));
                }
            }
            Set<String> served = measureGroups();
            indicatorCodes.forEach((code, path) -> {
                if (!served.contains(code)) {
                    problem(path, t("plan.error.indicator-unserved",
                            "no measure serves the indicator {0} (list it under a measure''s indicators)", code));
                }
            });
            recurringDuties();
            list(root, "requirements", "requirements", false);
            units();
            quotations();
        }

        // ------------------------------------------------------------------------------- plan, goals

        private void plan() {
            Map<String, Object> plan = map(root, "plan", "plan", true);
            if (plan == null) {
                return;
            }
            String id = string(plan, "id", "plan", true, 64);
            if (id != null && (!PLAN_ID.matcher(id).matches() || id.equals("current"))) {
                problem("plan.id", t("plan.error.plan-id",
                        "must be lower-case letters, digits, '-', '_' or '.', at most 64, and not \"current\""));
            }
            string(plan, "code", "plan", true, 64);
            string(plan, "document_number", "plan", false, 200);
            string(plan, "title_zh", "plan", true, 500);
            string(plan, "title_en", "plan", false, 500);
            date(plan, "issue_date", "plan", false);
            planStart = date(plan, "start_date", "plan", true);
            planEnd = date(plan, "end_date", "plan", true);
            if (planStart != null && planEnd != null && planEnd.isBefore(planStart)) {
                problem("plan.end_date", t("plan.error.end-before-start", "{0} is before the start {1}", planEnd,
                        planStart));
                planEnd = null;
            }
            unit(plan, "owner_unit", "plan", false);
            Map<String, Object> region = map(plan, "region", "plan.region", false);
            if (region != null) {
                string(region, "code", "plan.region", true, 32);
            }
            string(plan, "source_text", "plan", false, 300);
            list(plan, "attachments", "plan.attachments", false);
        }

        private void goals() {
            Map<String, Object> goals = map(root, "goals", "goals", false);
            if (goals == null) {
                return;
            }
            Map<String, Object> overall = map(goals, "overall", "goals.overall", false);
            if (overall != null) {
                date(overall, "target_date", "goals.overall", false);
                string(overall, "text_zh", "goals.overall", false, 100_000);
                string(overall, "ref", "goals.overall", false, 40);
            }
            List<Map<String, Object>> areas = maps(goals, "areas", "goals.areas", false);
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < areas.size(); i++) {
                if (areas.get(i) == null) {
                    continue;
                }
                String at = "goals.areas[" + i + "]";
                Map<String, Object> a = areas.get(i);
                String area = oneOf(a, "area", at, true, AREAS);
                if (area != null) {
                    unique(seen, area, at + ".area", "areas");
                }
                string(a, "name_zh", at, true, 200);
                string(a, "name_en", at, false, 200);
                string(a, "ref", at, false, 40);
                string(a, "text_zh", at, false, 100_000);
                Map<String, Object> column = map(a, "column", at + ".column", false);
                if (column != null) {
                    integer(column, "number", at + ".column", false, 1, 99);
                    string(column, "title_zh", at + ".column", false, 200);
                }
            }
        }

        private void ratingScales() {
            List<Map<String, Object>> scales = maps(root, "rating_scales", "rating_scales", false);
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < scales.size(); i++) {
                if (scales.get(i) == null) {
                    continue;
                }
                String at = "rating_scales[" + i + "]";
                String code = code(scales.get(i), "code", at, CODE, 40);
                Set<String> levels = new HashSet<>();
                List<Map<String, Object>> ls = maps(scales.get(i), "levels", at + ".levels", true);
                if (ls.isEmpty() && scales.get(i).get("levels") instanceof List) {
                    problem(at + ".levels", t("plan.error.empty-list", "must list at least one entry"));
                }
                Map<String, String> seenLevels = new HashMap<>();
                for (int j = 0; j < ls.size(); j++) {
                    if (ls.get(j) == null) {
                        continue;
                    }
                    String lat = at + ".levels[" + j + "]";
                    String level = code(ls.get(j), "code", lat, CODE, 40);
                    if (level != null && unique(seenLevels, level, lat + ".code", "levels")) {
                        levels.add(level);
                    }
                    integer(ls.get(j), "rank", lat, true, 1, 100);
                    string(ls.get(j), "name_zh", lat, true, 100);
                }
                if (code != null && unique(seen, code, at + ".code", "rating scales")) {
                    scaleLevels.put(code, levels);
                }
            }
        }

        private void indicatorGroups() {
            List<Map<String, Object>> groups = maps(root, "indicator_groups", "indicator_groups", false);
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i) == null) {
                    continue;
                }
                String at = "indicator_groups[" + i + "]";
                Map<String, Object> g = groups.get(i);
                String code = code(g, "code", at, CODE, 32);
                if (code != null && !groupCodes.containsKey(code)) {
                    groupCodes.put(code, at + ".code");
                } else if (code != null) {
                    problem(at + ".code", duplicate(code, groupCodes.get(code)));
                }
                oneOf(g, "area", at, true, INDICATOR_AREAS);
                string(g, "name_zh", at, true, 500);
                string(g, "name_en", at, false, 500);
                bool(g, "name_zh_from_plan", at);
                planRefs(g, at);
            }
        }

        // -------------------------------------------------------------------------------- indicators

        private void indicator(Map<String, Object> ind, String at) {
            String code = ind.get("code") instanceof String s ? s : null;
            oneOf(ind, "category", at, true, CATEGORIES);
            oneOf(ind, "area", at, true, INDICATOR_AREAS);
            String group = string(ind, "group", at, false, 32);
            if (group != null) {
                if (!groupCodes.containsKey(group)) {
                    problem(at + ".group", t("plan.error.unknown-group", "{0} is not an indicator group of the plan",
                            group));
                } else {
                    groupsWithMembers.add(group);
                }
            }
            string(ind, "name_zh", at, true, 500);
            string(ind, "short_name_zh", at, false, 200);
            string(ind, "definition_zh", at, false, 2000);
            string(ind, "definition_en", at, false, 4000);
            string(ind, "name_en", at, true, 500);
            bool(ind, "name_zh_from_plan", at);
            String unit = oneOf(ind, "unit", at, true, UNITS_OF_MEASURE);
            string(ind, "unit_zh", at, false, 40);
            integer(ind, "decimals", at, true, 0, 4);
            oneOf(ind, "period_type", at, true, PERIOD_TYPES);
            Map<String, Object> src = map(ind, "source", at + ".source", true);
            String sourceType = src == null ? null : source(src, at + ".source", true);

            Map<String, Object> elements = map(ind, "elements", at + ".elements", true);
            boolean ratio = false;
            boolean hasValue = false;
            String comparatorCode = null;
            Map<String, Object> breakdown = map(ind, "breakdown", at + ".breakdown", false);
            if (breakdown != null) {
                string(breakdown, "dimension", at + ".breakdown", true, 40);
                List<String> values = strings(breakdown, "values_zh", at + ".breakdown", true, 200);
                if (values != null && values.isEmpty()) {
                    problem(at + ".breakdown.values_zh", t("plan.error.empty-list", "must list at least one entry"));
                }
                bool(breakdown, "open_list", at + ".breakdown");
            }
            if (elements != null) {
                for (String role : elements.keySet()) {
                    if (!ELEMENT_ROLES.contains(role)) {
                        problem(at + ".elements." + role, t("plan.error.enum", "\"{0}\" is not one of {1}", role,
                                sorted(ELEMENT_ROLES)));
                    }
                }
                boolean numerator = element(elements, "numerator", at + ".elements.numerator");
                boolean denominator = element(elements, "denominator", at + ".elements.denominator");
                hasValue = element(elements, "value", at + ".elements.value");
                if (element(elements, "comparator", at + ".elements.comparator")
                        && elements.get("comparator") instanceof Map<?, ?> c && c.get("code") instanceof String cc) {
                    comparatorCode = cc;
                }
                List<Map<String, Object>> supporting = maps(elements, "supporting", at + ".elements.supporting", false);
                for (int j = 0; j < supporting.size(); j++) {
                    if (supporting.get(j) == null) {
                        continue;
                    }
                    elementBody(supporting.get(j), at + ".elements.supporting[" + j + "]");
                }
                if (numerator != denominator) {
                    problem(at + ".elements." + (numerator ? "denominator" : "numerator"), t("plan.error.ratio-pair",
                            "a rate needs both a numerator and a denominator"));
                }
                ratio = numerator && denominator;
                if (ratio && hasValue) {
                    problem(at + ".elements.value", t("plan.error.ratio-or-value",
                            "give either numerator and denominator or one value element, not both"));
                } else if (!ratio && !hasValue && numerator == denominator) {
                    problem(at + ".elements", t("plan.error.no-value-element",
                            "needs numerator and denominator (a rate) or a value element"));
                }
            }
            BigDecimal factor = number(ind, "factor", at, true);
            if (factor != null && factor.signum() <= 0) {
                problem(at + ".factor", t("plan.error.positive", "must be greater than 0"));
            }
            String aggregation = oneOf(ind, "aggregation", at, true, AGGREGATIONS);
            if (aggregation != null && elements != null && "SUM_RATIO".equals(aggregation) != ratio) {
                problem(at + ".aggregation", ratio
                        ? t("plan.error.ratio-needs-sum-ratio", "a rate (numerator and denominator) aggregates as SUM_RATIO")
                        : t("plan.error.sum-ratio-needs-ratio", "SUM_RATIO needs a numerator and a denominator"));
            }
            Map<String, Object> target = map(ind, "target", at + ".target", true);
            if (target != null) {
                target(target, at + ".target", unit, sourceType, comparatorCode, breakdown != null);
            }
            planRefs(ind, at);
            if (code != null && elements != null) {
                forEachElement(elements, at, (e, path) -> {
                    if (e.get("code") instanceof String ec && indicatorCodes.containsKey(ec) || e.get("code") instanceof String
                            ec2 && groupCodes.containsKey(ec2)) {
                        problem(path + ".code", t("plan.error.element-clash",
                                "{0} is an indicator or group code; element codes must differ", e.get("code")));
                    }
                });
            }
        }

        private void forEachElement(Map<String, Object> elements, String at,
                                    java.util.function.BiConsumer<Map<String, Object>, String> action) {
            for (String role : List.of("numerator", "denominator", "value", "comparator")) {
                if (elements.get(role) instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> e = (Map<String, Object>) m;
                    action.accept(e, at + ".elements." + role);
                }
            }
            if (elements.get("supporting") instanceof List<?> l) {
                for (int j = 0; j < l.size(); j++) {
                    if (l.get(j) == null) {
                        continue;
                    }
                    if (l.get(j) instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> e = (Map<String, Object>) m;
                        action.accept(e, at + ".elements.supporting[" + j + "]");
                    }
                }
            }
        }

        /** Checks the element of {@code role} if present; true if it is there. */
        private boolean element(Map<String, Object> elements, String role, String at) {
            if (!elements.containsKey(role)) {
                return false;
            }
            Map<String, Object> e = map(elements, role, at, true);
            if (e != null) {
                elementBody(e, at);
            }
            return true;
        }

        private void elementBody(Map<String, Object> e, String at) {
            String code = code(e, "code", at, ELEMENT_CODE, 64);
            string(e, "name_zh", at, true, 500);
            string(e, "name_en", at, true, 500);
            string(e, "unit_zh", at, false, 40);
            oneOf(e, "scope", at, false, ELEMENT_SCOPES);
            Map<String, Object> src = map(e, "source", at + ".source", false);
            if (src != null) {
                source(src, at + ".source", false);
            }
            if (code != null) {
                // one value store per element: every declaration of a shared code must be the same
                if (elementCodes.containsKey(code) && !elementDefinitions.get(code).equals(e)) {
                    problem(at, t("plan.error.element-differs",
                            "the element {0} is declared differently at {1}; a shared element has one definition",
                            code, elementCodes.get(code)));
                } else {
                    elementCodes.putIfAbsent(code, at);
                    elementDefinitions.putIfAbsent(code, e);
                }
            }
        }

        /** Checks a source; answers its type. {@code indicatorLevel}: the indicator's own source. */
        private String source(Map<String, Object> src, String at, boolean indicatorLevel) {
            String type = oneOf(src, "type", at, true, SOURCE_TYPES);
            if (type == null) {
                return null;
            }
            switch (type) {
                case "REPORTED" -> unit(src, "reported_by", at, indicatorLevel);
                case "COMPUTED" -> {
                    oneOf(src, "module", at, true, MODULES);
                    string(src, "selector", at, false, 10_000);
                }
                case "IMPORTED" -> {
                    string(src, "from", at, indicatorLevel, 10_000);
                    unit(src, "reported_by", at, false);
                }
                case "ASSESSED" -> unit(src, "assessed_by", at, true);
                default -> {
                }
            }
            if (!"REPORTED".equals(type) && !"IMPORTED".equals(type) && src.containsKey("reported_by")) {
                unit(src, "reported_by", at, false);
            }
            return type;
        }

        private void target(Map<String, Object> t, String at, String unit, String sourceType, String comparatorCode,
                            boolean hasBreakdown) {
            String kind = oneOf(t, "kind", at, true, TARGET_KINDS);
            oneOf(t, "provenance", at, true, PROVENANCES);
            string(t, "text_zh", at, false, 100_000);
            string(t, "note", at, false, 100_000);
            if (kind == null) {
                return;
            }
            switch (kind) {
                case "GE", "LE", "EQ" -> number(t, "value", at, true);
                case "LT_COMPARATOR" -> {
                    String comparator = string(t, "comparator", at, true, 64);
                    if (comparator != null && !comparator.equals(comparatorCode)) {
                        problem(at + ".comparator", comparatorCode == null
                                ? t("plan.error.comparator-missing",
                                "names {0}, but the indicator has no comparator element (elements.comparator)", comparator)
                                : t("plan.error.comparator-differs",
                                "names {0}, but the comparator element is {1}", comparator, comparatorCode));
                    }
                }
                case "YOY_GROWTH_GE", "YOY_GROWTH_LT" -> {
                    number(t, "value", at, true);
                    String basis = oneOf(t, "basis", at, true, BASES);
                    Long base = integer(t, "base_year", at, "AVERAGE_ANNUAL".equals(basis), 1900, 2200);
                    if (base != null && planEnd != null && base > planEnd.getYear()) {
                        problem(at + ".base_year", t("plan.error.base-year", "must not be after the plan''s end year"));
                    }
                }
                case "RANK_LE" -> {
                    BigDecimal v = number(t, "value", at, true);
                    if (v != null && v.compareTo(BigDecimal.ONE) < 0) {
                        problem(at + ".value", t("plan.error.min", "must be at least {0}", 1));
                    }
                    string(t, "among", at, false, 200);
                    if (unit != null && !"RANK".equals(unit)) {
                        problem(at + ".kind", t("plan.error.rank-unit", "a RANK_LE target needs the indicator unit RANK"));
                    }
                }
                case "COUNT_GE" -> countTarget(t, at, hasBreakdown);
                case "QUALITATIVE" -> {
                    String scale = string(t, "scale", at, true, 40);
                    String level = string(t, "attained_at", at, true, 40);
                    if (scale != null && !scaleLevels.containsKey(scale)) {
                        problem(at + ".scale", t("plan.error.unknown-scale", "{0} is not a rating scale of the plan",
                                scale));
                    } else if (scale != null && level != null && !scaleLevels.get(scale).contains(level)) {
                        problem(at + ".attained_at", t("plan.error.unknown-level", "{0} is not a level of the scale {1}",
                                level, scale));
                    }
                    Boolean evidence = bool(t, "evidence_required", at);
                    if (Boolean.FALSE.equals(evidence)) {
                        problem(at + ".evidence_required", t("plan.error.evidence",
                                "a qualitative rating is always backed by evidence"));
                    }
                    strings(t, "criteria_zh", at, false, 500);
                    if (sourceType != null && !"ASSESSED".equals(sourceType)) {
                        problem(at + ".kind", t("plan.error.qualitative-source",
                                "a QUALITATIVE target needs an ASSESSED source"));
                    }
                }
                default -> {
                }
            }
        }

        private void countTarget(Map<String, Object> t, String at, boolean hasBreakdown) {
            BigDecimal v = number(t, "value", at, true);
            if (v != null && v.compareTo(BigDecimal.ONE) < 0) {
                problem(at + ".value", t("plan.error.min", "must be at least {0}", 1));
            }
            boolean by = t.containsKey("by");
            boolean per = t.containsKey("per");
            if (by == per) {
                problem(at, t("plan.error.by-or-per", "a COUNT_GE target needs exactly one of by (a date) and per (a recurrence)"));
            }
            if (by) {
                LocalDate d = date(t, "by", at, true);
                within(d, at + ".by");
            }
            if (per) {
                Map<String, Object> p = map(t, "per", at + ".per", true);
                if (p != null) {
                    integer(p, "every", at + ".per", true, 1, 100);
                    oneOf(p, "unit", at + ".per", true, PERIOD_TYPES);
                }
            }
            if (t.containsKey("each_of")) {
                Object each = t.get("each_of");
                if (!"breakdown".equals(each)) {
                    problem(at + ".each_of", t("plan.error.each-of", "the only value is \"breakdown\""));
                } else if (!hasBreakdown) {
                    problem(at + ".each_of", t("plan.error.each-of-breakdown",
                            "each_of: breakdown needs the indicator''s breakdown with its categories"));
                }
            }
        }

        private void planRefs(Map<String, Object> owner, String at) {
            List<Map<String, Object>> refs = maps(owner, "plan_refs", at + ".plan_refs", false);
            for (int j = 0; j < refs.size(); j++) {
                if (refs.get(j) == null) {
                    continue;
                }
                String rat = at + ".plan_refs[" + j + "]";
                string(refs.get(j), "section", rat, false, 40);
                integer(refs.get(j), "column", rat, false, 1, 99);
                integer(refs.get(j), "item", rat, false, 1, 999);
                string(refs.get(j), "measure", rat, false, 32);
                string(refs.get(j), "text_zh", rat, false, 100_000);
            }
        }

        // ---------------------------------------------------------------------------------- measures

        /** Checks measure groups and measures; answers the indicator codes the measures serve. */
        private Set<String> measureGroups() {
            Set<String> served = new HashSet<>();
            List<Map<String, Object>> groups = maps(root, "measure_groups", "measure_groups", true);
            if (groups.isEmpty() && root.get("measure_groups") instanceof List) {
                problem("measure_groups", t("plan.error.empty-list", "must list at least one entry"));
            }
            Map<String, String> groupSeen = new HashMap<>();
            Map<String, String> measureSeen = new HashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                if (groups.get(g) == null) {
                    continue;
                }
                String gat = "measure_groups[" + g + "]";
                Map<String, Object> group = groups.get(g);
                String code = code(group, "code", gat, CODE, 32);
                if (code != null) {
                    unique(groupSeen, code, gat + ".code", "measure groups");
                }
                integer(group, "number", gat, true, 1, 999);
                string(group, "ref", gat, false, 40);
                string(group, "title_zh", gat, true, 500);
                string(group, "title_en", gat, false, 500);
                List<Map<String, Object>> measures = maps(group, "measures", gat + ".measures", true);
                for (int m = 0; m < measures.size(); m++) {
                    if (measures.get(m) == null) {
                        continue;
                    }
                    measure(measures.get(m), gat + ".measures[" + m + "]", measureSeen, served);
                }
            }
            return served;
        }

        private void measure(Map<String, Object> m, String at, Map<String, String> seen, Set<String> served) {
            String code = code(m, "code", at, CODE, 32);
            if (code != null) {
                unique(seen, code, at + ".code", "measures");
            }
            integer(m, "number", at, true, 1, 999);
            string(m, "ref", at, false, 40);
            string(m, "title_zh", at, true, 500);
            string(m, "title_en", at, false, 500);
            string(m, "text_zh", at, true, 100_000);
            String lead = unit(m, "lead_unit", at, true);
            List<String> co = strings(m, "co_units", at, false, 32);
            if (co != null) {
                Set<String> coSeen = new HashSet<>();
                for (int i = 0; i < co.size(); i++) {
                    if (co.get(i) == null) {
                        continue;
                    }
                    String u = co.get(i);
                    String path = at + ".co_units[" + i + "]";
                    if (!unitExists.test(u)) {
                        problem(path, unknownUnit(u));
                    }
                    if (u.equals(lead)) {
                        problem(path, t("plan.error.lead-also-co", "{0} is the lead unit and cannot also co-operate", u));
                    }
                    if (!coSeen.add(u)) {
                        problem(path, t("plan.error.co-twice", "{0} is listed twice", u));
                    }
                }
            }
            oneOf(m, "assignment", at, false, ASSIGNMENTS);
            bool(m, "involves_districts", at);
            String phase = string(m, "phase", at, true, 40);
            if (phase != null && !phaseCodes.contains(phase)) {
                problem(at + ".phase", t("plan.error.unknown-phase", "{0} is not a phase of the plan", phase));
            }
            List<String> ms = strings(m, "milestones", at, false, 40);
            if (ms != null) {
                for (int i = 0; i < ms.size(); i++) {
                    if (ms.get(i) == null) {
                        continue;
                    }
                    if (!milestoneCodes.contains(ms.get(i))) {
                        problem(at + ".milestones[" + i + "]", t("plan.error.unknown-milestone",
                                "{0} is not a milestone of the plan", ms.get(i)));
                    }
                }
            }
            List<String> inds = strings(m, "indicators", at, false, 32);
            if (inds != null) {
                for (int i = 0; i < inds.size(); i++) {
                    if (inds.get(i) == null) {
                        continue;
                    }
                    if (!indicatorCodes.containsKey(inds.get(i))) {
                        problem(at + ".indicators[" + i + "]", unknownIndicator(inds.get(i)));
                    } else {
                        served.add(inds.get(i));
                    }
                }
            }
            List<Map<String, Object>> recurring = maps(m, "recurring", at + ".recurring", false);
            for (int i = 0; i < recurring.size(); i++) {
                if (recurring.get(i) == null) {
                    continue;
                }
                String rat = at + ".recurring[" + i + "]";
                Map<String, Object> r = recurring.get(i);
                string(r, "text_zh", rat, true, 100_000);
                string(r, "duty_en", rat, false, 1000);
                integer(r, "every", rat, true, 1, 100);
                oneOf(r, "unit", rat, true, PERIOD_TYPES);
                oneOf(r, "provenance", rat, false, PROVENANCES);
                String ind = string(r, "indicator", rat, false, 32);
                if (ind != null && !indicatorCodes.containsKey(ind)) {
                    problem(rat + ".indicator", unknownIndicator(ind));
                }
                if (r.get("text_zh") instanceof String rt && m.get("text_zh") instanceof String mt && !mt.contains(rt)) {
                    problem(rat + ".text_zh", t("plan.error.duty-not-in-measure",
                            "must be quoted from the measure''s own text_zh"));
                }
            }
            string(m, "note", at, false, 100_000);
        }

        // ------------------------------------------------------------------------ phases, milestones

        private void phases() {
            List<Map<String, Object>> phases = maps(root, "phases", "phases", true);
            if (phases.isEmpty() && root.get("phases") instanceof List) {
                problem("phases", t("plan.error.empty-list", "must list at least one entry"));
            }
            Map<String, String> seen = new HashMap<>();
            LocalDate previousEnd = null;
            String previousCode = null;
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i) == null) {
                    continue;
                }
                String at = "phases[" + i + "]";
                Map<String, Object> p = phases.get(i);
                String code = code(p, "code", at, CODE, 40);
                if (code != null && unique(seen, code, at + ".code", "phases")) {
                    phaseCodes.add(code);
                }
                integer(p, "number", at, true, 1, 99);
                string(p, "name_zh", at, true, 200);
                string(p, "name_en", at, false, 200);
                string(p, "ref", at, false, 40);
                string(p, "period_zh", at, false, 100);
                string(p, "text_zh", at, false, 100_000);
                LocalDate start = date(p, "start", at, true);
                LocalDate end = date(p, "end", at, true);
                if (start != null && end != null && end.isBefore(start)) {
                    problem(at + ".end", t("plan.error.end-before-start", "{0} is before the start {1}", end, start));
                }
                if (i == 0 && start != null && planStart != null && !start.equals(planStart)) {
                    problem(at + ".start", t("plan.error.first-phase-start",
                            "the first phase must start on the plan''s start_date {0}", planStart));
                }
                if (previousEnd != null && start != null && !start.equals(previousEnd.plusDays(1))) {
                    problem(at + ".start", start.isAfter(previousEnd)
                            ? t("plan.error.phase-gap", "leaves a gap after the phase {0}, which ends {1}; phases are contiguous",
                            previousCode, previousEnd)
                            : t("plan.error.phase-order", "must come after the end of the phase {0} ({1}); phases are ordered",
                            previousCode, previousEnd));
                }
                if (end != null && planEnd != null && end.isAfter(planEnd)) {
                    problem(at + ".end", t("plan.error.after-plan-end", "{0} is after the plan''s end_date {1}", end,
                            planEnd));
                }
                if (end != null) {
                    previousEnd = end;
                    previousCode = code;
                }
            }
        }

        private void milestones() {
            List<Map<String, Object>> milestones = maps(root, "milestones", "milestones", false);
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) == null) {
                    continue;
                }
                String at = "milestones[" + i + "]";
                Map<String, Object> m = milestones.get(i);
                String code = code(m, "code", at, CODE, 40);
                if (code != null && unique(seen, code, at + ".code", "milestones")) {
                    milestoneCodes.add(code);
                }
                within(date(m, "date", at, true), at + ".date");
                string(m, "name_zh", at, true, 200);
                string(m, "name_en", at, false, 200);
                string(m, "ref", at, false, 40);
                string(m, "text_zh", at, false, 100_000);
                unit(m, "submit_to", at, false);
                Object applies = m.get("applies_to");
                if (applies == null) {
                    problem(at + ".applies_to", t("plan.error.required", "is required"));
                } else if (applies instanceof List<?>) {
                    List<String> codes = strings(m, "applies_to", at, true, 32);
                    if (codes != null) {
                        for (int j = 0; j < codes.size(); j++) {
                            if (codes.get(j) == null) {
                                continue;
                            }
                            if (!unitExists.test(codes.get(j))) {
                                problem(at + ".applies_to[" + j + "]", unknownUnit(codes.get(j)));
                            }
                        }
                    }
                } else if (!"ALL_UNITS".equals(applies)) {
                    problem(at + ".applies_to", t("plan.error.applies-to", "must be ALL_UNITS or a list of unit codes"));
                }
            }
        }

        private void recurringDuties() {
            List<Map<String, Object>> duties = maps(root, "recurring_duties", "recurring_duties", false);
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < duties.size(); i++) {
                if (duties.get(i) == null) {
                    continue;
                }
                String at = "recurring_duties[" + i + "]";
                Map<String, Object> d = duties.get(i);
                String code = code(d, "code", at, CODE, 40);
                if (code != null) {
                    unique(seen, code, at + ".code", "recurring duties");
                }
                string(d, "name_zh", at, true, 200);
                unit(d, "lead_unit", at, false);
                integer(d, "every", at, true, 1, 100);
                oneOf(d, "unit", at, true, PERIOD_TYPES);
                oneOf(d, "provenance", at, false, PROVENANCES);
            }
        }

        private void units() {
            List<Map<String, Object>> units = maps(root, "units", "units", false);
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < units.size(); i++) {
                if (units.get(i) == null) {
                    continue;
                }
                String at = "units[" + i + "]";
                String code = unit(units.get(i), "code", at, true);
                if (code != null) {
                    unique(seen, code, at + ".code", "units");
                }
            }
        }

        /** Every text_zh and period_zh must be the plan's own words, when the plan's text is available. */
        private void quotations() {
            if (!(root.get("plan") instanceof Map<?, ?> plan) || !(plan.get("source_text") instanceof String path)) {
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
                        problem(child, t("plan.error.not-quoted",
                                "is not a verbatim quotation of the plan''s text ({0})", abbreviate(s)));
                    }
                    quotations(v, child, text);
                });
            } else if (node instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    if (l.get(i) == null) {
                        continue;
                    }
                    quotations(l.get(i), path + "[" + i + "]", text);
                }
            }
        }

        // ----------------------------------------------------------------------------------- helpers

        private void within(LocalDate d, String path) {
            if (d == null || planStart == null || planEnd == null) {
                return;
            }
            if (d.isBefore(planStart) || d.isAfter(planEnd)) {
                problem(path, t("plan.error.outside-plan", "{0} is outside the plan''s span {1} … {2}", d, planStart,
                        planEnd));
            }
        }

        private boolean unique(Map<String, String> seen, String code, String path, String what) {
            String first = seen.putIfAbsent(code, path);
            if (first != null) {
                problem(path, duplicate(code, first));
                return false;
            }
            return true;
        }

        private String duplicate(String code, String firstPath) {
            int[] pos = source.position(firstPath);
            return pos == null
                    ? t("plan.error.duplicate-code", "the code {0} is used twice (first at {1})", code, firstPath)
                    : t("plan.error.duplicate-code-line", "the code {0} is used twice (first at {1}, line {2})", code,
                    firstPath, String.valueOf(pos[0]));
        }

        private String unknownUnit(Object code) {
            return t("plan.error.unknown-unit", "{0} is not a unit of the platform''s unit register", code);
        }

        private String unknownIndicator(String code) {
            return t("plan.error.unknown-indicator", "{0} is not an indicator of the plan", code);
        }

        private String unit(Map<String, Object> m, String key, String at, boolean required) {
            String code = string(m, key, at, required, 32);
            if (code != null && !unitExists.test(code)) {
                problem(path(at, key), unknownUnit(code));
            }
            return code;
        }

        private String code(Map<String, Object> m, String key, String at, Pattern pattern, int max) {
            String code = string(m, key, at, true, max);
            if (code != null && !pattern.matcher(code).matches()) {
                problem(path(at, key), t("plan.error.code-pattern",
                        "\"{0}\" is not a valid code (letters, digits, ''_'', ''-'', ''.''; starting with a letter)", code));
                return null;
            }
            return code;
        }

        private String oneOf(Map<String, Object> m, String key, String at, boolean required, Set<String> allowed) {
            String v = string(m, key, at, required, 100);
            if (v != null && !allowed.contains(v)) {
                problem(path(at, key), t("plan.error.enum", "\"{0}\" is not one of {1}", v, sorted(allowed)));
                return null;
            }
            return v;
        }

        private String string(Map<String, Object> m, String key, String at, boolean required, int max) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path(at, key), t("plan.error.required", "is required"));
                }
                return null;
            }
            if (!(v instanceof String s)) {
                if (v instanceof Number || v instanceof Boolean) {
                    // YAML reads a unit code like 110000 or 2020 as a number: accept it as text only where the format quotes it
                    problem(path(at, key), t("plan.error.not-text-quote",
                            "must be text; write it in quotes (\"{0}\")", v));
                } else {
                    problem(path(at, key), t("plan.error.not-text", "must be text"));
                }
                return null;
            }
            if (required && s.isBlank()) {
                problem(path(at, key), t("plan.error.required", "is required"));
                return null;
            }
            if (s.length() > max) {
                problem(path(at, key), t("plan.error.too-long", "is longer than {0} characters", max));
                return null;
            }
            return s;
        }

        private List<String> strings(Map<String, Object> m, String key, String at, boolean required, int max) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path(at, key), t("plan.error.required", "is required"));
                }
                return null;
            }
            if (!(v instanceof List<?> l)) {
                problem(path(at, key), t("plan.error.not-a-list", "must be a list"));
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Object x = l.get(i);
                if (!(x instanceof String s) || s.isBlank()) {
                    problem(path(at, key) + "[" + i + "]", t("plan.error.not-text", "must be text"));
                } else if (s.length() > max) {
                    problem(path(at, key) + "[" + i + "]", t("plan.error.too-long", "is longer than {0} characters", max));
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        private Long integer(Map<String, Object> m, String key, String at, boolean required, long min, long max) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path(at, key), t("plan.error.required", "is required"));
                }
                return null;
            }
            if (!(v instanceof Long l)) {
                problem(path(at, key), t("plan.error.not-integer", "must be a whole number"));
                return null;
            }
            if (l < min || l > max) {
                problem(path(at, key), t("plan.error.range", "must be from {0} to {1}", min, max));
                return null;
            }
            return l;
        }

        private BigDecimal number(Map<String, Object> m, String key, String at, boolean required) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path(at, key), t("plan.error.required", "is required"));
                }
                return null;
            }
            if (v instanceof Long l) {
                return BigDecimal.valueOf(l);
            }
            if (v instanceof BigDecimal b) {
                if (b.abs().compareTo(new BigDecimal("1e12")) > 0 || b.scale() > 6) {
                    problem(path(at, key), t("plan.error.number-range", "is too large or too precise"));
                    return null;
                }
                return b;
            }
            problem(path(at, key), t("plan.error.not-number", "must be a number"));
            return null;
        }

        private Boolean bool(Map<String, Object> m, String key, String at) {
            Object v = m.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Boolean b)) {
                problem(path(at, key), t("plan.error.not-boolean", "must be true or false"));
                return null;
            }
            return b;
        }

        private LocalDate date(Map<String, Object> m, String key, String at, boolean required) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path(at, key), t("plan.error.required", "is required"));
                }
                return null;
            }
            if (v instanceof String s) {
                try {
                    return LocalDate.parse(s.strip());
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            problem(path(at, key), t("plan.error.not-date", "must be a date written \"2017-05-10\", not \"{0}\"", v));
            return null;
        }

        private Map<String, Object> map(Map<String, Object> m, String key, String path, boolean required) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path, t("plan.error.required", "is required"));
                }
                return null;
            }
            if (!(v instanceof Map<?, ?>)) {
                problem(path, t("plan.error.not-a-mapping-field", "must be a mapping of fields"));
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) v;
            return out;
        }

        private List<Object> list(Map<String, Object> m, String key, String path, boolean required) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    problem(path, t("plan.error.required", "is required"));
                }
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                problem(path, t("plan.error.not-a-list", "must be a list"));
                return List.of();
            }
            @SuppressWarnings("unchecked")
            List<Object> out = (List<Object>) l;
            return out;
        }

        /** The entries of a list of mappings; an entry that is not a mapping is reported and null here. */
        private List<Map<String, Object>> maps(Map<String, Object> m, String key, String path, boolean required) {
            List<Map<String, Object>> out = new ArrayList<>();
            if (m == null) {
                return out;
            }
            List<Object> l = list(m, key, path, required);
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) instanceof Map<?, ?> x) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> e = (Map<String, Object>) x;
                    out.add(e);
                } else {
                    problem(path + "[" + i + "]", t("plan.error.not-a-mapping-field", "must be a mapping of fields"));
                    out.add(null); // keeps the indices of the entries after it
                }
            }
            return out;
        }

        private void problem(String path, String message) {
            int[] pos = source.position(path);
            problems.add(new PlanProblem(path, pos == null ? null : pos[0], pos == null ? null : pos[1], message));
        }

        private String t(String key, String fallback, Object... args) {
            Object[] plain = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                // numbers as written (MessageFormat would print 2200 as "2,200"), dates ISO
                plain[i] = args[i] == null ? "" : String.valueOf(args[i]);
            }
            return texts.get(key, fallback, plain);
        }
    }

    private static String path(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }
}
