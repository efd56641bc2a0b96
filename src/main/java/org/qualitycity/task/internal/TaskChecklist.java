package org.qualitycity.task.internal;

import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.task.TaskState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checklists of the self-check and pre-acceptance phases: one criterion per plan indicator and per measure, the
 * finding (met, partly, not met) with its evidence, and a rectification task from a finding that is not met.
 */
@Service
public class TaskChecklist {

    public static final Set<String> PHASES = Set.of("SELF_CHECK", "PRE_ACCEPTANCE");

    public record Item(long id, String phase, String source, String refCode, String title, String unitCode,
                       String unitName, String finding, String evidence, Long taskId) {
    }

    public record Summary(String phase, LocalDate start, LocalDate end, int total, int met, int partly, int notMet,
                          int open, int rectifications) {
    }

    public record FindingRequest(String finding, String evidence, LocalDate rectifyBy) {
    }

    private final JdbcClient jdbc;
    private final Plans plans;
    private final Units units;
    private final AuditLog audit;
    private final TaskService tasks;
    private final Clock clock;

    TaskChecklist(JdbcClient jdbc, Plans plans, Units units, AuditLog audit, TaskService tasks, Clock clock) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.units = units;
        this.audit = audit;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Seeds the criteria of the current plan (idempotent); called by the task generator. */
    int seed(PlanInfo plan, Unit office) {
        int n = 0;
        Map<String, String> leadOfMeasure = new HashMap<>();
        List<Measure> measures = new ArrayList<>();
        for (MeasureGroup g : plans.measureGroups(plan.id())) {
            for (Measure m : g.measures()) {
                measures.add(m);
                leadOfMeasure.put(m.code(), m.leadUnit());
            }
        }
        // the items already there, read once (a start-up with an unchanged plan writes nothing)
        java.util.Set<String> present = new java.util.HashSet<>(jdbc.sql(
                "SELECT source_key FROM task_check_item WHERE plan_id = :plan").param("plan", plan.id())
                .query(String.class).list());
        for (Phase p : plans.phases(plan.id())) {
            if (!PHASES.contains(p.code())) {
                continue;
            }
            int sort = 0;
            for (IndicatorDefinition d : plans.indicators(plan.id())) {
                String unit = d.reportedBy() != null ? d.reportedBy()
                        : d.measureCodes() != null && !d.measureCodes().isEmpty()
                        ? leadOfMeasure.get(d.measureCodes().get(0)) : null;
                long unitId = units.byCode(unit == null ? "" : unit).map(Unit::id).orElse(office.id());
                n += present.contains(plan.id() + ":" + p.code() + ":I:" + d.code()) ? 0
                        : insert(plan.id() + ":" + p.code() + ":I:" + d.code(), plan.id(), p.code(), "INDICATOR", d.code(),
                        TaskGenerator.zh("task.checklist.indicator", d.code(), d.nameZh()),
                        TaskGenerator.en("task.checklist.indicator", d.code(), d.nameEn()), unitId, sort++);
            }
            for (Measure m : measures) {
                long unitId = units.byCode(m.leadUnit() == null ? "" : m.leadUnit()).map(Unit::id).orElse(office.id());
                n += present.contains(plan.id() + ":" + p.code() + ":M:" + m.code()) ? 0
                        : insert(plan.id() + ":" + p.code() + ":M:" + m.code(), plan.id(), p.code(), "MEASURE", m.code(),
                        TaskGenerator.zh("task.checklist.measure", m.ref(), m.titleZh()),
                        TaskGenerator.en("task.checklist.measure", m.ref(), m.titleEn()), unitId, sort++);
            }
        }
        return n;
    }

    private int insert(String key, String plan, String phase, String source, String ref, String title, String titleEn,
                       long unit, int sort) {
        return jdbc.sql("""
                        INSERT INTO task_check_item (source_key, plan_id, phase_code, source, ref_code, title_zh, title_en,
                               unit_id, sort_order)
                        VALUES (:k, :plan, :phase, :source, :ref, :title, :titleEn, :unit, :sort)
                        ON CONFLICT (source_key) DO NOTHING""")
                .param("k", key).param("plan", plan).param("phase", phase).param("source", source).param("ref", ref)
                .param("title", title.length() > 400 ? title.substring(0, 400) : title)
                .param("titleEn", titleEn == null ? null : titleEn.length() > 400 ? titleEn.substring(0, 400) : titleEn)
                .param("unit", unit).param("sort", sort).update();
    }

    static void checkPhase(String phase) {
        if (!PHASES.contains(phase)) {
            throw new NotFoundException("checklist " + phase);
        }
    }

    @Transactional(readOnly = true)
    public List<Item> items(String phase, CurrentUser user, boolean english) {
        checkPhase(phase);
        Map<String, Object> p = new HashMap<>(user.scope().params());
        p.put("phase", phase);
        p.put("plan", plans.current().id());
        return jdbc.sql("""
                        SELECT c.*, u.code, u.name_zh, u.name_en FROM task_check_item c JOIN platform_unit u ON u.id = c.unit_id
                        WHERE c.phase_code = :phase AND c.plan_id = :plan AND\s""" + user.scope().predicate("c.unit_id", null)
                        + " ORDER BY c.sort_order")
                .params(p).query((rs, n) -> new Item(rs.getLong("id"), rs.getString("phase_code"), rs.getString("source"),
                        rs.getString("ref_code"), english && rs.getString("title_en") != null ? rs.getString("title_en")
                        : rs.getString("title_zh"), rs.getString("code"),
                        english ? rs.getString("name_en") : rs.getString("name_zh"), rs.getString("finding"),
                        rs.getString("evidence"), (Long) rs.getObject("task_id"))).list();
    }

