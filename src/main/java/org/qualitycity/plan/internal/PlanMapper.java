package org.qualitycity.plan.internal;

import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorDefinition.Aggregation;
import org.qualitycity.plan.IndicatorDefinition.PeriodType;
import org.qualitycity.plan.IndicatorDefinition.ValueSource;
import org.qualitycity.plan.IndicatorGroup;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanRef;
import org.qualitycity.plan.TargetRule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated plan document to {@link PlanModel}. Elements without a source of their own inherit their
 * indicator's; a qualitative target's value is the rank of the level at which it is attained.
 */
public final class PlanMapper {

    private PlanMapper() {
    }

    public static PlanModel map(Map<String, Object> doc) {
        Map<String, Object> plan = map(doc, "plan");
        Map<String, Object> region = map(plan, "region");
        PlanModel.Meta meta = new PlanModel.Meta(str(plan, "id"), str(plan, "code"), str(plan, "document_number"),
                str(plan, "title_zh"), str(plan, "title_en"), str(plan, "issuer_zh"), str(plan, "issuer_en"),
                date(plan, "issue_date"), date(plan, "start_date"), date(plan, "end_date"), str(plan, "owner_unit"),
                str(region, "code"), str(region, "name_zh"), str(plan, "source_text"));

        List<PlanModel.Goal> goals = new ArrayList<>();
        Map<String, Object> g = map(doc, "goals");
        Map<String, Object> overall = map(g, "overall");
        if (!overall.isEmpty()) {
            goals.add(new PlanModel.Goal(PlanModel.Goal.OVERALL, str(overall, "ref"), null, null, null, null,
                    date(overall, "target_date"), str(overall, "text_zh")));
        }
        for (Map<String, Object> a : maps(g, "areas")) {
            Map<String, Object> column = map(a, "column");
            goals.add(new PlanModel.Goal(str(a, "area"), str(a, "ref"), str(a, "name_zh"), str(a, "name_en"),
                    column.get("number") instanceof Long ? integer(column, "number") : null, str(column, "title_zh"), null,
                    str(a, "text_zh")));
        }

        List<PlanModel.RatingScale> scales = new ArrayList<>();
        for (Map<String, Object> s : maps(doc, "rating_scales")) {
            scales.add(new PlanModel.RatingScale(str(s, "code"), maps(s, "levels").stream()
                    .map(l -> new PlanModel.RatingScale.Level(str(l, "code"), integer(l, "rank"), str(l, "name_zh"),
                            str(l, "name_en"))).toList()));
        }

        List<MeasureGroup> measureGroups = new ArrayList<>();
        Map<String, List<String>> measuresByIndicator = new LinkedHashMap<>();
        for (Map<String, Object> mg : maps(doc, "measure_groups")) {
            String groupCode = str(mg, "code");
            List<Measure> measures = new ArrayList<>();
            for (Map<String, Object> m : maps(mg, "measures")) {
                List<String> indicators = strings(m, "indicators");
                indicators.forEach(i -> measuresByIndicator.computeIfAbsent(i, k -> new ArrayList<>()).add(str(m, "code")));
                List<Measure.RecurringDuty> recurring = maps(m, "recurring").stream()
                        .map(r -> new Measure.RecurringDuty(str(r, "text_zh"), str(r, "duty_en"), integer(r, "every"),
                                str(r, "unit"), str(r, "provenance"), str(r, "indicator"))).toList();
                measures.add(new Measure(str(m, "code"), groupCode, integer(m, "number"), str(m, "ref"),
                        str(m, "title_zh"), str(m, "title_en"), str(m, "text_zh"), str(m, "lead_unit"),
                        strings(m, "co_units"), str(m, "phase"), strings(m, "milestones"), recurring,
                        Boolean.TRUE.equals(m.get("involves_districts")), str(m, "assignment"), indicators,
                        str(m, "note")));
            }
            measureGroups.add(new MeasureGroup(groupCode, integer(mg, "number"), str(mg, "ref"), str(mg, "title_zh"),
                    str(mg, "title_en"), List.copyOf(measures)));
        }

        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Map<String, Object> i : maps(doc, "indicators")) {
            if (str(i, "group") != null) {
                members.computeIfAbsent(str(i, "group"), k -> new ArrayList<>()).add(str(i, "code"));
            }
        }
        List<IndicatorGroup> groups = new ArrayList<>();
        for (Map<String, Object> ig : maps(doc, "indicator_groups")) {
            groups.add(new IndicatorGroup(str(ig, "code"), str(ig, "area"), str(ig, "name_zh"), str(ig, "name_en"),
                    List.copyOf(members.getOrDefault(str(ig, "code"), List.of())),
                    Boolean.TRUE.equals(ig.get("name_zh_from_plan")), planRefs(ig), str(ig, "note")));
        }

