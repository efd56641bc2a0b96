package org.qualitycity.plan.internal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorDefinition.ValueSource;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.TargetRule;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan file rules on the bundled plan and on broken copies of it: every problem is reported, each
 * with the path of its field and its line. No Spring context; units are the bundled file's own list.
 */
class PlanValidatorTest {

    private static String bundled;
    private static String sourceText;
    private static final Set<String> UNITS = new HashSet<>();

    @BeforeAll
    static void load() throws IOException {
        bundled = resource("/plans/xianning-2017.yaml");
        sourceText = resource("/plans/xianning-2017.source.zh.txt");
        PlanSource s = PlanSource.parse(bundled, PlanSource.Format.YAML, PlanTexts.ENGLISH);
        PlanMapper.maps(s.tree(), "units").forEach(u -> UNITS.add((String) u.get("code")));
        UNITS.addAll(List.of("421200", "421222", "421281"));
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = PlanValidatorTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PlanValidator validator() {
        return new PlanValidator(UNITS::contains, p -> p.equals("plans/xianning-2017.source.zh.txt") ? sourceText : null,
                PlanTexts.ENGLISH);
    }

    private static List<PlanProblem> problems(String yaml) {
        return validator().validate(PlanSource.parse(yaml, PlanSource.Format.YAML, PlanTexts.ENGLISH));
    }

    /** The bundled text with one exact, unique passage replaced. */
    private static String edit(String from, String to) {
        assertThat(bundled.indexOf(from)).as("passage to edit: " + from).isGreaterThanOrEqualTo(0);
        assertThat(bundled.indexOf(from, bundled.indexOf(from) + 1)).as("passage is unique: " + from).isEqualTo(-1);
        return bundled.replace(from, to);
    }

    private static int lineOf(String text, String passage) {
        int at = text.indexOf(passage);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theBundledPlanIsValid() {
        assertThat(problems(bundled)).isEmpty();
    }

    @Test
    void theBundledPlanMapsToTheModel() {
        PlanModel m = PlanMapper.map(PlanSource.parse(bundled, PlanSource.Format.YAML, PlanTexts.ENGLISH).tree());
        assertThat(m.meta().id()).isEqualTo("xianning-2017");
        assertThat(m.meta().issueDate()).isEqualTo(LocalDate.of(2017, 5, 10));
        assertThat(m.indicators()).hasSize(46);
        assertThat(m.measureGroups()).hasSize(12);
        assertThat(m.measureCount()).isEqualTo(57);
        assertThat(m.goals()).extracting(PlanModel.Goal::area)
                .containsExactly("OVERALL", "PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY", "GOVERNMENT");

        IndicatorDefinition p5 = find(m, "P5");
        assertThat(p5.comparator().code()).isEqualTo("P5_NATIONAL_AVG");
        assertThat(p5.comparator().cityOnly()).isTrue();
        assertThat(p5.target().kind()).isEqualTo(TargetRule.Kind.LT_COMPARATOR);
        assertThat(p5.target().comparator()).isEqualTo("P5_NATIONAL_AVG");
        // elements without a source inherit the indicator's
        assertThat(p5.numerator().source()).isEqualTo(ValueSource.COMPUTED);
        assertThat(find(m, "G4").numerator().source()).isEqualTo(ValueSource.REPORTED);
        assertThat(find(m, "G4").numerator().reportedBy()).isEqualTo("421200-ZJJ");
        DataElement p1Passed = find(m, "P1").numerator();
        assertThat(p1Passed.source()).isEqualTo(ValueSource.COMPUTED);
        assertThat(p1Passed.module()).isEqualTo("spotcheck");
        // an element with its own source keeps it
        IndicatorDefinition g1a = find(m, "G1a");
        assertThat(g1a.source()).isEqualTo(ValueSource.IMPORTED);
        assertThat(g1a.reportedBy()).isEqualTo("421200-STHJ");
        assertThat(g1a.importedFrom()).contains("湖北省生态环境厅");
        assertThat(g1a.supporting()).extracting(DataElement::code).containsExactly("G1_GOOD_DAYS", "G1_VALID_DAYS");
        assertThat(g1a.supporting()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(ValueSource.COMPUTED);
            assertThat(e.module()).isEqualTo("environment");
            assertThat(e.reportedBy()).isNull();
        });
        assertThat(g1a.target().among()).isEqualTo("湖北省17个市州");
        assertThat(g1a.target().placeholder()).isTrue();
        IndicatorDefinition g5 = find(m, "G5");
        assertThat(g5.numerator().module()).isEqualTo("environment");
        // the water drawn is metered at the sources too (issue 16): both elements come from the environment module
        assertThat(g5.denominator().source()).isEqualTo(ValueSource.COMPUTED);
        assertThat(g5.denominator().module()).isEqualTo("environment");

        IndicatorDefinition p7 = find(m, "P7");
        assertThat(p7.target().average()).isTrue();
        assertThat(p7.target().basis()).isEqualTo("AVERAGE_ANNUAL");
        assertThat(p7.target().baseYear()).isEqualTo(2016);
        IndicatorDefinition w1a = find(m, "W1a");
        assertThat(w1a.target().kind()).isEqualTo(TargetRule.Kind.YOY_GROWTH_LT);
        assertThat(w1a.target().value()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(w1a.groupCode()).isEqualTo("W1");
        IndicatorDefinition s3 = find(m, "S3");
        assertThat(s3.reportedBy()).as("assessed_by").isEqualTo("421200-ZQB");
        assertThat(s3.target().ratingScale()).isEqualTo("FOUR_LEVEL");
        assertThat(s3.target().attainedAt()).isEqualTo("GOOD");
        assertThat(s3.target().value()).as("rank of GOOD").isEqualByComparingTo("2");
        assertThat(s3.target().evidenceRequired()).isTrue();
        assertThat(s3.target().criteriaZh()).containsExactly("产业化", "标准化", "规范化", "精细化");
        IndicatorDefinition c6 = find(m, "C6");
        assertThat(c6.target().eachOfBreakdown()).isTrue();
        assertThat(c6.breakdown().valuesZh()).hasSize(9);
        assertThat(c6.measureCodes()).containsExactly("M07.1");
        IndicatorDefinition c11 = find(m, "C11");
        assertThat(c11.target().perEvery()).isEqualTo(2);
        assertThat(c11.target().perUnit()).isEqualTo("YEAR");
        assertThat(find(m, "S1").breakdown().openList()).isTrue();
        assertThat(find(m, "W2b").denominator().code()).isEqualTo("CMP_DUE");
        assertThat(find(m, "W2c").denominator().code()).isEqualTo("CMP_HANDLED");

        Measure m15 = m.measureGroups().get(0).measures().get(4);
        assertThat(m15.code()).isEqualTo("M01.5");
        assertThat(m15.recurring()).extracting(Measure.RecurringDuty::every).containsExactly(1, 2);
        assertThat(m15.recurring()).extracting(Measure.RecurringDuty::indicator).containsExactly("C10", "C11");
        Measure m12 = m.measureGroups().get(0).measures().get(1);
        assertThat(m12.milestones()).containsExactly("UNIT_PLANS_DUE");
        assertThat(m12.assignment()).isEqualTo("INFERRED");
        assertThat(m.measureGroups().get(0).measures().get(3).involvesDistricts()).isTrue();
        assertThat(m.milestones().get(0).appliesTo()).isEqualTo("ALL_UNITS");
        assertThat(m.milestones().get(0).submitTo()).isEqualTo("421200-ZQB");
    }

    private static IndicatorDefinition find(PlanModel m, String code) {
        return m.definitions().stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aYamlSyntaxErrorNamesItsLineAndColumn() {
        String broken = edit("    name_zh: 产品质量合格率\n", "    name_zh: [产品质量合格率\n");
        assertThatThrownBy(() -> PlanSource.parse(broken, PlanSource.Format.YAML, PlanTexts.ENGLISH))
                .isInstanceOfSatisfying(PlanInvalidException.class, e -> {
                    assertThat(e.planProblems()).hasSize(1);
                    PlanProblem p = e.planProblems().get(0);
                    assertThat(p.message()).startsWith("YAML syntax error");
                    assertThat(p.line()).isNotNull().isBetween(lineOf(broken, "[产品质量合格率"),
                            lineOf(broken, "[产品质量合格率") + 2);
                    assertThat(p.column()).isNotNull();
                });
    }

    @Test
    void aJsonSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> PlanSource.parse("{\n  \"format\": \"qualitycity-plan/1\",\n  \"plan\": {,}\n}",
                PlanSource.Format.JSON, PlanTexts.ENGLISH))
                .isInstanceOfSatisfying(PlanInvalidException.class, e ->
                        assertThat(e.planProblems().get(0).line()).isEqualTo(3));
    }

    @Test
    void everyProblemIsReportedWithItsFieldAndLine() {
        // three unrelated mistakes in one file: all three come back, not just the first
        String broken = edit("  - code: P2\n", "  - code: P1\n")
                .replace("target: {kind: GE, value: 98, provenance: PLAN", "target: {kind: AT_LEAST, value: 98, provenance: PLAN")
                .replace("        lead_unit: \"421200-CZJ\"", "        lead_unit: \"421200-NOPE\"");
        List<PlanProblem> problems = problems(broken);
        assertThat(problems).extracting(PlanProblem::field).contains("indicators[1].code", "indicators[3].target.kind",
                "measure_groups[0].measures[5].lead_unit");
        PlanProblem duplicate = byField(problems, "indicators[1].code");
        assertThat(duplicate.line()).isEqualTo(lineOf(broken, "  - code: P1\n    category: PLAN_INDICATOR\n    area: PRODUCT\n    name_zh: 监督抽查合格率") + 0);
        assertThat(duplicate.message()).contains("P1").contains("indicators[0].code");
        PlanProblem kind = byField(problems, "indicators[3].target.kind");
        assertThat(kind.message()).contains("AT_LEAST").contains("QUALITATIVE");
        assertThat(kind.line()).isEqualTo(lineOf(broken, "kind: AT_LEAST"));
        assertThat(byField(problems, "measure_groups[0].measures[5].lead_unit").message()).contains("421200-NOPE");
    }

    @Test
    void ratiosComparatorsAndTargetsNeedTheirParts() {
        String broken = edit("      denominator: {code: P1_TESTED, name_zh: 检验批次数, name_en: Batches tested, unit_zh: 批次}\n", "")
                .replace("    target: {kind: LT_COMPARATOR, comparator: P5_NATIONAL_AVG,", "    target: {kind: LT_COMPARATOR,")
                .replace("    target: {kind: COUNT_GE, value: 1, by: \"2020-12-31\", provenance: PLAN, text_zh: \"新增1个国家级质检中心\"}",
                        "    target: {kind: COUNT_GE, value: 1, by: \"2021-06-30\", per: {every: 1, unit: YEAR}, provenance: PLAN}");
        List<PlanProblem> problems = problems(broken);
        assertThat(problems).extracting(PlanProblem::field).contains(
                "indicators[0].elements.denominator", "indicators[0].aggregation",
                "indicators[4].target.comparator", "indicators[33].target", "indicators[33].target.by");
        assertThat(byField(problems, "indicators[4].target.comparator").message()).isEqualTo("is required");
        problems.forEach(p -> assertThat(p.line()).as(p.field()).isNotNull());
    }

    @Test
    void phasesMustBeOrderedAndContiguous() {
        String broken = edit("    start: \"2018-08-01\"\n    end: \"2018-09-30\"", "    start: \"2018-09-01\"\n    end: \"2018-08-30\"");
        List<PlanProblem> problems = problems(broken);
        assertThat(problems).extracting(PlanProblem::field).contains("phases[2].end", "phases[2].start", "phases[3].start");
        assertThat(byField(problems, "phases[2].end").line()).isEqualTo(lineOf(broken, "    end: \"2018-08-30\""));
    }

    @Test
    void measureCodesAreUniqueAndReferencesResolve() {
        String broken = edit("      - code: M02.2\n", "      - code: M02.1\n")
                .replace("        indicators: [P7, P8]", "        indicators: [P7, P9]")
                .replace("        milestones: [UNIT_PLANS_DUE]", "        milestones: [UNIT_PLANS]")
                .replace("  - code: G1b\n    category: PLAN_INDICATOR\n    group: G1", "  - code: G1b\n    category: PLAN_INDICATOR\n    group: G9");
        List<PlanProblem> problems = problems(broken);
        assertThat(problems).extracting(PlanProblem::field).contains("measure_groups[1].measures[1].code",
                "measure_groups[1].measures[2].indicators[1]", "measure_groups[0].measures[1].milestones[0]",
                "indicators[18].group");
        assertThat(byField(problems, "measure_groups[1].measures[1].code").message()).contains("M02.1");
    }

    @Test
    void unitsMustBeKnownAndLeadUnitsNotAlsoCoOperating() {
        String broken = edit("        co_units: [\"421200-FGW\"]\n        assignment: INFERRED\n        phase: IMPLEMENTATION\n        recurring:\n          - text_zh: \"市委常委会",
                "        co_units: [\"421200-ZQB\", \"999999\"]\n        assignment: INFERRED\n        phase: IMPLEMENTATION\n        recurring:\n          - text_zh: \"市委常委会");
        List<PlanProblem> problems = problems(broken);
        assertThat(problems).extracting(PlanProblem::field)
                .containsExactlyInAnyOrder("measure_groups[0].measures[0].co_units[0]", "measure_groups[0].measures[0].co_units[1]");
    }

    @Test
    void typesAndRequiredFieldsAreChecked() {
        String broken = edit("    decimals: 1\n    period_type: QUARTER\n    source: {type: COMPUTED, module: spotcheck, selector: \"all product",
                "    decimals: nine\n    period_type: WEEK\n    source: {type: COMPUTED, module: spotcheck, selector: \"all product")
                .replace("  start_date: \"2017-03-01\"\n", "  start_date: \"2017-13-01\"\n")
                .replace("    name_en: Product quality pass rate\n", "");
        List<PlanProblem> problems = problems(broken);
        assertThat(problems).extracting(PlanProblem::field).contains("indicators[0].decimals", "indicators[0].period_type",
                "plan.start_date", "indicators[0].name_en");
        assertThat(byField(problems, "plan.start_date").message()).contains("2017-13-01");
        // a missing field is reported at the line of its parent
        assertThat(byField(problems, "indicators[0].name_en").line()).isEqualTo(lineOf(broken, "  - code: P1\n") + 0);
    }

    @Test
    void duplicateKeysAreReported() {
        String broken = edit("    unit: PERCENT\n    decimals: 1\n    period_type: QUARTER\n    source: {type: COMPUTED, module: spotcheck, selector: \"all product",
                "    unit: PERCENT\n    unit: COUNT\n    decimals: 1\n    period_type: QUARTER\n    source: {type: COMPUTED, module: spotcheck, selector: \"all product");
        assertThatThrownBy(() -> PlanSource.parse(broken, PlanSource.Format.YAML, PlanTexts.ENGLISH))
                .isInstanceOfSatisfying(PlanInvalidException.class, e -> {
                    assertThat(e.planProblems()).extracting(PlanProblem::field).containsExactly("indicators[0].unit");
                    assertThat(e.planProblems().get(0).line()).isEqualTo(lineOf(broken, "    unit: COUNT"));
                });
    }

    @Test
    void quotationsMustBeThePlansWords() {
        String broken = edit("target: {kind: GE, value: 96, provenance: PLAN, text_zh: \"产品质量合格率稳定在96%以上\"}",
                "target: {kind: GE, value: 96, provenance: PLAN, text_zh: \"产品质量合格率稳定在97%以上\"}");
        assertThat(problems(broken)).extracting(PlanProblem::field).containsExactly("indicators[0].target.text_zh");
    }

    @Test
    void notAMappingAndEmptyFilesAreRefused() {
        assertThatThrownBy(() -> PlanSource.parse("- a\n- b\n", PlanSource.Format.YAML, PlanTexts.ENGLISH))
                .isInstanceOf(PlanInvalidException.class);
        assertThatThrownBy(() -> PlanSource.parse("  \n", PlanSource.Format.YAML, PlanTexts.ENGLISH))
                .isInstanceOf(PlanInvalidException.class);
        List<PlanProblem> problems = problems("format: qualitycity-plan/2\n");
        assertThat(problems).extracting(PlanProblem::field).contains("format", "plan", "indicators", "measure_groups", "phases");
    }

    @Test
    void editingAMeasuresUnitsKeepsTheRestOfTheFileAsItWas() {
        PlanSource before = PlanSource.parse(bundled, PlanSource.Format.YAML, PlanTexts.ENGLISH);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lead_unit", "421200-KJJ");
        fields.put("co_units", List.of("421200-SCJG", "421200-FGW"));
        fields.put("assignment", "ASSIGNED");
        String edited = PlanYamlEdit.setMeasureFields(bundled, 3, 0, fields).orElseThrow();
        PlanSource after = PlanSource.parse(edited, PlanSource.Format.YAML, PlanTexts.ENGLISH);
        Map<String, Object> measure = PlanMapper.maps(PlanMapper.maps(after.tree(), "measure_groups").get(3), "measures").get(0);
        assertThat(measure.get("code")).isEqualTo("M04.1");
        assertThat(measure.get("lead_unit")).isEqualTo("421200-KJJ");
        assertThat(measure.get("co_units")).isEqualTo(List.of("421200-SCJG", "421200-FGW"));
        assertThat(measure.get("assignment")).isEqualTo("ASSIGNED");
        // everything else is unchanged, comments included
        assertThat(edited.lines().filter(l -> l.startsWith("#")).toList())
                .isEqualTo(bundled.lines().filter(l -> l.startsWith("#")).toList());
        assertThat(edited.lines().count()).isEqualTo(bundled.lines().count());
        Map<String, Object> expected = PlanMapper.maps(PlanMapper.maps(before.tree(), "measure_groups").get(3), "measures").get(0);
        assertThat(measure.keySet()).isEqualTo(expected.keySet());
        assertThat(validator().validate(after)).isEmpty();
    }

    @Test
    void aMissingKeyIsAddedOnItsOwnLine() {
        String without = edit("        lead_unit: \"421200-ZQB\"\n        co_units: []\n", "        lead_unit: \"421200-ZQB\"\n");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lead_unit", "421200-ZQB");
        fields.put("co_units", List.of("421200-TJJ"));
        String edited = PlanYamlEdit.setMeasureFields(without, 0, 4, fields).orElseThrow();
        Map<String, Object> measure = PlanMapper.maps(PlanMapper.maps(PlanSource.parse(edited, PlanSource.Format.YAML,
                PlanTexts.ENGLISH).tree(), "measure_groups").get(0), "measures").get(4);
        assertThat(measure.get("co_units")).isEqualTo(List.of("421200-TJJ"));
        assertThat(measure.get("indicators")).isEqualTo(List.of("C10", "C11"));
    }

    @Test
    void jsonOfTheSameDocumentIsTheSameTree() {
        PlanSource yaml = PlanSource.parse(bundled, PlanSource.Format.YAML, PlanTexts.ENGLISH);
        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(yaml.tree());
        PlanSource fromJson = PlanSource.parse(json, PlanSource.Format.JSON, PlanTexts.ENGLISH);
        assertThat(fromJson.tree()).isEqualTo(yaml.tree());
        PlanSource regenerated = PlanSource.parse(fromJson.yamlText(), PlanSource.Format.YAML, PlanTexts.ENGLISH);
        assertThat(regenerated.tree()).isEqualTo(yaml.tree());
    }

    // ------------------------------------------------------------------ the file's shape: JSON Schema

    @Test
    void theBundledPlanSatisfiesTheSchemaItself() {
        assertThat(PlanSchema.check(PlanSource.parse(bundled, PlanSource.Format.YAML, PlanTexts.ENGLISH),
                PlanTexts.ENGLISH)).isEmpty();
    }

    /** Breaks of the file's shape, each reported by the schema at the path of its field, with its line. */
    private static String structurallyBad() {
        return edit("  id: xianning-2017\n", "  id: current\n")
                .replace("        lead_unit: \"421200-CZJ\"", "        lead_unit: 421200")
                .replace("    decimals: 1\n    period_type: QUARTER\n    source: {type: COMPUTED, module: spotcheck, selector: \"all product",
                        "    decimals: 7\n    period_type: QUARTER\n    source: {type: COMPUTED, module: spotcheck, selector: \"all product")
                .replace("      numerator: {code: P1_PASSED,", "      numerators: {code: P1_PASSED,")
                .replaceFirst("evidence_required: true", "evidence_required: false")
                .replaceFirst("applies_to: ALL_UNITS", "applies_to: SOME_UNITS")
                .replace("  issue_date: \"2017-05-10\"", "  issue_date: \"2017-05-32\"");
    }

    @Test
    void aStructurallyBadPlanIsRejectedWithThePathOfEachFieldInTheMessage() {
        String broken = structurallyBad();
        List<PlanProblem> problems = problems(broken);
        assertThat(byField(problems, "plan.id").message()).isEqualTo(
                "must be lower-case letters, digits, '-', '_' or '.', at most 64, and not \"current\"");
        assertThat(byField(problems, "plan.issue_date").message()).contains("2017-05-32");
        assertThat(byField(problems, "measure_groups[0].measures[5].lead_unit").message())
                .isEqualTo("must be text; write it in quotes (\"421200\")");
        assertThat(byField(problems, "indicators[0].decimals").message()).isEqualTo("must be at most 4");
        assertThat(byField(problems, "indicators[0].elements.numerators").message()).isEqualTo("\"numerators\" is not a field here");
        assertThat(byField(problems, "indicators[0].elements.numerator").message())
                .isEqualTo("a rate needs both a numerator and a denominator");
        assertThat(byField(problems, "milestones[0].applies_to").message()).isEqualTo("must be ALL_UNITS or a list of unit codes");
        PlanProblem evidence = problems.stream().filter(p -> p.field().endsWith(".target.evidence_required")).findFirst()
                .orElseThrow(() -> new AssertionError("evidence_required: " + problems));
        assertThat(evidence.field()).matches("indicators\\[\\d+]\\.target\\.evidence_required");
        assertThat(evidence.message()).isEqualTo("a qualitative rating is always backed by evidence");
        // each names its line, and the one-line description and the 400's field error carry the path
        problems.forEach(p -> assertThat(p.line()).as(p.field()).isNotNull());
        assertThat(byField(problems, "plan.id").line()).isEqualTo(lineOf(broken, "  id: current"));
        assertThat(byField(problems, "indicators[0].decimals").describe())
                .isEqualTo("line " + lineOf(broken, "    decimals: 7") + ", indicators[0].decimals: must be at most 4");
        assertThat(new PlanInvalidException(problems).problems()).extracting(p -> p.field())
                .contains("plan.id", "indicators[0].decimals", "measure_groups[0].measures[5].lead_unit");
    }

    @Test
    void schemaProblemsAreInTheReadersLanguage() {
        PlanValidator chinese = new PlanValidator(UNITS::contains, p -> null, PlanTexts.in(java.util.Locale.SIMPLIFIED_CHINESE));
        List<PlanProblem> problems = chinese.validate(PlanSource.parse(structurallyBad(), PlanSource.Format.YAML,
                PlanTexts.ENGLISH));
        assertThat(byField(problems, "indicators[0].decimals").message()).isEqualTo("至多为 4");
        assertThat(byField(problems, "measure_groups[0].measures[5].lead_unit").message()).isEqualTo("须为文本，请加引号（\"421200\"）");
        assertThat(byField(problems, "milestones[0].applies_to").message()).isEqualTo("须为 ALL_UNITS 或单位编码列表");
    }

    @Test
    void aJsonDocumentIsCheckedByTheSameSchema() {
        String json = "{\"format\": \"qualitycity-plan/1\", \"plan\": {\"id\": \"x\", \"code\": \"X\", \"title_zh\": \"X\","
                + " \"start_date\": \"2020-01-01\", \"end_date\": 2020}, \"indicators\": [], \"measure_groups\": [{}],"
                + " \"phases\": \"none\"}";
        List<PlanProblem> problems = validator().validate(PlanSource.parse(json, PlanSource.Format.JSON, PlanTexts.ENGLISH));
        assertThat(byField(problems, "plan.end_date").message()).isEqualTo("must be text; write it in quotes (\"2020\")");
        assertThat(byField(problems, "indicators").message()).isEqualTo("must list at least one entry");
        assertThat(byField(problems, "measure_groups[0].code").message()).isEqualTo("is required");
        assertThat(byField(problems, "phases").message()).isEqualTo("must be a list");
    }

    @Test
    void everyMessageKeyTheSchemaNamesIsInBothBundles() throws IOException {
        String schema = resource("/" + PlanSchema.RESOURCE);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(plan\\.error\\.[a-z-]+)\"").matcher(schema);
        Set<String> keys = new HashSet<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).contains("plan.error.plan-id", "plan.error.code-pattern", "plan.error.by-or-per");
        for (java.util.Locale locale : List.of(java.util.Locale.ENGLISH, java.util.Locale.SIMPLIFIED_CHINESE)) {
            java.util.ResourceBundle bundle = java.util.ResourceBundle.getBundle("i18n/plan_messages", locale,
                    java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
            assertThat(keys).allSatisfy(k -> assertThat(bundle.containsKey(k)).as(k + " " + locale).isTrue());
        }
    }

    private static PlanProblem byField(List<PlanProblem> problems, String field) {
        return problems.stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " in " + problems));
    }
}
