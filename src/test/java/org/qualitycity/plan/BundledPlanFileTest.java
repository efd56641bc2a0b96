package org.qualitycity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.indicator.ComputedElementProvider;
import org.springframework.modulith.core.ApplicationModules;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the bundled plan file {@code plans/xianning-2017.yaml} against the format described in
 * {@code docs/plan-format.md} and against the plan itself (咸政办发〔2017〕24号). Plain YAML parsing,
 * no Spring context.
 */
class BundledPlanFileTest {

    private static final String PLAN = "/plans/xianning-2017.yaml";
    private static final String SOURCE = "/plans/xianning-2017.source.zh.txt";

    /** The indicator codes of SPEC §4 (专栏1–5). */
    private static final List<String> SPEC_INDICATORS = List.of(
            "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8",
            "E1", "E2", "E3", "E4", "E5", "E6",
            "S1", "S2", "S3",
            "G1", "G2", "G3", "G4", "G5", "G6",
            "W1", "W2", "W3");

    /** The unit codes a measure may be assigned to. */
    private static final Set<String> UNIT_CODES = Set.of(
            "421200-SCJG", "421200-FGW", "421200-JXJ", "421200-ZJJ", "421200-NYNC", "421200-STHJ",
            "421200-SWJ", "421200-WHLY", "421200-LYJ", "421200-WJW", "421200-JTYS", "421200-SLHP",
            "421200-JYJ", "421200-KJJ", "421200-GAJ", "421200-CZJ", "421200-RSJ", "421200-ZRZY",
            "421200-TJJ", "421200-CGJ", "421200-ZWFW", "421200-YJGL", "421200-HG", "421200-YZGL",
            "421200-XCB", "421200-SFJ", "421200-MZJ", "421200-YBJ", "421200-SWU", "421200-ZQB");

    private static final Set<String> TARGET_KINDS = Set.of("GE", "LE", "EQ", "LT_COMPARATOR",
            "YOY_GROWTH_GE", "YOY_GROWTH_LT", "RANK_LE", "COUNT_GE", "QUALITATIVE");
    private static final Set<String> AREAS = Set.of("PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY",
            "GOVERNMENT", "GENERAL");
    private static final Set<String> UNITS_OF_MEASURE = Set.of("PERCENT", "POINTS", "COUNT", "RANK",
            "ITEMS", "DAYS", "RATING");
    private static final Set<String> PERIOD_TYPES = Set.of("YEAR", "HALF", "QUARTER", "MONTH");
    private static final Set<String> SOURCE_TYPES = Set.of("REPORTED", "COMPUTED", "IMPORTED", "ASSESSED");
    /** The modules a COMPUTED source may name: the plan schema's enum, checked against the application's modules. */
    private static Set<String> MODULES;
    private static final Set<String> AGGREGATIONS = Set.of("SUM_RATIO", "SUM", "MAX", "NONE");
    private static final Set<String> PROVENANCES = Set.of("PLAN", "INTERPRETED", "PLACEHOLDER");
    private static final Set<String> CATEGORIES = Set.of("PLAN_INDICATOR", "COUNT_TARGET");
    private static final Set<String> ELEMENT_ROLES = Set.of("numerator", "denominator", "value",
            "comparator", "supporting");

