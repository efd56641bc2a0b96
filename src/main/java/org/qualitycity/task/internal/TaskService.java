package org.qualitycity.task.internal;

import org.qualitycity.files.Attachment;
import org.qualitycity.files.Attachments;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.task.TaskState;
import org.qualitycity.task.TaskViews;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Task queries and the supervision workflow. */
@Service
public class TaskService {

    public enum Action { ASSIGN, ACKNOWLEDGE, PROGRESS, FEEDBACK, REVIEW, RETURN, CLOSE }

    public record ActionRequest(Action action, Integer percent, String comment, List<Long> attachmentIds) {
    }

    public record Filter(String measure, String unit, TaskState state, Boolean overdue, String kind, Boolean mine) {
    }

    public record NewTask(Long parentId, String title, String titleEn, String deliverables, String leadUnit,
                          List<String> coUnits, LocalDate deadline) {
    }

    /** Open tasks first, the earliest deadline (so the overdue ones) first: the default order of the list. */
    static final String DUE = "(t.state = 'CLOSED'), t.deadline";
    static final Map<String, String> SORTS = Map.of("deadline", "t.deadline", "id", "t.id", "state", "t.state",
            "measure", "t.measure_code", "unit", "u.sort_order", "percent", "t.percent", "due", DUE);

    private static final String SELECT = """
            SELECT t.*, u.code AS unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
                   (SELECT array_agg(cu.code ORDER BY cu.sort_order) FROM platform_unit cu
                     WHERE cu.id = ANY (t.co_unit_ids)) AS co_codes,
                   (SELECT max(e.on_day) FROM task_event e WHERE e.task_id = t.id
                     AND e.action IN ('ACKNOWLEDGE', 'PROGRESS')) AS last_report
            FROM task_task t JOIN platform_unit u ON u.id = t.unit_id
            """;

    private final JdbcClient jdbc;
    private final Units units;
    private final AuditLog audit;
    private final Notifications notifications;
    private final Attachments attachments;
    private final Clock clock;
    private final WorkflowSteps steps;