        Map<String, Integer> levelRanks = new LinkedHashMap<>();
        scales.forEach(s -> s.levels().forEach(l -> levelRanks.put(s.code() + "/" + l.code(), l.rank())));
        List<PlanModel.IndicatorEntry> indicators = new ArrayList<>();
        for (Map<String, Object> i : maps(doc, "indicators")) {
            indicators.add(indicator(i, levelRanks, measuresByIndicator.getOrDefault(str(i, "code"), List.of())));
        }

        List<Phase> phases = maps(doc, "phases").stream()
                .map(p -> new Phase(str(p, "code"), integer(p, "number"), str(p, "name_zh"), str(p, "name_en"),
                        date(p, "start"), date(p, "end"), str(p, "ref"), str(p, "period_zh"), str(p, "text_zh")))
                .toList();
        List<Milestone> milestones = maps(doc, "milestones").stream()
                .map(m -> new Milestone(str(m, "code"), date(m, "date"), str(m, "name_zh"), str(m, "name_en"),
                        m.get("applies_to") instanceof List<?> l ? String.join(",", strings(m, "applies_to"))
                                : str(m, "applies_to"),
                        str(m, "submit_to"), str(m, "ref"), str(m, "text_zh")))
                .toList();
        List<PlanModel.ProgrammeDuty> duties = maps(doc, "recurring_duties").stream()
                .map(d -> new PlanModel.ProgrammeDuty(str(d, "code"), str(d, "ref"), str(d, "name_zh"), str(d, "name_en"),
                        str(d, "lead_unit"), integer(d, "every"), str(d, "unit"), str(d, "provenance"), str(d, "text_zh")))
                .toList();
        List<PlanModel.Requirement> requirements = maps(doc, "requirements").stream()
                .map(r -> new PlanModel.Requirement(str(r, "ref"), r.get("number") instanceof Long ? integer(r, "number")
                        : null, str(r, "title_zh"), str(r, "text_zh")))
                .toList();
        List<PlanModel.PlanUnit> units = maps(doc, "units").stream()
                .map(u -> new PlanModel.PlanUnit(str(u, "code"), str(u, "name_zh"))).toList();
        return new PlanModel(meta, List.copyOf(goals), List.copyOf(groups), List.copyOf(indicators),
                List.copyOf(measureGroups), phases, milestones, List.copyOf(scales), duties, requirements, units);
    }

    private static PlanModel.IndicatorEntry indicator(Map<String, Object> i, Map<String, Integer> levelRanks,
                                                      List<String> measureCodes) {
        Map<String, Object> src = map(i, "source");
        ValueSource source = ValueSource.valueOf(str(src, "type"));
        String module = str(src, "module");
        String reportedBy = supplier(src);
        Map<String, Object> elements = map(i, "elements");
        List<PlanModel.ElementEntry> entries = new ArrayList<>();
        DataElement numerator = element(elements, "numerator", 0, source, module, reportedBy, entries);
        DataElement denominator = element(elements, "denominator", 0, source, module, reportedBy, entries);
        DataElement value = element(elements, "value", 0, source, module, reportedBy, entries);
        DataElement comparator = element(elements, "comparator", 0, source, module, reportedBy, entries);
        List<DataElement> supporting = new ArrayList<>();
        List<Map<String, Object>> sup = maps(elements, "supporting");
        for (int k = 0; k < sup.size(); k++) {
            supporting.add(element(Map.of("supporting", sup.get(k)), "supporting", k, source, module, reportedBy, entries));
        }
        Map<String, Object> b = map(i, "breakdown");
        IndicatorDefinition.Breakdown breakdown = b.isEmpty() ? null : new IndicatorDefinition.Breakdown(
                str(b, "dimension"), strings(b, "values_zh"), Boolean.TRUE.equals(b.get("open_list")));
        IndicatorDefinition def = new IndicatorDefinition(str(i, "code"), str(i, "category"), str(i, "area"),
                str(i, "group"), str(i, "name_zh"), str(i, "name_en"), str(i, "unit"), integer(i, "decimals"),
                PeriodType.valueOf(str(i, "period_type")), source, module, reportedBy, numerator, denominator, value,
                comparator, List.copyOf(supporting), decimal(i, "factor"), Aggregation.valueOf(str(i, "aggregation")),
                target(map(i, "target"), levelRanks), str(i, "short_name_zh"),
                Boolean.TRUE.equals(i.get("name_zh_from_plan")), str(i, "unit_zh"), str(src, "selector"),
                str(src, "from"), breakdown, planRefs(i), List.copyOf(measureCodes),
                "LAST".equals(str(i, "over_time")) ? "LAST" : "SUM", str(i, "definition_zh"), str(i, "definition_en"));
        return new PlanModel.IndicatorEntry(def, List.copyOf(entries));
    }

    private static DataElement element(Map<String, Object> elements, String role, int position, ValueSource source,
                                       String module, String reportedBy, List<PlanModel.ElementEntry> entries) {
        Map<String, Object> e = map(elements, role);
        if (e.isEmpty()) {
            return null;
        }
        Map<String, Object> own = map(e, "source");
        boolean ownSource = !own.isEmpty();
        DataElement element = new DataElement(str(e, "code"), str(e, "name_zh"), str(e, "name_en"), str(e, "unit_zh"),
                ownSource ? ValueSource.valueOf(str(own, "type")) : source, ownSource ? str(own, "module") : module,
                ownSource ? supplier(own) : reportedBy, str(e, "scope"));
        entries.add(new PlanModel.ElementEntry(role, position, element, ownSource));
        return element;
    }

    /** The unit that supplies the values: reported_by, or assessed_by for an assessment. */
    private static String supplier(Map<String, Object> source) {
        String reportedBy = str(source, "reported_by");
        return reportedBy != null ? reportedBy : str(source, "assessed_by");
    }

    private static TargetRule target(Map<String, Object> t, Map<String, Integer> levelRanks) {
        TargetRule.Kind kind = TargetRule.Kind.valueOf(str(t, "kind"));
        Map<String, Object> per = map(t, "per");
        String basis = str(t, "basis");
        String scale = str(t, "scale");
        String attainedAt = str(t, "attained_at");
        BigDecimal value = decimal(t, "value");
        if (kind == TargetRule.Kind.QUALITATIVE && value == null && levelRanks.containsKey(scale + "/" + attainedAt)) {
            value = BigDecimal.valueOf(levelRanks.get(scale + "/" + attainedAt));
        }
        return new TargetRule(kind, value, str(t, "comparator"), date(t, "by"),
                per.isEmpty() ? null : integer(per, "every"), str(per, "unit"), "AVERAGE_ANNUAL".equals(basis),
                t.get("base_year") instanceof Long ? integer(t, "base_year") : null, scale, str(t, "provenance"),
                str(t, "text_zh"), basis, str(t, "among"), "breakdown".equals(t.get("each_of")), attainedAt,
                strings(t, "criteria_zh"), kind == TargetRule.Kind.QUALITATIVE && !Boolean.FALSE.equals(t.get("evidence_required"))
                || Boolean.TRUE.equals(t.get("evidence_required")), str(t, "note"),
                Boolean.TRUE.equals(t.get("rising")));
    }

    private static List<PlanRef> planRefs(Map<String, Object> owner) {
        return maps(owner, "plan_refs").stream()
                .map(r -> new PlanRef(str(r, "section"), r.get("column") instanceof Long ? integer(r, "column") : null,
                        r.get("item") instanceof Long ? integer(r, "item") : null, str(r, "measure"), str(r, "text_zh")))
                .toList();
    }

    // -------------------------------------------------------------------------------------- access

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
        if (m == null || !(m.get(key) instanceof List<?> l)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        l.forEach(x -> {
            if (x instanceof Map<?, ?> e) {
                out.add((Map<String, Object>) e);
            }
        });
        return out;
    }

    static List<String> strings(Map<String, Object> m, String key) {
        if (m == null || !(m.get(key) instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    static String str(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof String s ? s : null;
    }

    static int integer(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Number n ? n.intValue() : 0;
    }

    static BigDecimal decimal(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return v instanceof BigDecimal b ? b : null;
    }

    static LocalDate date(Map<String, Object> m, String key) {
        String s = str(m, key);
        return s == null ? null : LocalDate.parse(s.strip());
    }
}
