package org.qualitycity.task.internal;

import org.qualitycity.plan.Measure;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Text;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanChanged;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives tasks from the current plan (reference data, with or without demo data): one per measure (deadline: the
 * end of its phase), one work-plan task per district/zone and member department (due on the plan's
 * UNIT_PLANS_DUE milestone) and one per occurrence of each recurring duty. Idempotent (keyed by source); re-run on
 * {@link PlanChanged} to follow lead-unit edits of open tasks.
 */
@Component
@Order(-5)
class TaskGenerator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskGenerator.class);
    static final String UNIT_PLANS_DUE = "UNIT_PLANS_DUE";

    private final Plans plans;
    private final Units units;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TaskChecklist checklist;

    /** A generated task as the generator compares it: read once per run instead of one query per task. */
    private record Existing(long id, long unit, Long[] co, String state) {
    }

    /** What one run knows of the plan's generated tasks: by source key, and the (parent, unit) pairs of sub-tasks. */
    private record Known(Map<String, Existing> byKey, Set<List<Long>> subTasks) {
    }

    TaskGenerator(Plans plans, Units units, JdbcClient jdbc, AuditLog audit, TransactionTemplate tx,
                  TaskChecklist checklist) {
        this.checklist = checklist;
        this.plans = plans;
        this.units = units;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer n = tx.execute(s -> sync());
        if (n != null && n > 0) {
            log.info("Generated {} tasks from the current plan", n);
        }
    }

    @ApplicationModuleListener
    void on(PlanChanged event) {
        if (event.current()) {
            int n = sync();
            log.info("Plan {} changed ({}): {} tasks created, open tasks re-synchronised", event.planId(),
                    event.change(), n);
        }
    }

    /** Creates the missing tasks and updates units and titles of open generated tasks; answers how many were created. */
    int sync() {
        PlanInfo plan;
        try {
            plan = plans.current();
        } catch (RuntimeException e) {
            log.warn("No current plan: no tasks generated ({})", e.getMessage());
            return 0;
        }
        if (plan == null) {
            return 0;
        }
        // the start-up runner and a PlanChanged listener may run at once: one at a time
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('task_generator'))").query().listOfRows();
        Known known = known(plan.id());
        Unit office = units.withRole(Unit.Role.QUALITY_OFFICE).orElseGet(units::city);
        List<Phase> phases = plans.phases(plan.id());
        int created = 0;
        Measure workPlanMeasure = null;
        for (MeasureGroup g : plans.measureGroups(plan.id())) {
            for (Measure m : g.measures()) {
                if (m.milestones() != null && m.milestones().contains(UNIT_PLANS_DUE) && workPlanMeasure == null) {
                    workPlanMeasure = m;
                }
                Phase phase = phases.stream().filter(p -> p.code().equals(m.phase())).findFirst()
                        .orElse(phases.isEmpty() ? null : phases.get(phases.size() - 1));
                LocalDate start = phase == null ? plan.startDate() : phase.start();
                LocalDate deadline = phase == null ? plan.endDate() : phase.end();
                Unit lead = units.byCode(m.leadUnit() == null ? "" : m.leadUnit()).orElse(office);
                Long[] co = coUnits(m);
                created += upsert(known, "M:" + plan.id() + ":" + m.code(), plan.id(), "MEASURE", m.code(), g.code(),
                        m.titleZh(), m.titleEn(), m.textZh(), lead.id(), co, m.phase(), start, deadline, false);
                if (m.involvesDistricts()) {
                    created += districtTasks(known, plan, g, m, start, deadline);
                }
                int d = 0;
                for (Measure.RecurringDuty duty : m.recurring() == null ? List.<Measure.RecurringDuty>of() : m.recurring()) {
                    d++;
                    if (!"YEAR".equals(duty.unit()) || duty.every() < 1) {
                        continue;
                    }
                    int from = plan.startDate().getYear();
                    int to = plan.endDate() == null ? from + 3 : plan.endDate().getYear();
                    for (int y = from; y <= to; y += duty.every()) {
                        created += upsert(known, "R:" + plan.id() + ":" + m.code() + ":" + d + ":" + y, plan.id(), "RECURRING",
                                m.code(), g.code(), zh("task.generated.recurring", y, duty.textZh()),
                                en("task.generated.recurring", y, duty.dutyEn() == null ? m.titleEn() : duty.dutyEn()),
                                duty.textZh(),
                                lead.id(), co, m.phase(), LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), false);
                    }
                }
            }
        }
        Optional<Milestone> due = plans.milestones(plan.id()).stream().filter(x -> x.code().equals(UNIT_PLANS_DUE))
                .findFirst();
        if (due.isPresent()) {
            for (Unit u : units.all()) {
                if (!u.active() || !(u.isArea() || u.kind() == Unit.Kind.DEPARTMENT)) {
                    continue;
                }
                created += upsert(known, "WP:" + plan.id() + ":" + u.code(), plan.id(), "WORK_PLAN",
                        workPlanMeasure == null ? null : workPlanMeasure.code(),
                        workPlanMeasure == null ? null : workPlanMeasure.groupCode(),
                        zh("task.generated.work-plan", u.nameZh()), en("task.generated.work-plan", u.nameEn()),
                        due.get().textZh(), u.id(), new Long[0], workPlanMeasure == null ? null : workPlanMeasure.phase(),
                        plan.issueDate() == null ? plan.startDate() : plan.issueDate(), due.get().date(), true);
            }
        }
        checklist.seed(plan, office);
        return created;
    }

    /**
     * One sub-task per active district and zone of a measure whose text assigns work to every county-level unit
     * ({@code involves_districts}), like the city's split action: keyed by source, skipping areas that already have a
     * sub-task of the measure task (e.g. from a manual split), none under a closed measure task.
     */
    private int districtTasks(Known known, PlanInfo plan, MeasureGroup g, Measure m, LocalDate start,
                              LocalDate deadline) {
        Existing parent = known.byKey().get("M:" + plan.id() + ":" + m.code());
        if (parent == null || "CLOSED".equals(parent.state())) {
            return 0;
        }
        long parentId = parent.id();
        int created = 0;
        for (Unit u : units.areas()) {
            if (!u.active()) {
                continue;
            }
            String key = "MD:" + plan.id() + ":" + m.code() + ":" + u.code();
            if (known.byKey().containsKey(key) || known.subTasks().contains(List.of(parentId, u.id()))) {
                continue;
            }
            long id = jdbc.sql("""
                            INSERT INTO task_task (source_key, plan_id, kind, measure_code, group_code, parent_id, title_zh,
                                   title_en, deliverables, unit_id, co_unit_ids, phase_code, start_date, deadline)
                            VALUES (:k, :plan, 'SUB', :measure, :group, :parent, :title, :titleEn, :text, :unit,
                                    CAST(ARRAY[] AS bigint[]), :phase, :start, :deadline)
                            ON CONFLICT (source_key) DO NOTHING
                            RETURNING id""")
                    .param("k", key).param("plan", plan.id()).param("measure", m.code()).param("group", g.code())
                    .param("parent", parentId).param("title", clip(zh("task.generated.unit", m.titleZh(), u.nameZh())))
                    .param("titleEn", m.titleEn() == null ? null : clip(en("task.generated.unit", m.titleEn(), u.nameEn())))
                    .param("text", m.textZh() == null ? null : m.textZh().length() > 2000 ? m.textZh().substring(0, 2000)
                            : m.textZh())
                    .param("unit", u.id()).param("phase", m.phase()).param("start", start).param("deadline", deadline)
                    .query(Long.class).optional().orElse(-1L);
            if (id < 0) {
                continue;
            }
            known.byKey().put(key, new Existing(id, u.id(), new Long[0], "CREATED"));
            known.subTasks().add(List.of(parentId, u.id()));
            jdbc.sql("""
                            INSERT INTO task_event (task_id, action, to_state, comment, actor_name, at, on_day)
                            VALUES (:id, 'CREATE', 'CREATED', :k, 'system', now(), CURRENT_DATE)""")
                    .param("id", id).param("k", key).update();
            audit.record("task", "task", id, u.id(), "GENERATE_DISTRICT_TASK", null,
                    Map.of("measure", m.code(), "parent", parentId, "unit", u.code(), "deadline", deadline.toString()));
            created++;
        }
        return created;
    }

    private static String clip(String s) {
        return s.length() > 400 ? s.substring(0, 400) : s;
    }

    private Long[] coUnits(Measure m) {
        List<Long> ids = new ArrayList<>();
        for (String c : m.coUnits() == null ? List.<String>of() : m.coUnits()) {
            units.byCode(c).ifPresent(u -> ids.add(u.id()));
        }
        return ids.toArray(new Long[0]);
    }

    /** The plan's generated tasks and its measure tasks' sub-tasks, in two queries. */
    private Known known(String planId) {
        Map<String, Existing> byKey = new HashMap<>();
        jdbc.sql("""
                        SELECT id, source_key, unit_id, co_unit_ids, state FROM task_task
                        WHERE plan_id = :plan AND source_key IS NOT NULL""")
                .param("plan", planId)
                .query((rs, n) -> {
                    java.sql.Array co = rs.getArray("co_unit_ids");
                    return byKey.put(rs.getString("source_key"), new Existing(rs.getLong("id"), rs.getLong("unit_id"),
                            co == null ? new Long[0] : (Long[]) co.getArray(), rs.getString("state")));
                }).list();
        Set<List<Long>> subTasks = new HashSet<>();
        jdbc.sql("""
                        SELECT c.parent_id, c.unit_id FROM task_task c JOIN task_task p ON p.id = c.parent_id
                        WHERE p.plan_id = :plan""")
                .param("plan", planId)
                .query((rs, n) -> subTasks.add(List.of(rs.getLong("parent_id"), rs.getLong("unit_id")))).list();
        return new Known(byKey, subTasks);
    }

    private int upsert(Known known, String key, String planId, String kind, String measure, String group, String titleZh,
                       String titleEn, String text, long unit, Long[] co, String phase, LocalDate start,
                       LocalDate deadline, boolean document) {
        String deliverables = text == null ? null : text.length() > 2000 ? text.substring(0, 2000) : text;
        String title = titleZh.length() > 400 ? titleZh.substring(0, 400) : titleZh;
        String titleE = titleEn == null ? null : titleEn.length() > 400 ? titleEn.substring(0, 400) : titleEn;
        Existing row = known.byKey().get(key);
        if (row == null) {
            long id = jdbc.sql("""
                            INSERT INTO task_task (source_key, plan_id, kind, measure_code, group_code, title_zh, title_en,
                                   deliverables, unit_id, co_unit_ids, phase_code, start_date, deadline, requires_document)
                            VALUES (:k, :plan, :kind, :measure, :group, :title, :titleEn, :text, :unit, :co, :phase,
                                    :start, :deadline, :doc)
                            ON CONFLICT (source_key) DO NOTHING
                            RETURNING id""")
                    .param("k", key).param("plan", planId).param("kind", kind).param("measure", measure)
                    .param("group", group).param("title", title).param("titleEn", titleE).param("text", deliverables)
                    .param("unit", unit).param("co", co).param("phase", phase).param("start", start)
                    .param("deadline", deadline).param("doc", document).query(Long.class).optional().orElse(-1L);
            if (id < 0) {
                return 0;
            }
            known.byKey().put(key, new Existing(id, unit, co, "CREATED"));
            jdbc.sql("""
                            INSERT INTO task_event (task_id, action, to_state, comment, actor_name, at, on_day)
                            VALUES (:id, 'CREATE', 'CREATED', :k, 'system', now(), CURRENT_DATE)""")
                    .param("id", id).param("k", key).update();
            return 1;
        }
        long id = row.id();
        long oldUnit = row.unit();
        if (!"CLOSED".equals(row.state()) && oldUnit != unit) {
            jdbc.sql("UPDATE task_task SET unit_id = :unit, co_unit_ids = :co, updated_at = now() WHERE id = :id")
                    .param("unit", unit).param("co", co).param("id", id).update();
            audit.event("task", "PLAN_RESYNC", Map.of("task", id, "fromUnit", oldUnit, "toUnit", unit));
        } else if (!"CLOSED".equals(row.state()) && !Arrays.equals(row.co(), co)) {
            jdbc.sql("UPDATE task_task SET co_unit_ids = :co WHERE id = :id AND co_unit_ids <> :co")
                    .param("co", co).param("id", id).update();
        }
        return 0;
    }

    /** Generated titles are stored in both languages (title_zh, title_en), each from the bundle. */
    static String zh(String key, Object... args) {
        return Texts.render(Text.of(key, args), Texts.DEFAULT);
    }

    static String en(String key, Object... args) {
        return Texts.render(Text.of(key, args), java.util.Locale.ENGLISH);
    }
}