    @Transactional(readOnly = true)
    public Summary summary(String phase, List<Item> items) {
        Phase ph = plans.phases(plans.current().id()).stream().filter(x -> x.code().equals(phase)).findFirst()
                .orElseThrow(() -> new NotFoundException("phase " + phase));
        int met = 0;
        int partly = 0;
        int notMet = 0;
        int tasksCreated = 0;
        for (Item i : items) {
            if ("MET".equals(i.finding())) {
                met++;
            } else if ("PARTLY".equals(i.finding())) {
                partly++;
            } else if ("NOT_MET".equals(i.finding())) {
                notMet++;
            }
            if (i.taskId() != null) {
                tasksCreated++;
            }
        }
        return new Summary(phase, ph.start(), ph.end(), items.size(), met, partly, notMet,
                items.size() - met - partly - notMet, tasksCreated);
    }

    /** The city records a finding; a finding short of MET with a date creates the rectification task. */
    @Transactional
    public Item record(long id, FindingRequest req, CurrentUser user) {
        Item before = jdbc.sql("SELECT c.id, c.phase_code FROM task_check_item c WHERE c.id = :id").param("id", id)
                .query((rs, n) -> rs.getString("phase_code")).optional()
                .flatMap(ph -> items(ph, user, false).stream().filter(i -> i.id() == id).findFirst())
                .orElseThrow(() -> new NotFoundException("checklist item " + id));
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        if (req == null || req.finding() == null || !Set.of("MET", "PARTLY", "NOT_MET").contains(req.finding())) {
            problems.add(new ValidationException.FieldProblem("finding", Texts.msg("task.error.checklist.finding")));
        }
        if (req != null && req.evidence() != null && req.evidence().length() > 4000) {
            problems.add(new ValidationException.FieldProblem("evidence", Texts.msg("error.max-chars", 4000)));
        }
        if (req != null && req.rectifyBy() != null && "MET".equals(req.finding())) {
            problems.add(new ValidationException.FieldProblem("rectifyBy", Texts.msg("task.error.checklist.no-rectification-when-met")));
        }
        if (req != null && req.rectifyBy() != null && req.rectifyBy().isBefore(LocalDate.now(clock))) {
            problems.add(new ValidationException.FieldProblem("rectifyBy", Texts.msg("task.error.checklist.in-the-past")));
        }
        if (req != null && req.rectifyBy() != null && before.taskId() != null) {
            problems.add(new ValidationException.FieldProblem("rectifyBy", Texts.msg("task.error.checklist.rectification-exists")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Long taskId = before.taskId();
        if (req.rectifyBy() != null) {
            Unit unit = units.byCode(before.unitCode()).orElseThrow();
            String rectification = TaskGenerator.zh("task.checklist.rectification", before.title());
            taskId = jdbc.sql("""
                            INSERT INTO task_task (kind, plan_id, measure_code, title_zh, deliverables, unit_id, phase_code,
                                   start_date, deadline, created_by, created_at)
                            VALUES ('RECTIFICATION', :plan, :measure, :title, :text, :unit, :phase, :start, :deadline, :by, :at)
                            RETURNING id""")
                    .param("plan", plans.current().id())
                    .param("measure", "MEASURE".equals(before.source()) ? before.refCode() : null)
                    .param("title", rectification.length() > 400 ? rectification.substring(0, 400) : rectification)
                    .param("text", req.evidence()).param("unit", unit.id()).param("phase", before.phase())
                    .param("start", LocalDate.now(clock)).param("deadline", req.rectifyBy()).param("by", user.id())
                    .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
            tasks.event(taskId, "CREATE", null, TaskState.CREATED, null,
                    TaskGenerator.zh("task.checklist.finding-event", req.finding()), List.of(), user);
            audit.record("task", "task", taskId, unit.id(), "CREATE", null,
                    Map.of("kind", "RECTIFICATION", "checkItem", id, "deadline", req.rectifyBy().toString()));
        }
        jdbc.sql("""
                        UPDATE task_check_item SET finding = :f, evidence = :e, checked_by = :by, checked_at = :at,
                               task_id = :task WHERE id = :id""")
                .param("f", req.finding()).param("e", req.evidence()).param("by", user.id())
                .param("at", Timestamp.from(clock.instant())).param("task", taskId).param("id", id).update();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("finding", before.finding());
        b.put("evidence", before.evidence());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("finding", req.finding());
        a.put("evidence", req.evidence());
        a.put("task", taskId);
        audit.record("task", "check-item", id, units.byCode(before.unitCode()).map(Unit::id).orElse(null), "FINDING",
                b, a);
        return items(before.phase(), user, false).stream().filter(i -> i.id() == id).findFirst().orElseThrow();
    }
}