    private static Map<String, Object> plan;
    private static String source;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BundledPlanFileTest.class.getResourceAsStream(PLAN);
                InputStream src = BundledPlanFileTest.class.getResourceAsStream(SOURCE)) {
            assertNotNull(in, PLAN + " on the classpath");
            assertNotNull(src, SOURCE + " on the classpath");
            plan = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            source = new String(src.readAllBytes(), StandardCharsets.UTF_8);
        }
        MODULES = Set.copyOf(schemaModules());
    }

    /** The {@code module} enum of a source in {@code plans/plan.schema.json} (JSON is YAML). */
    @SuppressWarnings("unchecked")
    private static List<String> schemaModules() throws IOException {
        try (InputStream in = BundledPlanFileTest.class.getResourceAsStream("/plans/plan.schema.json")) {
            assertNotNull(in, "plans/plan.schema.json on the classpath");
            Map<String, Object> schema = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Object> fields = map(map(schema, "$defs"), "sourceFields");
            return (List<String>) map(map(fields, "properties"), "module").get("enum");
        }
    }

    /**
     * The schema names modules of the application only, and every module that supplies computed elements
     * (a {@code ComputedElementProvider} bean) is among them: a plan may name each supplier, and nothing else.
     */
    @Test
    void theSchemasModulesAreTheApplicationsModulesAndIncludeEverySupplier() throws IOException {
        ApplicationModules modules = ApplicationModules.of(QualityCityApplication.class);
        Set<String> names = modules.stream().map(m -> m.getIdentifier().toString()).collect(Collectors.toSet());
        List<String> inSchema = schemaModules();
        assertEquals(inSchema.size(), Set.copyOf(inSchema).size(), "no module twice in the schema: " + inSchema);
        assertTrue(names.containsAll(inSchema), "schema modules that are no module of the application: "
                + inSchema.stream().filter(m -> !names.contains(m)).toList());
        List<String> suppliers = modules.stream()
                .filter(m -> !m.getSpringBeans(ComputedElementProvider.class).isEmpty())
                .map(m -> m.getIdentifier().toString()).filter(m -> !m.equals("indicator")).sorted().toList();
        assertTrue(suppliers.size() >= 6, "suppliers found: " + suppliers);
        assertTrue(inSchema.containsAll(suppliers), "modules supplying computed elements missing from the schema: "
                + suppliers.stream().filter(m -> !inSchema.contains(m)).toList());
    }

    @Test
    void metadataMatchesThePlan() {
        Map<String, Object> meta = map(plan, "plan");
        assertEquals("qualitycity-plan/1", plan.get("format"));
        assertEquals("咸政办发〔2017〕24号", meta.get("document_number"));
        assertEquals("咸宁市创建全国质量强市示范城市工作方案", meta.get("title_zh"));
        assertEquals(LocalDate.of(2017, 5, 10), date(meta, "issue_date"));
        assertEquals(LocalDate.of(2020, 12, 31), date(meta, "end_date"));
        assertTrue(source.contains((String) meta.get("document_number")));
        assertTrue(source.contains("2017年5月10日"));
        assertEquals(SOURCE.substring(1), meta.get("source_text"));
        List<Map<String, Object>> areas = list(map(plan, "goals"), "areas");
        assertEquals(List.of("PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY", "GOVERNMENT"),
                areas.stream().map(a -> a.get("area")).toList());
    }

    @Test
    void twelveMeasureGroupsWithFiftySevenMeasures() {
        List<Map<String, Object>> groups = list(plan, "measure_groups");
        assertEquals(12, groups.size(), "measure groups 四.(一)…(十二)");
        // measures per group as numbered in the plan: 7+5+4+5+5+5+4+6+4+4+4+4 = 57
        List<Integer> expected = List.of(7, 5, 4, 5, 5, 5, 4, 6, 4, 4, 4, 4);
        List<Integer> actual = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Object> group = groups.get(g);
            assertEquals(g + 1, group.get("number"));
            assertTrue(source.contains("\n(" + cn(g + 1) + ")" + group.get("title_zh") + "。\n"),
                    "group heading verbatim: " + group.get("title_zh"));
            List<Map<String, Object>> measures = list(group, "measures");
            actual.add(measures.size());
            for (int m = 0; m < measures.size(); m++) {
                Map<String, Object> measure = measures.get(m);
                String code = (String) measure.get("code");
                assertEquals(m + 1, measure.get("number"), code);
                assertEquals(String.format("M%02d.%d", g + 1, m + 1), code);
                String text = (String) measure.get("text_zh");
                assertTrue(source.contains("\n" + (m + 1) + "." + text + "\n"), code + " text verbatim");
                assertTrue(text.startsWith(measure.get("title_zh") + "。"), code + " title is the lead sentence");
                assertFalse(((String) measure.get("title_en")).isBlank(), code);
            }
        }
        assertEquals(expected, actual);
        assertEquals(57, measures().size());
    }

    @Test
    void everySpecIndicatorIsPresentWithAValidTarget() {
        Map<String, List<String>> members = new HashMap<>();
        for (Map<String, Object> i : indicators()) {
            if (i.get("group") != null) {
                members.computeIfAbsent((String) i.get("group"), k -> new ArrayList<>()).add((String) i.get("code"));
            }
        }
        Set<String> groupCodes = list(plan, "indicator_groups").stream()
                .map(g -> (String) g.get("code")).collect(Collectors.toSet());
        assertEquals(groupCodes, members.keySet(), "every group has members and every member's group is declared");
        Set<String> indicatorCodes = indicators().stream().map(i -> (String) i.get("code")).collect(Collectors.toSet());
        for (String code : SPEC_INDICATORS) {
            assertTrue(indicatorCodes.contains(code) || members.containsKey(code), "SPEC indicator " + code);
        }
        for (Map<String, Object> i : indicators()) {
            checkIndicator(i);
        }
    }

    @Test
    void targetsAreThePlansFigures() {
        Map<String, Map<String, Object>> byCode = indicators().stream()
                .collect(Collectors.toMap(i -> (String) i.get("code"), i -> i));
        BiConsumer<String, String> kind = (code, k) -> assertEquals(k, map(byCode.get(code), "target").get("kind"), code);
        Object[][] numeric = {
                {"P1", "GE", 96}, {"P2", "GE", 95}, {"P3", "GE", 95}, {"P4", "GE", 98}, {"P6", "EQ", 100},
                {"P7", "YOY_GROWTH_GE", 10}, {"P8", "EQ", 0},
                {"E1", "EQ", 100}, {"E2", "EQ", 100}, {"E3", "EQ", 100}, {"E5", "EQ", 0}, {"E6", "EQ", 100},
                {"S1", "GE", 75}, {"S2", "GE", 80},
                {"G2", "EQ", 100}, {"G3", "GE", 50}, {"G4", "GE", 90}, {"G5", "EQ", 100}, {"G6", "GE", 85},
                {"W2a", "EQ", 100}, {"W2b", "EQ", 100}, {"W2c", "EQ", 100}, {"W3", "GE", 75},
                {"C1", "COUNT_GE", 1}, {"C2", "COUNT_GE", 1}, {"C3", "COUNT_GE", 2}, {"C4", "COUNT_GE", 1},
                {"C5", "COUNT_GE", 5}, {"C6", "COUNT_GE", 1}, {"C9", "COUNT_GE", 2},
                {"C10", "COUNT_GE", 1}, {"C11", "COUNT_GE", 1}, {"C12", "COUNT_GE", 1}};
        for (Object[] row : numeric) {
            String code = (String) row[0];
            assertNotNull(byCode.get(code), code);
            kind.accept(code, (String) row[1]);
            assertEquals(((Number) row[2]).doubleValue(), number(map(byCode.get(code), "target"), "value"), code);
        }
        kind.accept("P5", "LT_COMPARATOR");
        kind.accept("S3", "QUALITATIVE");
        kind.accept("G1a", "RANK_LE");
        kind.accept("G1b", "QUALITATIVE");
        assertEquals(2, number(map(map(byCode.get("C11"), "target"), "per"), "every"), "conference every two years");
        assertEquals("AVERAGE_ANNUAL", map(byCode.get("P7"), "target").get("basis"), "年均增长");
    }

    @Test
    void codesAreUnique() {
        List<String> codes = new ArrayList<>();
        indicators().forEach(i -> codes.add((String) i.get("code")));
        list(plan, "indicator_groups").forEach(g -> codes.add((String) g.get("code")));
        assertNoDuplicates(codes, "indicator and group codes");
        assertNoDuplicates(measures().stream().map(m -> (String) m.get("code")).toList(), "measure codes");
        assertNoDuplicates(list(plan, "measure_groups").stream().map(m -> (String) m.get("code")).toList(), "group codes");
        assertNoDuplicates(list(plan, "phases").stream().map(m -> (String) m.get("code")).toList(), "phase codes");
        assertNoDuplicates(list(plan, "milestones").stream().map(m -> (String) m.get("code")).toList(), "milestone codes");
        assertNoDuplicates(list(plan, "units").stream().map(m -> (String) m.get("code")).toList(), "unit codes");

        // a data element may serve several indicators (W2b and W2c share CMP_HANDLED) but has one definition
        Map<String, Map<String, Object>> elements = new HashMap<>();
        for (Map<String, Object> i : indicators()) {
            for (Map<String, Object> e : elements(i)) {
                Map<String, Object> before = elements.putIfAbsent((String) e.get("code"), e);
                assertTrue(before == null || before.equals(e), "element " + e.get("code") + " defined twice differently");
                assertFalse(codes.contains(e.get("code")), "element code clashes with an indicator code: " + e.get("code"));
            }
        }
    }

    @Test
    void unitsAreKnown() {
        assertEquals(UNIT_CODES, list(plan, "units").stream().map(u -> u.get("code")).collect(Collectors.toSet()));
        for (Map<String, Object> m : measures()) {
            String code = (String) m.get("code");
            String lead = (String) m.get("lead_unit");
            assertTrue(UNIT_CODES.contains(lead), code + " lead unit " + lead);
            List<String> co = strings(m, "co_units");
            assertTrue(UNIT_CODES.containsAll(co), code + " co-operating units " + co);
            assertFalse(co.contains(lead), code + " lead unit also listed as co-operating");
            assertEquals(co.size(), new HashSet<>(co).size(), code + " duplicate co-operating unit");
        }
        for (Map<String, Object> i : indicators()) {
            Stream.concat(Stream.of(map(i, "source")),
                            elements(i).stream().filter(e -> e.get("source") != null).map(e -> map(e, "source")))
                    .flatMap(s -> Stream.of(s.get("reported_by"), s.get("assessed_by")))
                    .filter(u -> u != null)
                    .forEach(u -> assertTrue(UNIT_CODES.contains(u), i.get("code") + " unit " + u));
        }
        assertTrue(UNIT_CODES.contains(map(plan, "plan").get("owner_unit")));
        list(plan, "recurring_duties").forEach(d -> assertTrue(UNIT_CODES.contains(d.get("lead_unit"))));
        list(plan, "milestones").stream().filter(m -> m.get("submit_to") != null)
                .forEach(m -> assertTrue(UNIT_CODES.contains(m.get("submit_to")), m.get("code") + " submit_to"));
    }

    @Test
    void phasesAndDeadlinesAreInOrder() {
        Map<String, Object> meta = map(plan, "plan");
        LocalDate planStart = date(meta, "start_date");
        LocalDate planEnd = date(meta, "end_date");
        List<Map<String, Object>> phases = list(plan, "phases");
        assertEquals(List.of("MOBILISATION", "IMPLEMENTATION", "SELF_CHECK", "PRE_ACCEPTANCE", "ACCEPTANCE_APPLICATION"),
                phases.stream().map(p -> p.get("code")).toList());
        assertEquals(planStart, date(phases.get(0), "start"));
        LocalDate previousEnd = null;
        for (Map<String, Object> p : phases) {
            LocalDate start = date(p, "start");
            LocalDate end = date(p, "end");
            assertFalse(end.isBefore(start), p.get("code") + " ends before it starts");
            if (previousEnd != null) {
                assertEquals(previousEnd.plusDays(1), start, p.get("code") + " follows the previous phase without gap");
            }
            previousEnd = end;
        }
        assertEquals(LocalDate.of(2017, 3, 1), date(phases.get(0), "start"));
        assertEquals(LocalDate.of(2018, 7, 31), date(phases.get(1), "end"));
        assertEquals(LocalDate.of(2019, 1, 31), date(phases.get(4), "end"));
        assertFalse(previousEnd.isAfter(planEnd));

        Map<String, LocalDate> milestones = new HashMap<>();
        list(plan, "milestones").forEach(m -> milestones.put((String) m.get("code"), date(m, "date")));
        assertEquals(LocalDate.of(2017, 7, 20), milestones.get("UNIT_PLANS_DUE"));
        assertEquals(planEnd, milestones.get("GOAL_DATE"));
        milestones.values().forEach(d -> assertTrue(!d.isBefore(planStart) && !d.isAfter(planEnd), d.toString()));

        Set<String> phaseCodes = phases.stream().map(p -> (String) p.get("code")).collect(Collectors.toSet());
        for (Map<String, Object> m : measures()) {
            assertTrue(phaseCodes.contains(m.get("phase")), m.get("code") + " phase");
            if (m.get("milestones") != null) {
                assertTrue(milestones.keySet().containsAll(strings(m, "milestones")), m.get("code") + " milestones");
            }
        }
        for (Map<String, Object> i : indicators()) {
            Map<String, Object> t = map(i, "target");
            if (t.get("by") != null) {
                LocalDate by = date(t, "by");
                assertTrue(!by.isBefore(planStart) && !by.isAfter(planEnd), i.get("code") + " target date");
            }
        }
    }

    @Test
    void measuresLinkToIndicatorsAndRecurringDutiesHaveAnInterval() {
        Set<String> indicatorCodes = indicators().stream().map(i -> (String) i.get("code")).collect(Collectors.toSet());
        Set<String> linked = new HashSet<>();
        for (Map<String, Object> m : measures()) {
            if (m.get("indicators") != null) {
                List<String> refs = strings(m, "indicators");
                assertTrue(indicatorCodes.containsAll(refs), m.get("code") + " indicators " + refs);
                linked.addAll(refs);
            }
            if (m.get("recurring") != null) {
                String code = (String) m.get("code");
                for (Map<String, Object> r : list(m, "recurring")) {
                    assertTrue(((String) m.get("text_zh")).contains((String) r.get("text_zh")), code + " duty quoted from its measure");
                    assertTrue(number(r, "every") >= 1, code);
                    assertTrue(PERIOD_TYPES.contains(r.get("unit")), code);
                    assertTrue(PROVENANCES.contains(r.get("provenance")), code);
                    if (r.get("indicator") != null) {
                        assertTrue(indicatorCodes.contains(r.get("indicator")), code);
                    }
                }
            }
        }
        assertEquals(indicatorCodes, linked, "every indicator is served by at least one measure");
        Map<String, Object> m15 = measures().stream().filter(m -> "M01.5".equals(m.get("code"))).findFirst().orElseThrow();
        assertEquals(List.of(1, 2), list(m15, "recurring").stream().map(r -> ((Number) r.get("every")).intValue()).toList(),
                "commission meets yearly, conference every two years");
    }

    @Test
    void quotedTextIsVerbatimFromThePlan() {
        List<String> misquoted = new ArrayList<>();
        collectQuotes(plan, "", misquoted);
        assertEquals(List.of(), misquoted);
    }

    // ------------------------------------------------------------------------------------------

    private static void checkIndicator(Map<String, Object> i) {
        String code = (String) i.get("code");
        assertTrue(CATEGORIES.contains(i.get("category")), code + " category");
        assertTrue(AREAS.contains(i.get("area")), code + " area");
        assertTrue(UNITS_OF_MEASURE.contains(i.get("unit")), code + " unit");
        assertTrue(PERIOD_TYPES.contains(i.get("period_type")), code + " period type");
        assertTrue(AGGREGATIONS.contains(i.get("aggregation")), code + " aggregation");
        assertTrue(number(i, "decimals") >= 0 && number(i, "decimals") <= 4, code + " decimals");
        assertTrue(number(i, "factor") > 0, code + " factor");
        assertTrue(i.get("name_zh_from_plan") instanceof Boolean, code + " name_zh_from_plan");
        assertFalse(((String) i.get("name_zh")).isBlank(), code);
        assertFalse(((String) i.get("name_en")).isBlank(), code);
        assertFalse(list(i, "plan_refs").isEmpty(), code + " plan reference");

        Map<String, Object> src = map(i, "source");
        checkSource(code, src);

        Map<String, Object> elements = map(i, "elements");
        assertTrue(ELEMENT_ROLES.containsAll(elements.keySet()), code + " element roles " + elements.keySet());
        boolean ratio = elements.containsKey("numerator") && elements.containsKey("denominator");
        assertEquals("SUM_RATIO".equals(i.get("aggregation")), ratio, code + ": rates aggregate as SUM_RATIO and only rates do");
        assertTrue(ratio ^ elements.containsKey("value"), code + ": either numerator/denominator or one value element");
        if ("PERCENT".equals(i.get("unit")) && ratio && !"survey".equals(src.get("module"))) {
            assertEquals(100.0, number(i, "factor"), code + " percentage factor");
        }
        for (Map<String, Object> e : elements(i)) {
            assertTrue(String.valueOf(e.get("code")).matches("[A-Z][A-Z0-9_]+"), code + " element code " + e.get("code"));
            assertFalse(((String) e.get("name_zh")).isBlank(), code);
            assertFalse(((String) e.get("name_en")).isBlank(), code);
            if (e.get("source") != null) {
                checkSource(code + "/" + e.get("code"), map(e, "source"));
            }
        }

        Map<String, Object> t = map(i, "target");
        String kind = (String) t.get("kind");
        assertTrue(TARGET_KINDS.contains(kind), code + " target kind " + kind);
        assertTrue(PROVENANCES.contains(t.get("provenance")), code + " target provenance");
        assertTrue(t.get("text_zh") instanceof String, code + " target quotes the plan");
        switch (kind) {
            case "GE", "LE", "EQ" -> assertNotNull(t.get("value"), code);
            case "LT_COMPARATOR" -> {
                Map<String, Object> comparator = map(elements, "comparator");
                assertEquals(comparator.get("code"), t.get("comparator"), code + " comparator is its own data element");
            }
            case "YOY_GROWTH_GE", "YOY_GROWTH_LT" -> {
                assertNotNull(t.get("value"), code);
                assertTrue(Set.of("YEAR_ON_YEAR", "AVERAGE_ANNUAL").contains(t.get("basis")), code + " basis");
            }
            case "RANK_LE" -> {
                assertTrue(number(t, "value") >= 1, code);
                assertEquals("RANK", i.get("unit"), code);
            }
            case "COUNT_GE" -> {
                assertTrue(number(t, "value") >= 1, code);
                assertTrue(t.containsKey("by") ^ t.containsKey("per"), code + ": a deadline or a recurrence, one of them");
                if (t.containsKey("per")) {
                    assertTrue(number(map(t, "per"), "every") >= 1, code);
                    assertTrue(PERIOD_TYPES.contains(map(t, "per").get("unit")), code);
                }
                if (t.containsKey("each_of")) {
                    assertFalse(list(map(i, "breakdown"), "values_zh").isEmpty(), code + " breakdown");
                }
            }
            case "QUALITATIVE" -> {
                assertEquals("ASSESSED", src.get("type"), code + " qualitative targets are assessed");
                Map<String, Object> scale = list(plan, "rating_scales").stream()
                        .filter(s -> s.get("code").equals(t.get("scale"))).findFirst()
                        .orElseThrow(() -> new AssertionError(code + " rating scale " + t.get("scale")));
                assertTrue(list(scale, "levels").stream().anyMatch(l -> l.get("code").equals(t.get("attained_at"))), code);
                assertEquals(Boolean.TRUE, t.get("evidence_required"), code);
            }
            default -> fail(code + " unhandled kind " + kind);
        }
    }

    private static void checkSource(String where, Map<String, Object> src) {
        String type = (String) src.get("type");
        assertTrue(SOURCE_TYPES.contains(type), where + " source type " + type);
        switch (type) {
            case "REPORTED" -> assertNotNull(src.get("reported_by"), where);
            case "COMPUTED" -> assertTrue(MODULES.contains(src.get("module")), where + " module " + src.get("module"));
            case "IMPORTED" -> assertNotNull(src.get("from"), where);
            case "ASSESSED" -> assertNotNull(src.get("assessed_by"), where);
            default -> fail(where);
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectQuotes(Object node, String path, List<String> misquoted) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("text_zh") || key.equals("period_zh")) {
                    if (!(e.getValue() instanceof String s) || !source.contains(s)) {
                        misquoted.add(path + "/" + key + ": " + e.getValue());
                    }
                }
                collectQuotes(e.getValue(), path + "/" + key, misquoted);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collectQuotes(l.get(i), path + "[" + i + "]", misquoted);
            }
        }
    }

    private static List<Map<String, Object>> indicators() {
        return list(plan, "indicators");
    }

    private static List<Map<String, Object>> measures() {
        return list(plan, "measure_groups").stream().flatMap(g -> list(g, "measures").stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> elements(Map<String, Object> indicator) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map.Entry<String, Object> e : map(indicator, "elements").entrySet()) {
            if (e.getValue() instanceof List<?> l) {
                l.forEach(x -> result.add((Map<String, Object>) x));
            } else {
                result.add((Map<String, Object>) e.getValue());
            }
        }
        return result;
    }

    private static void assertNoDuplicates(List<String> codes, String what) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> dup = codes.stream().filter(c -> !seen.add(c)).toList();
        assertEquals(List.of(), dup, "duplicate " + what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Map, key + " is a mapping");
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof List, key + " is a list");
        return (List<Map<String, Object>>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof List, key + " is a list");
        return (List<String>) v;
    }

    private static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Number, key + " is a number: " + v);
        return ((Number) v).doubleValue();
    }

    /** Dates are quoted ISO strings in the file, so every YAML parser reads the same value. */
    private static LocalDate date(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof String, key + " is a quoted ISO date: " + v);
        return LocalDate.parse((String) v);
    }

    private static String cn(int n) {
        return List.of("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二").get(n - 1);
    }
}
