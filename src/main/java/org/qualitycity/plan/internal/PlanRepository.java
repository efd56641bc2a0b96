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
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.PlanRef;
import org.qualitycity.plan.TargetRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table plan_plan (the stored file) and its projection plan_goal, plan_indicator_group, plan_indicator,
 * plan_element, plan_measure_group, plan_measure, plan_phase and plan_milestone.
 */
@Repository
class PlanRepository {

    private static final String INFO = """
            SELECT id, code, document_number, title_zh, title_en, issue_date, start_date, end_date, current, version,
                   imported_at, owner_unit, region_code FROM plan_plan""";
    private static final TypeReference<List<PlanRef>> PLAN_REFS = new TypeReference<>() {
    };
    private static final TypeReference<List<Measure.RecurringDuty>> DUTIES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    PlanRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The stored file of a plan. */
    record Stored(String id, int version, boolean current, String sourceText, PlanSource.Format sourceFormat,
                  String sourceSha256) {
    }

    /** Serialises all changes of plans until the end of the transaction. */
    void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('plan_plan'))").query((rs, n) -> 1).list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM plan_plan").query(Long.class).single();
    }

    List<PlanInfo> all() {
        return jdbc.sql(INFO + " ORDER BY current DESC, imported_at DESC, id").query((rs, n) -> info(rs)).list();
    }

    Optional<PlanInfo> find(String id) {
        return jdbc.sql(INFO + " WHERE id = :id").param("id", id).query((rs, n) -> info(rs)).optional();
    }

    Optional<PlanInfo> current() {
        return jdbc.sql(INFO + " WHERE current").query((rs, n) -> info(rs)).optional();
    }

    Optional<Stored> stored(String id) {
        return jdbc.sql("""
                        SELECT id, version, current, source_text, source_format, source_sha256
                        FROM plan_plan WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new Stored(rs.getString("id"), rs.getInt("version"), rs.getBoolean("current"),
                        rs.getString("source_text"), PlanSource.Format.valueOf(rs.getString("source_format")),
                        rs.getString("source_sha256")))
                .optional();
    }

    void insert(PlanModel.Meta meta, String documentJson, String sourceText, PlanSource.Format format, String sha256,
                String actor) {
        jdbc.sql("""
                        INSERT INTO plan_plan (id, code, document_number, title_zh, title_en, issue_date, start_date,
                                               end_date, owner_unit, region_code, version, current, document,
                                               source_text, source_format, source_sha256, imported_by, updated_by)
                        VALUES (:id, :code, :documentNumber, :titleZh, :titleEn, :issueDate, :startDate, :endDate,
                                :ownerUnit, :regionCode, 1, false, CAST(:document AS jsonb), :sourceText, :format,
                                :sha256, :actor, :actor)""")
                .param("id", meta.id())
                .params(metaParams(meta))
                .param("document", documentJson)
                .param("sourceText", sourceText)
                .param("format", format.name())
                .param("sha256", sha256)
                .param("actor", actor)
                .update();
    }

    /** Replaces the stored file and bumps the version; {@code reimport}: it counts as a new import. */
    int replace(PlanModel.Meta meta, String documentJson, String sourceText, PlanSource.Format format, String sha256,
                String actor, boolean reimport) {
        return jdbc.sql("""
                        UPDATE plan_plan SET code = :code, document_number = :documentNumber, title_zh = :titleZh,
                               title_en = :titleEn, issue_date = :issueDate, start_date = :startDate, end_date = :endDate,
                               owner_unit = :ownerUnit, region_code = :regionCode, version = version + 1,
                               document = CAST(:document AS jsonb), source_text = :sourceText, source_format = :format,
                               source_sha256 = :sha256, updated_at = now(), updated_by = :actor,
                               imported_at = CASE WHEN :reimport THEN now() ELSE imported_at END,
                               imported_by = CASE WHEN :reimport THEN :actor ELSE imported_by END
                        WHERE id = :id
                        RETURNING version""")
                .param("id", meta.id())
                .params(metaParams(meta))
                .param("document", documentJson)
                .param("sourceText", sourceText)
                .param("format", format.name())
                .param("sha256", sha256)
                .param("actor", actor)
                .param("reimport", reimport)
                .query(Integer.class)
                .single();
    }

    /** Makes {@code id} the one current plan. */
    void makeCurrent(String id) {
        jdbc.sql("UPDATE plan_plan SET current = false WHERE current AND id <> :id").param("id", id).update();
        jdbc.sql("UPDATE plan_plan SET current = true WHERE id = :id").param("id", id).update();
    }

    private static Map<String, Object> metaParams(PlanModel.Meta meta) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", meta.code());
        p.put("documentNumber", meta.documentNumber());
        p.put("titleZh", meta.titleZh());
        p.put("titleEn", meta.titleEn());
        p.put("issueDate", meta.issueDate());
        p.put("startDate", meta.startDate());
        p.put("endDate", meta.endDate());
        p.put("ownerUnit", meta.ownerUnit());
        p.put("regionCode", meta.regionCode());
        return p;
    }

    // ---------------------------------------------------------------------------------- projection

    /** Rebuilds the projection of a plan from its model. */
    void project(String planId, PlanModel model) {
        for (String table : List.of("plan_element", "plan_indicator", "plan_measure", "plan_measure_group",
                "plan_indicator_group", "plan_goal", "plan_phase", "plan_milestone")) {
            // table names are constants of this class, never input
            jdbc.sql("DELETE FROM " + table + " WHERE plan_id = :planId").param("planId", planId).update();
        }
        int pos = 0;
        for (PlanModel.Goal g : model.goals()) {
            jdbc.sql("""
                            INSERT INTO plan_goal (plan_id, area, position, ref, name_zh, name_en, column_number,
                                                   column_title_zh, target_date, text_zh)
                            VALUES (:planId, :area, :position, :ref, :nameZh, :nameEn, :columnNumber, :columnTitleZh,
                                    :targetDate, :textZh)""")
                    .param("planId", planId).param("area", g.area()).param("position", pos++).param("ref", g.ref())
                    .param("nameZh", g.nameZh()).param("nameEn", g.nameEn()).param("columnNumber", g.columnNumber())
                    .param("columnTitleZh", g.columnTitleZh()).param("targetDate", g.targetDate())
                    .param("textZh", g.textZh())
                    .update();
        }
        pos = 0;
        for (IndicatorGroup g : model.groups()) {
            jdbc.sql("""
                            INSERT INTO plan_indicator_group (plan_id, code, position, area, name_zh, name_en,
                                                              name_zh_from_plan, plan_refs, note)
                            VALUES (:planId, :code, :position, :area, :nameZh, :nameEn, :fromPlan,
                                    CAST(:planRefs AS jsonb), :note)""")
                    .param("planId", planId).param("code", g.code()).param("position", pos++).param("area", g.area())
                    .param("nameZh", g.nameZh()).param("nameEn", g.nameEn()).param("fromPlan", g.nameZhFromPlan())
                    .param("planRefs", json.writeValueAsString(g.planRefs())).param("note", g.note())
                    .update();
        }
        pos = 0;
        for (PlanModel.IndicatorEntry entry : model.indicators()) {
            insertIndicator(planId, pos++, entry);
        }
        pos = 0;
        for (MeasureGroup g : model.measureGroups()) {
            jdbc.sql("""
                            INSERT INTO plan_measure_group (plan_id, code, number, ref, title_zh, title_en)
                            VALUES (:planId, :code, :number, :ref, :titleZh, :titleEn)""")
                    .param("planId", planId).param("code", g.code()).param("number", g.number()).param("ref", g.ref())
                    .param("titleZh", g.titleZh()).param("titleEn", g.titleEn())
                    .update();
            for (Measure m : g.measures()) {
                jdbc.sql("""
                                INSERT INTO plan_measure (plan_id, code, group_code, number, position, ref, title_zh,
                                                          title_en, text_zh, lead_unit, co_units, assignment,
                                                          involves_districts, phase, milestones, indicators, recurring,
                                                          note)
                                VALUES (:planId, :code, :groupCode, :number, :position, :ref, :titleZh, :titleEn,
                                        :textZh, :leadUnit, :coUnits, :assignment, :involvesDistricts, :phase,
                                        :milestones, :indicators, CAST(:recurring AS jsonb), :note)""")
                        .param("planId", planId).param("code", m.code()).param("groupCode", g.code())
                        .param("number", m.number()).param("position", pos++).param("ref", m.ref())
                        .param("titleZh", m.titleZh()).param("titleEn", m.titleEn()).param("textZh", m.textZh())
                        .param("leadUnit", m.leadUnit()).param("coUnits", m.coUnits().toArray(String[]::new))
                        .param("assignment", m.assignment()).param("involvesDistricts", m.involvesDistricts())
                        .param("phase", m.phase()).param("milestones", m.milestones().toArray(String[]::new))
                        .param("indicators", m.indicators().toArray(String[]::new))
                        .param("recurring", json.writeValueAsString(m.recurring())).param("note", m.note())
                        .update();
            }
        }
        for (Phase p : model.phases()) {
            jdbc.sql("""
                            INSERT INTO plan_phase (plan_id, code, number, ref, name_zh, name_en, start_date, end_date,
                                                    period_zh, text_zh)
                            VALUES (:planId, :code, :number, :ref, :nameZh, :nameEn, :start, :end, :periodZh, :textZh)""")
                    .param("planId", planId).param("code", p.code()).param("number", p.number()).param("ref", p.ref())
                    .param("nameZh", p.nameZh()).param("nameEn", p.nameEn()).param("start", p.start())
                    .param("end", p.end()).param("periodZh", p.periodZh()).param("textZh", p.textZh())
                    .update();
        }
        pos = 0;
        for (Milestone m : model.milestones()) {
            jdbc.sql("""
                            INSERT INTO plan_milestone (plan_id, code, position, ref, date, name_zh, name_en, applies_to,
                                                        submit_to, text_zh)
                            VALUES (:planId, :code, :position, :ref, :date, :nameZh, :nameEn, :appliesTo, :submitTo,
                                    :textZh)""")
                    .param("planId", planId).param("code", m.code()).param("position", pos++).param("ref", m.ref())
                    .param("date", m.date()).param("nameZh", m.nameZh()).param("nameEn", m.nameEn())
                    .param("appliesTo", m.appliesTo()).param("submitTo", m.submitTo()).param("textZh", m.textZh())
                    .update();
        }
    }

    private void insertIndicator(String planId, int position, PlanModel.IndicatorEntry entry) {
        IndicatorDefinition d = entry.definition();
        TargetRule t = d.target();
        IndicatorDefinition.Breakdown b = d.breakdown();
        Map<String, Object> p = new HashMap<>();
        p.put("planId", planId);
        p.put("code", d.code());
        p.put("position", position);
        p.put("category", d.category());
        p.put("area", d.area());
        p.put("groupCode", d.groupCode());
        p.put("nameZh", d.nameZh());
        p.put("shortNameZh", d.shortNameZh());
        p.put("fromPlan", d.nameZhFromPlan());
        p.put("nameEn", d.nameEn());
        p.put("unit", d.unit());
        p.put("unitZh", d.unitZh());
        p.put("decimals", d.decimals());
        p.put("periodType", d.periodType().name());
        p.put("sourceType", d.source().name());
        p.put("sourceModule", d.sourceModule());
        p.put("selector", d.selector());
        p.put("from", d.importedFrom());
        p.put("reportedBy", d.reportedBy());
        p.put("factor", d.factor());
        p.put("aggregation", d.aggregation().name());
        p.put("kind", t.kind().name());
        p.put("value", t.value());
        p.put("comparator", t.comparator());
        p.put("by", t.by());
        p.put("perEvery", t.perEvery());
        p.put("perUnit", t.perUnit());
        p.put("basis", t.basis());
        p.put("baseYear", t.baseYear());
        p.put("among", t.among());
        p.put("eachOf", t.eachOfBreakdown());
        p.put("scale", t.ratingScale());
        p.put("attainedAt", t.attainedAt());
        p.put("criteria", t.criteriaZh().toArray(String[]::new));
        p.put("evidence", t.evidenceRequired());
        p.put("provenance", t.provenance());
        p.put("textZh", t.textZh());
        p.put("note", t.note());
        p.put("dimension", b == null ? null : b.dimension());
        p.put("values", b == null ? null : b.valuesZh().toArray(String[]::new));
        p.put("openList", b != null && b.openList());
        p.put("planRefs", json.writeValueAsString(d.planRefs()));
        p.put("overTime", d.overTime() == null ? "SUM" : d.overTime());
        p.put("rising", t.rising());
        p.put("definitionZh", d.definitionZh());
        p.put("definitionEn", d.definitionEn());
        jdbc.sql("""
                        INSERT INTO plan_indicator (plan_id, code, position, category, area, group_code, name_zh,
                               short_name_zh, name_zh_from_plan, name_en, unit, unit_zh, decimals, period_type,
                               source_type, source_module, source_selector, source_from, reported_by, factor,
                               aggregation, target_kind, target_value, target_comparator, target_by, target_per_every,
                               target_per_unit, target_basis, target_base_year, target_among, target_each_of_breakdown,
                               target_scale, target_attained_at, target_criteria_zh, target_evidence_required,
                               target_provenance, target_text_zh, target_note, breakdown_dimension, breakdown_values_zh,
                               breakdown_open_list, plan_refs, over_time, target_rising, definition_zh,
                               definition_en)
                        VALUES (:planId, :code, :position, :category, :area, :groupCode, :nameZh, :shortNameZh,
                                :fromPlan, :nameEn, :unit, :unitZh, :decimals, :periodType, :sourceType, :sourceModule,
                                :selector, :from, :reportedBy, :factor, :aggregation, :kind, :value, :comparator, :by,
                                :perEvery, :perUnit, :basis, :baseYear, :among, :eachOf, :scale, :attainedAt, :criteria,
                                :evidence, :provenance, :textZh, :note, :dimension, :values, :openList,
                                CAST(:planRefs AS jsonb), :overTime, :rising, :definitionZh, :definitionEn)""")
                .params(p)
                .update();
        for (PlanModel.ElementEntry e : entry.elements()) {
            DataElement el = e.element();
            jdbc.sql("""
                            INSERT INTO plan_element (plan_id, indicator_code, role, position, code, name_zh, name_en,
                                                      unit_zh, source_type, source_module, reported_by, scope, own_source)
                            VALUES (:planId, :indicator, :role, :position, :code, :nameZh, :nameEn, :unitZh, :sourceType,
                                    :module, :reportedBy, :scope, :own)""")
                    .param("planId", planId).param("indicator", d.code()).param("role", e.role())
                    .param("position", e.position()).param("code", el.code()).param("nameZh", el.nameZh())
                    .param("nameEn", el.nameEn()).param("unitZh", el.unitZh()).param("sourceType", el.source().name())
                    .param("module", el.module()).param("reportedBy", el.reportedBy()).param("scope", el.scope())
                    .param("own", e.ownSource())
                    .update();
        }
    }

    // --------------------------------------------------------------------------------------- reads

    List<PlanModel.Goal> goals(String planId) {
        return jdbc.sql("""
                        SELECT area, ref, name_zh, name_en, column_number, column_title_zh, target_date, text_zh
                        FROM plan_goal WHERE plan_id = :planId ORDER BY position""")
                .param("planId", planId)
                .query((rs, n) -> new PlanModel.Goal(rs.getString("area"), rs.getString("ref"), rs.getString("name_zh"),
                        rs.getString("name_en"), (Integer) rs.getObject("column_number"), rs.getString("column_title_zh"),
                        rs.getObject("target_date", LocalDate.class), rs.getString("text_zh")))
                .list();
    }

    List<IndicatorGroup> groups(String planId) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT group_code, code FROM plan_indicator
                        WHERE plan_id = :planId AND group_code IS NOT NULL ORDER BY position""")
                .param("planId", planId)
                .query(rs -> {
                    members.computeIfAbsent(rs.getString("group_code"), k -> new ArrayList<>()).add(rs.getString("code"));
                });
        return jdbc.sql("""
                        SELECT code, area, name_zh, name_en, name_zh_from_plan, plan_refs::text AS plan_refs, note
                        FROM plan_indicator_group WHERE plan_id = :planId ORDER BY position""")
                .param("planId", planId)
                .query((rs, n) -> new IndicatorGroup(rs.getString("code"), rs.getString("area"), rs.getString("name_zh"),
                        rs.getString("name_en"), List.copyOf(members.getOrDefault(rs.getString("code"), List.of())),
                        rs.getBoolean("name_zh_from_plan"), json.readValue(rs.getString("plan_refs"), PLAN_REFS),
                        rs.getString("note")))
                .list();
    }

    List<IndicatorDefinition> indicators(String planId) {
        Map<String, Map<String, List<DataElement>>> elements = new HashMap<>();
        jdbc.sql("""
                        SELECT indicator_code, role, code, name_zh, name_en, unit_zh, source_type, source_module,
                               reported_by, scope
                        FROM plan_element WHERE plan_id = :planId ORDER BY indicator_code, role, position""")
                .param("planId", planId)
                .query(rs -> {
                    elements.computeIfAbsent(rs.getString("indicator_code"), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString("role"), k -> new ArrayList<>())
                            .add(new DataElement(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                                    rs.getString("unit_zh"), ValueSource.valueOf(rs.getString("source_type")),
                                    rs.getString("source_module"), rs.getString("reported_by"), rs.getString("scope")));
                });
        Map<String, List<String>> measures = new HashMap<>();
        jdbc.sql("SELECT code, indicators FROM plan_measure WHERE plan_id = :planId ORDER BY position")
                .param("planId", planId)
                .query(rs -> {
                    for (String i : strings(rs.getArray("indicators"))) {
                        measures.computeIfAbsent(i, k -> new ArrayList<>()).add(rs.getString("code"));
                    }
                });
        return jdbc.sql("""
                        SELECT *, plan_refs::text AS plan_refs_json FROM plan_indicator
                        WHERE plan_id = :planId ORDER BY position""")
                .param("planId", planId)
                .query((rs, n) -> indicator(rs, elements.getOrDefault(rs.getString("code"), Map.of()),
                        measures.getOrDefault(rs.getString("code"), List.of())))
                .list();
    }

    private IndicatorDefinition indicator(ResultSet rs, Map<String, List<DataElement>> elements, List<String> measures)
            throws SQLException {
        TargetRule.Kind kind = TargetRule.Kind.valueOf(rs.getString("target_kind"));
        String basis = rs.getString("target_basis");
        TargetRule target = new TargetRule(kind, rs.getBigDecimal("target_value"), rs.getString("target_comparator"),
                rs.getObject("target_by", LocalDate.class), (Integer) rs.getObject("target_per_every"),
                rs.getString("target_per_unit"), "AVERAGE_ANNUAL".equals(basis),
                (Integer) rs.getObject("target_base_year"), rs.getString("target_scale"),
                rs.getString("target_provenance"), rs.getString("target_text_zh"), basis, rs.getString("target_among"),
                rs.getBoolean("target_each_of_breakdown"), rs.getString("target_attained_at"),
                strings(rs.getArray("target_criteria_zh")), rs.getBoolean("target_evidence_required"),
                rs.getString("target_note"), rs.getBoolean("target_rising"));
        String dimension = rs.getString("breakdown_dimension");
        IndicatorDefinition.Breakdown breakdown = dimension == null ? null : new IndicatorDefinition.Breakdown(dimension,
                strings(rs.getArray("breakdown_values_zh")), rs.getBoolean("breakdown_open_list"));
        BigDecimal factor = rs.getBigDecimal("factor");
        return new IndicatorDefinition(rs.getString("code"), rs.getString("category"), rs.getString("area"),
                rs.getString("group_code"), rs.getString("name_zh"), rs.getString("name_en"), rs.getString("unit"),
                rs.getInt("decimals"), PeriodType.valueOf(rs.getString("period_type")),
                ValueSource.valueOf(rs.getString("source_type")), rs.getString("source_module"),
                rs.getString("reported_by"), first(elements, "numerator"), first(elements, "denominator"),
                first(elements, "value"), first(elements, "comparator"),
                List.copyOf(elements.getOrDefault("supporting", List.of())), factor,
                Aggregation.valueOf(rs.getString("aggregation")), target, rs.getString("short_name_zh"),
                rs.getBoolean("name_zh_from_plan"), rs.getString("unit_zh"), rs.getString("source_selector"),
                rs.getString("source_from"), breakdown, json.readValue(rs.getString("plan_refs_json"), PLAN_REFS),
                List.copyOf(measures), rs.getString("over_time"), rs.getString("definition_zh"),
                rs.getString("definition_en"));
    }

    private static DataElement first(Map<String, List<DataElement>> elements, String role) {
        List<DataElement> l = elements.get(role);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    List<MeasureGroup> measureGroups(String planId) {
        Map<String, List<Measure>> measures = new LinkedHashMap<>();
        jdbc.sql("SELECT *, recurring::text AS recurring_json FROM plan_measure WHERE plan_id = :planId ORDER BY position")
                .param("planId", planId)
                .query(rs -> {
                    measures.computeIfAbsent(rs.getString("group_code"), k -> new ArrayList<>()).add(measure(rs));
                });
        return jdbc.sql("SELECT code, number, ref, title_zh, title_en FROM plan_measure_group WHERE plan_id = :planId "
                        + "ORDER BY number, code")
                .param("planId", planId)
                .query((rs, n) -> new MeasureGroup(rs.getString("code"), rs.getInt("number"), rs.getString("ref"),
                        rs.getString("title_zh"), rs.getString("title_en"),
                        List.copyOf(measures.getOrDefault(rs.getString("code"), List.of()))))
                .list();
    }

    private Measure measure(ResultSet rs) throws SQLException {
        return new Measure(rs.getString("code"), rs.getString("group_code"), rs.getInt("number"), rs.getString("ref"),
                rs.getString("title_zh"), rs.getString("title_en"), rs.getString("text_zh"), rs.getString("lead_unit"),
                strings(rs.getArray("co_units")), rs.getString("phase"), strings(rs.getArray("milestones")),
                json.readValue(rs.getString("recurring_json"), DUTIES), rs.getBoolean("involves_districts"),
                rs.getString("assignment"), strings(rs.getArray("indicators")), rs.getString("note"));
    }

    List<Phase> phases(String planId) {
        return jdbc.sql("""
                        SELECT code, number, name_zh, name_en, start_date, end_date, ref, period_zh, text_zh
                        FROM plan_phase WHERE plan_id = :planId ORDER BY start_date, number""")
                .param("planId", planId)
                .query((rs, n) -> new Phase(rs.getString("code"), rs.getInt("number"), rs.getString("name_zh"),
                        rs.getString("name_en"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class), rs.getString("ref"), rs.getString("period_zh"),
                        rs.getString("text_zh")))
                .list();
    }

    List<Milestone> milestones(String planId) {
        return jdbc.sql("""
                        SELECT code, date, name_zh, name_en, applies_to, submit_to, ref, text_zh
                        FROM plan_milestone WHERE plan_id = :planId ORDER BY position""")
                .param("planId", planId)
                .query((rs, n) -> new Milestone(rs.getString("code"), rs.getObject("date", LocalDate.class),
                        rs.getString("name_zh"), rs.getString("name_en"), rs.getString("applies_to"),
                        rs.getString("submit_to"), rs.getString("ref"), rs.getString("text_zh")))
                .list();
    }

    private static PlanInfo info(ResultSet rs) throws SQLException {
        Timestamp imported = rs.getTimestamp("imported_at");
        return new PlanInfo(rs.getString("id"), rs.getString("code"), rs.getString("document_number"),
                rs.getString("title_zh"), rs.getString("title_en"), rs.getObject("issue_date", LocalDate.class),
                rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                rs.getBoolean("current"), rs.getInt("version"), imported == null ? null : imported.toInstant(),
                rs.getString("owner_unit"), rs.getString("region_code"));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