    TaskService(JdbcClient jdbc, Units units, AuditLog audit, Notifications notifications, Attachments attachments,
                Clock clock, WorkflowSteps steps) {
        this.steps = steps;
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
        this.notifications = notifications;
        this.attachments = attachments;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The SQL predicate: the task's lead unit or one of its co-operating units is in the caller's scope. */
    static String scopePredicate(DataScope scope) {
        return "(" + scope.predicate("t.unit_id", null) + " OR EXISTS (SELECT 1 FROM unnest(t.co_unit_ids) AS cu(uid) WHERE "
                + scope.predicate("cu.uid", null) + "))";
    }

    @Transactional(readOnly = true)
    public PageResult<TaskViews.Task> list(Filter f, ListQuery q, CurrentUser user, boolean english) {
        ListSql list = ListSql.from("FROM task_task t JOIN platform_unit u ON u.id = t.unit_id")
                .where(scopePredicate(user.scope()), user.scope().params())
                .param("today", today())
                .equal("t.measure_code", "measure", f.measure());
        if (f.unit() != null && !f.unit().isBlank()) {
            Unit u = units.byCode(f.unit().trim()).orElseThrow(() -> new ValidationException("unit", org.qualitycity.platform.Texts.msg("error.no-such-unit")));
            list.filter("t.unit_id = :unitId OR :unitId = ANY (t.co_unit_ids)", "unitId", u.id());
        }
        if (Boolean.TRUE.equals(f.mine())) {
            list.filter("(t.unit_id = :myUnit OR :myUnit = ANY (t.co_unit_ids)) AND t.state <> 'CREATED'", "myUnit",
                    user.unitId());
        }
        if (f.overdue() != null) {
            list.where(f.overdue() ? "t.state <> 'CLOSED' AND t.deadline < :today"
                    : "NOT (t.state <> 'CLOSED' AND t.deadline < :today)");
        }
        return list.equal("t.state", "state", f.state() == null ? null : f.state().name())
                .equal("t.kind", "kind", f.kind())
                .orderBy(q, SORTS, "due", "t.id")
                .page(jdbc, SELECT, (rs, n) -> map(rs, english), q);
    }

    /** A unit's record of timeliness over the tasks it leads (assigned or later). */
    public record Timeliness(String unitCode, long onTime, long late, long overdue, long open, long notices) {
    }

    @Transactional(readOnly = true)
    public Timeliness timeliness(String unitCode, CurrentUser user) {
        Unit u = units.byCode(unitCode).orElseThrow(() -> new ValidationException("unit", org.qualitycity.platform.Texts.msg("error.no-such-unit")));
        if (!units.isVisible(u.id(), user)) {
            throw new NotFoundException("unit " + unitCode);
        }
        Map<String, Object> r = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE state = 'CLOSED' AND closed_on <= deadline) AS on_time,
                               count(*) FILTER (WHERE state = 'CLOSED' AND closed_on > deadline) AS late,
                               count(*) FILTER (WHERE state <> 'CLOSED' AND deadline < :today) AS overdue,
                               count(*) FILTER (WHERE state <> 'CLOSED' AND deadline >= :today) AS open,
                               (SELECT count(*) FROM task_notice n WHERE n.unit_id = :u AND n.kind = 'SUPERVISION') AS notices
                        FROM task_task WHERE unit_id = :u AND state <> 'CREATED'""")
                .param("u", u.id()).param("today", today()).query().singleRow();
        return new Timeliness(u.code(), ((Number) r.get("on_time")).longValue(), ((Number) r.get("late")).longValue(),
                ((Number) r.get("overdue")).longValue(), ((Number) r.get("open")).longValue(),
                ((Number) r.get("notices")).longValue());
    }

    /** All tasks in scope, for exports and the timeline (bounded). */
    @Transactional(readOnly = true)
    public List<TaskViews.Task> all(Filter f, CurrentUser user, boolean english) {
        return allRows(f, user, english);
    }

    private List<TaskViews.Task> allRows(Filter f, CurrentUser user, boolean english) {
        List<TaskViews.Task> out = new ArrayList<>();
        int page = 0;
        while (true) {
            PageResult<TaskViews.Task> r = list(f, new ListQuery(page, ListQuery.MAX_SIZE, "deadline", "asc"), user, english);
            out.addAll(r.items());
            if (!r.hasNext() || out.size() >= 5000) {
                return out;
            }
            page++;
        }
    }

    Optional<TaskViews.Task> findVisible(long id, CurrentUser user, boolean english) {
        Map<String, Object> p = new HashMap<>(user.scope().params());
        p.put("id", id);
        p.put("today", today());
        return jdbc.sql(SELECT + " WHERE t.id = :id AND " + scopePredicate(user.scope())).params(p)
                .query((rs, n) -> map(rs, english)).optional();
    }

    public TaskViews.Task require(long id, CurrentUser user, boolean english) {
        return findVisible(id, user, english).orElseThrow(() -> new NotFoundException("task " + id));
    }

    @Transactional(readOnly = true)
    public TaskViews.Detail detail(long id, CurrentUser user, boolean english) {
        TaskViews.Task t = require(id, user, english);
        List<TaskViews.Event> history = jdbc.sql("""
                        SELECT e.*, u.code AS unit_code FROM task_event e LEFT JOIN platform_unit u ON u.id = e.unit_id
                        WHERE e.task_id = :id ORDER BY e.id""")
                .param("id", id).query((rs, n) -> new TaskViews.Event(rs.getLong("id"), rs.getString("action"),
                        rs.getString("from_state"), rs.getString("to_state"), (Integer) rs.getObject("percent"),
                        eventComment(rs.getString("action"), rs.getString("comment"), t),
                        longs(rs.getArray("attachment_ids")), eventActor(rs.getString("actor_name")),
                        rs.getString("unit_code"), rs.getTimestamp("at").toInstant(),
                        rs.getDate("on_day").toLocalDate())).list();
        List<Long> files = attachments.list("task", id, user).stream().map(Attachment::id).toList();
        return new TaskViews.Detail(t, history, notices(id, null, user, english), files);
    }

    /** Generated tasks: the creation step shows what it was generated from, not its generation key (issue 12). */
    private static final java.util.regex.Pattern GENERATION_KEY = java.util.regex.Pattern.compile("[A-Z]{1,3}:\\S+");

    static String eventComment(String action, String comment, TaskViews.Task t) {
        if ("CREATE".equals(action) && comment != null && GENERATION_KEY.matcher(comment).matches()) {
            return Texts.msg("task.history.generated", Texts.msg("task.kind." + t.kind()));
        }
        return comment;
    }

    /** Steps taken by the platform itself (generation, deadline checks) are by "the system" in the reader's language. */
    static String eventActor(String actor) {
        return actor == null || "system".equals(actor) ? Texts.msg("task.actor.system") : actor;
    }

    List<TaskViews.NoticeView> notices(Long taskId, Long noticeId, CurrentUser user, boolean english) {
        ListSql list = ListSql.from("""
                        FROM task_notice n
                        JOIN task_task t ON t.id = n.task_id JOIN platform_unit u ON u.id = n.unit_id
                        """)
                .scope(user.scope(), "n.unit_id", null)
                .equal("n.task_id", "taskId", taskId)
                .equal("n.id", "noticeId", noticeId)
                .orderBy("n.issued_on DESC, n.id DESC");
        return list.rows(jdbc, """
                        SELECT n.*, t.title_zh, t.title_en, u.code, u.name_zh, u.name_en FROM task_notice n
                        JOIN task_task t ON t.id = n.task_id JOIN platform_unit u ON u.id = n.unit_id
                        """, (rs, n) -> new TaskViews.NoticeView(rs.getLong("id"), rs.getLong("task_id"),
                        english && rs.getString("title_en") != null ? rs.getString("title_en") : rs.getString("title_zh"),
                        rs.getString("code"), english ? rs.getString("name_en") : rs.getString("name_zh"),
                        rs.getString("kind"), rs.getString("level"), rs.getDate("deadline").toLocalDate(),
                        rs.getDate("issued_on").toLocalDate(), rs.getInt("late_days"),
                        rs.getDate("answer_due") == null ? null : rs.getDate("answer_due").toLocalDate(),
                        instant(rs.getTimestamp("acknowledged_at")), rs.getString("answer"),
                        instant(rs.getTimestamp("answered_at"))), 500, 0);
    }

    @Transactional(readOnly = true)
    public List<TaskViews.NoticeView> notices(CurrentUser user, boolean english) {
        return notices(null, null, user, english);
    }

    /** The unit acknowledges a notice and, with a text, answers it in writing. */
    @Transactional
    public TaskViews.NoticeView answerNotice(long noticeId, String answer, CurrentUser user) {
        TaskViews.NoticeView n = notices(null, noticeId, user, false).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("notice " + noticeId));
        Unit unit = units.byCode(n.unitCode()).orElseThrow();
        if (answer != null && answer.length() > 4000) {
            throw new ValidationException("answer", org.qualitycity.platform.Texts.msg("error.max-chars", 4000));
        }
        boolean answering = answer != null && !answer.isBlank();
        if (!answering && n.acknowledgedAt() != null) {
            throw new ValidationException("answer", org.qualitycity.platform.Texts.msg("task.error.answer-acknowledged"));
        }
        if (answering && n.answeredAt() != null) {
            throw new org.qualitycity.platform.ConflictException(org.qualitycity.platform.Texts.msg("task.error.notice-answered"));
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE task_notice SET acknowledged_at = coalesce(acknowledged_at, :now),
                               acknowledged_by = coalesce(acknowledged_by, :user),
                               answer = CASE WHEN :answering THEN :answer ELSE answer END,
                               answered_at = CASE WHEN :answering THEN :now ELSE answered_at END,
                               answered_by = CASE WHEN :answering THEN :user ELSE answered_by END
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("user", user.id()).param("answering", answering)
                .param("answer", answering ? answer.trim() : null).param("id", noticeId).update();
        TaskViews.NoticeView after = notices(null, noticeId, user, false).get(0);
        audit.record("task", "notice", noticeId, unit.id(), answering ? "ANSWER" : "ACKNOWLEDGE",
                Map.of("acknowledged", n.acknowledgedAt() != null, "answered", n.answeredAt() != null),
                Map.of("acknowledged", true, "answer", after.answer() == null ? "" : after.answer()));
        return after;
    }

    /** The city splits a task (e.g. one per district) or adds one. */
    @Transactional
    public TaskViews.Task create(NewTask req, CurrentUser user) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        if (req.title() == null || req.title().isBlank() || req.title().length() > 400) {
            problems.add(new ValidationException.FieldProblem("title", org.qualitycity.platform.Texts.msg("error.required-max-chars", 400)));
        }
        if (req.deadline() == null) {
            problems.add(new ValidationException.FieldProblem("deadline", org.qualitycity.platform.Texts.msg("error.required")));
        }
        Optional<Unit> lead = req.leadUnit() == null ? Optional.empty() : units.byCode(req.leadUnit().trim());
        if (lead.isEmpty()) {
            problems.add(new ValidationException.FieldProblem("leadUnit", org.qualitycity.platform.Texts.msg("error.no-such-unit")));
        }
        List<Long> co = new ArrayList<>();
        for (String c : req.coUnits() == null ? List.<String>of() : req.coUnits()) {
            units.byCode(c).ifPresentOrElse(u -> co.add(u.id()),
                    () -> problems.add(new ValidationException.FieldProblem("coUnits", org.qualitycity.platform.Texts.msg("error.unknown-unit", c))));
        }
        TaskViews.Task parent = null;
        if (req.parentId() != null) {
            parent = findVisible(req.parentId(), user, false).orElse(null);
            if (parent == null) {
                problems.add(new ValidationException.FieldProblem("parentId", org.qualitycity.platform.Texts.msg("task.error.unknown-task")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO task_task (kind, plan_id, measure_code, group_code, parent_id, title_zh, title_en,
                               deliverables, unit_id, co_unit_ids, phase_code, start_date, deadline, created_by, created_at)
                        SELECT 'SUB', p.plan_id, p.measure_code, p.group_code, p.id, :title, :titleEn, :deliverables,
                               :unit, :co, p.phase_code, :start, :deadline, :user, :now
                        FROM (SELECT CAST(:parent AS bigint) AS pid) x LEFT JOIN task_task p ON p.id = x.pid
                        RETURNING id""")
                .param("title", req.title().trim()).param("titleEn", req.titleEn())
                .param("deliverables", req.deliverables()).param("unit", lead.get().id())
                .param("co", co.toArray(new Long[0])).param("start", today()).param("deadline", req.deadline())
                .param("user", user.id()).param("now", Timestamp.from(clock.instant()))
                .param("parent", req.parentId()).query(Long.class).single();
        event(id, "CREATE", null, TaskState.CREATED, null, null, List.of(), user);
        TaskViews.Task t = require(id, user, false);
        audit.record("task", "task", id, lead.get().id(), "CREATE", null, t);
        return t;
    }

    /** The sub-tasks of a task in the caller's scope. */
    @Transactional(readOnly = true)
    public List<TaskViews.Task> children(long id, CurrentUser user, boolean english) {
        Map<String, Object> p = new HashMap<>(user.scope().params());
        p.put("id", id);
        p.put("today", today());
        return jdbc.sql(SELECT + " WHERE t.parent_id = :id AND " + scopePredicate(user.scope()) + " ORDER BY u.sort_order, t.id")
                .params(p).query((rs, n) -> map(rs, english)).list();
    }

    /** Splits a task into one sub-task per district and the zone (skipping areas that have one); answers how many. */
    @Transactional
    public int splitByArea(long id, CurrentUser user) {
        TaskViews.Task parent = require(id, user, false);
        if (parent.state() == TaskState.CLOSED) {
            throw new org.qualitycity.platform.ConflictException(org.qualitycity.platform.Texts.msg("task.error.closed"));
        }
        java.util.Set<String> existing = new java.util.HashSet<>();
        children(id, user, false).forEach(c -> existing.add(c.leadUnit()));
        int n = 0;
        for (Unit u : units.areas()) {
            if (!u.active() || existing.contains(u.code())) {
                continue;
            }
            create(new NewTask(id, TaskGenerator.zh("task.generated.unit", parent.title(), u.nameZh()),
                    parent.titleEn() == null ? null : TaskGenerator.en("task.generated.unit", parent.titleEn(), u.nameEn()),
                    parent.deliverables(),
                    u.code(), List.of(), parent.deadline()), user);
            n++;
        }
        return n;
    }

    /** One workflow step; answers the task after it. */
    @Transactional
    public TaskViews.Task act(long id, ActionRequest req, List<MultipartFile> files, CurrentUser user) {
        if (req == null || req.action() == null) {
            throw new ValidationException("action", org.qualitycity.platform.Texts.msg("task.error.action-required"));
        }
        TaskViews.Task t = require(id, user, false);
        jdbc.sql("SELECT id FROM task_task WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
        t = require(id, user, false);
        TaskState from = t.state();
        Action a = req.action();
        boolean city = user.can(TaskPermissions.REVIEW);
        String comment = req.comment() == null ? null : req.comment().trim();
        if (comment != null && comment.length() > 4000) {
            throw new ValidationException("comment", org.qualitycity.platform.Texts.msg("error.max-chars", 4000));
        }
        TaskWorkflow.Facts facts = new TaskWorkflow.Facts(city, user.can(TaskPermissions.HANDLE), isOwnTask(t, user));
        final TaskViews.Task task = t;
        final Integer[] percentSet = {null};
        final List<Long> evidence = new ArrayList<>();
        TaskState to = steps.apply(TaskWorkflow.TABLE, id, units.byCode(t.leadUnit()).orElseThrow().id(), from, a, facts,
                row -> {
                    percentSet[0] = stepInput(a, req, comment, evidence, task, files, user);
                    return record(id, a, row.from(), row.to(), percentSet[0], comment, evidence, task, user);
                });
        Integer percent = percentSet[0];
        TaskViews.Task after = require(id, user, false);
        Unit lead = units.byCode(t.leadUnit()).orElseThrow();
        String link = "/tasks/" + id;
        switch (a) {
            case ASSIGN -> notifications.toUnit(lead.id(), Notice.info("task",
                    Text.of("task.message.assigned.title", new Text.Names(t.title(), t.titleEn())),
                    Text.of("task.message.assigned.body", t.deadline()), link));
            case RETURN -> notifications.toUnit(lead.id(), Notice.warn("task",
                    Text.of("task.message.returned.title", new Text.Names(t.title(), t.titleEn())),
                    comment == null || comment.isBlank() ? null : Text.of("task.message.comment", comment), link));
            case CLOSE -> notifications.toUnit(lead.id(), Notice.info("task",
                    Text.of("task.message.closed.title", new Text.Names(t.title(), t.titleEn())), null, link));
            default -> { }
        }
        return after;
    }

    /** The input a checked step needs (400 when it lacks it) and the evidence it carries; answers the new percent. */
    private Integer stepInput(Action a, ActionRequest req, String comment, List<Long> evidence, TaskViews.Task t,
                              List<MultipartFile> files, CurrentUser user) {
        long id = t.id();
        Integer percent = null;
        switch (a) {
            case PROGRESS -> {
                if (req.percent() == null || req.percent() < 0 || req.percent() > 100) {
                    throw new ValidationException("percent", org.qualitycity.platform.Texts.msg("task.error.percent"));
                }
                if (comment == null || comment.isEmpty()) {
                    throw new ValidationException("comment", org.qualitycity.platform.Texts.msg("task.error.describe-progress"));
                }
                percent = req.percent();
            }
            case FEEDBACK -> {
                if (comment == null || comment.isEmpty()) {
                    throw new ValidationException("comment", org.qualitycity.platform.Texts.msg("task.error.describe-done"));
                }
                percent = 100;
            }
            case RETURN -> {
                if (comment == null || comment.isEmpty()) {
                    throw new ValidationException("comment", org.qualitycity.platform.Texts.msg("task.error.give-reasons"));
                }
            }
            default -> { }
        }
        Map<Long, Attachment> onTask = new LinkedHashMap<>();
        for (MultipartFile f : files == null ? List.<MultipartFile>of() : files) {
            if (f != null && !f.isEmpty()) {
                evidence.add(attachments.store("task", id, f, user).id());
            }
        }
        if (req.attachmentIds() != null && !req.attachmentIds().isEmpty()) {
            attachments.list("task", id, user).forEach(x -> onTask.put(x.id(), x));
            for (Long aid : req.attachmentIds()) {
                if (!onTask.containsKey(aid)) {
                    throw new ValidationException("attachmentIds", org.qualitycity.platform.Texts.msg("task.error.file-not-attached", String.valueOf(aid)));
                }
                evidence.add(aid);
            }
        }
        if (a == Action.FEEDBACK && evidence.isEmpty()) {
            throw new ValidationException("attachmentIds", org.qualitycity.platform.Texts.msg("task.error.feedback-needs-evidence"));
        }
        if (a == Action.FEEDBACK && t.requiresDocument() && evidence.isEmpty()) {
            throw new ValidationException("attachmentIds", org.qualitycity.platform.Texts.msg("task.error.upload-document"));
        }
        return percent;
    }

    /** Writes a checked step to the task and its event list; answers the audit text of the step. */
    private WorkflowSteps.Change record(long id, Action a, TaskState from, TaskState to, Integer percent, String comment,
                                        List<Long> evidence, TaskViews.Task t, CurrentUser user) {
        LocalDate today = today();
        jdbc.sql("""
                        UPDATE task_task SET state = :to, percent = coalesce(:percent, percent), updated_at = :now,
                               closed_on = CASE WHEN :to = 'CLOSED' THEN CAST(:today AS date) ELSE NULL END
                        WHERE id = :id""")
                .param("to", to.name()).param("percent", percent).param("now", Timestamp.from(clock.instant()))
                .param("today", today).param("id", id).update();
        event(id, a.name(), from, to, percent, comment, evidence, user);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("state", from.name());
        before.put("percent", t.percent());
        Map<String, Object> afterMap = new LinkedHashMap<>();
        afterMap.put("state", to.name());
        afterMap.put("percent", percent == null ? t.percent() : percent);
        afterMap.put("comment", comment);
        afterMap.put("evidence", evidence);
        return new WorkflowSteps.Change(before, afterMap);
    }

    private boolean isOwnTask(TaskViews.Task t, CurrentUser user) {
        return t.leadUnit().equals(user.unitCode());
    }

    void event(long taskId, String action, TaskState from, TaskState to, Integer percent, String comment,
               List<Long> files, CurrentUser user) {
        jdbc.sql("""
                        INSERT INTO task_event (task_id, action, from_state, to_state, percent, comment, attachment_ids,
                               actor_id, actor_name, unit_id, at, on_day)
                        VALUES (:task, :action, :from, :to, :percent, :comment, :files, :actor, :actorName, :unit, :at, :day)""")
                .param("task", taskId).param("action", action).param("from", from == null ? null : from.name())
                .param("to", to == null ? null : to.name()).param("percent", percent).param("comment", comment)
                .param("files", files.toArray(new Long[0])).param("actor", user == null ? null : user.id())
                .param("actorName", user == null ? "system" : user.displayName())
                .param("unit", user == null ? null : user.unitId()).param("at", Timestamp.from(clock.instant()))
                .param("day", today()).update();
    }

    TaskViews.Task map(ResultSet rs, boolean english) throws SQLException {
        LocalDate deadline = rs.getDate("deadline").toLocalDate();
        TaskState state = TaskState.valueOf(rs.getString("state"));
        String titleEn = rs.getString("title_en");
        return new TaskViews.Task(rs.getLong("id"), rs.getString("kind"), rs.getString("measure_code"),
                rs.getString("group_code"), (Long) rs.getObject("parent_id"),
                english && titleEn != null ? titleEn : rs.getString("title_zh"), titleEn, rs.getString("deliverables"),
                rs.getString("unit_code"), english ? rs.getString("unit_name_en") : rs.getString("unit_name_zh"),
                strings(rs.getArray("co_codes")), rs.getString("phase_code"),
                rs.getDate("start_date") == null ? null : rs.getDate("start_date").toLocalDate(), deadline, state,
                rs.getInt("percent"), state != TaskState.CLOSED && deadline.isBefore(today()),
                rs.getBoolean("requires_document"),
                rs.getDate("closed_on") == null ? null : rs.getDate("closed_on").toLocalDate(),
                rs.getDate("last_report") == null ? null : rs.getDate("last_report").toLocalDate(),
                reportLate(state, rs.getDate("last_report")));
    }

    /** Open tasks report progress monthly: late when the last report (or the acknowledgement) is over a month old. */
    private boolean reportLate(TaskState state, java.sql.Date last) {
        return (state == TaskState.ACKNOWLEDGED || state == TaskState.IN_PROGRESS) && last != null
                && last.toLocalDate().plusMonths(1).isBefore(today());
    }

    static List<Long> longs(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] v = (Object[]) a.getArray();
        List<Long> out = new ArrayList<>();
        for (Object o : v) {
            out.add(((Number) o).longValue());
        }
        return out;
    }

    static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
