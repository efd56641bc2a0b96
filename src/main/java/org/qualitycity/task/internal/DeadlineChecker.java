package org.qualitycity.task.internal;

import org.qualitycity.calendar.CalendarCoverage;
import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.jobs.ScheduledRuns;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily deadline check, driven by the application clock: a reminder when a task's deadline is at most
 * {@code qc.task.reminder-working-days} (default 3) working days away, and a supervision notice (督办单) once it has
 * passed — blue, yellow after {@code yellow-after} working days late, red after {@code red-after}, one level higher
 * when the unit already had {@code repeat-escalation} notices in the last year — to be acknowledged and answered
 * within {@code answer-working-days}.
 */
@Service
public class DeadlineChecker {

    private static final Logger log = LoggerFactory.getLogger(DeadlineChecker.class);
    /** The name of the check among the scheduled jobs (one node runs it at a time). */
    static final String JOB = "task.deadline-check";
    static final List<String> LEVELS = List.of("BLUE", "YELLOW", "RED");

    /**
     * @param pending tasks not checked because a year between today and their deadline has no loaded calendar (the
     *                calendar administrators are warned; nothing is guessed, the next check after loading decides)
     */
    public record Result(LocalDate day, int reminders, int notices, int pending) {

        public Result(LocalDate day, int reminders, int notices) {
            this(day, reminders, notices, 0);
        }
    }

    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final ScheduledRuns runs;
    private final int reminderDays;
    private final int yellowAfter;
    private final int redAfter;
    private final int repeatEscalation;
    private final int answerDays;
    private final CalendarCoverage coverage;

    DeadlineChecker(JdbcClient jdbc, WorkingDayCalendar calendar, Notifications notifications, AuditLog audit,
                    Clock clock, @Value("${qc.task.reminder-working-days:3}") int reminderDays,
                    @Value("${qc.task.notice.yellow-after:5}") int yellowAfter,
                    @Value("${qc.task.notice.red-after:10}") int redAfter,
                    @Value("${qc.task.notice.repeat-escalation:2}") int repeatEscalation,
                    @Value("${qc.task.notice.answer-working-days:5}") int answerDays, ScheduledRuns runs,
                    CalendarCoverage coverage) {
        this.coverage = coverage;
        this.jdbc = jdbc;
        this.runs = runs;
        this.calendar = calendar;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.reminderDays = reminderDays;
        this.yellowAfter = yellowAfter;
        this.redAfter = redAfter;
        this.repeatEscalation = repeatEscalation;
        this.answerDays = answerDays;
    }

    @Scheduled(cron = "${qc.task.check-cron:0 30 7 * * *}", zone = "Asia/Shanghai")
    void daily() {
        // on the one node that gets the check's lock; the others skip (a later run finds nothing new:
        // every notice is claimed by its unique key in task_notice before the inbox message is posted)
        runs.runIfFree(JOB, this::checkNow).ifPresent(r -> log.info(
                "Task deadline check {}: {} reminders, {} supervision notices", r.day(), r.reminders(), r.notices()));
    }

    /** The check on demand; waits for a check another node may be running. */
    @Transactional
    public Result check() {
        return runs.runExclusively(JOB, this::checkNow);
    }

    private Result checkNow() {
        LocalDate today = LocalDate.now(clock);
        int reminders = 0;
        int notices = 0;
        int pending = 0;
        List<Map<String, Object>> open = jdbc.sql("""
                        SELECT id, unit_id, deadline, title_zh, title_en FROM task_task
                        WHERE state IN ('ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS')
                          AND deadline <= CAST(:horizon AS date) ORDER BY id""")
                .param("horizon", today.plusDays(60)).query().listOfRows();
        for (Map<String, Object> t : open) {
            long id = ((Number) t.get("id")).longValue();
            long unit = ((Number) t.get("unit_id")).longValue();
            LocalDate deadline = ((java.sql.Date) t.get("deadline")).toLocalDate();
            Text.Names title = new Text.Names((String) t.get("title_zh"), (String) t.get("title_en"));
            try {
                calendar.workingDaysBetween(today, deadline);
                calendar.isWorkingDay(today);
            } catch (CalendarYearMissingException e) {
                // the same rule as the complaint clock: never a guessed count of working days
                coverage.warnMissing(e.year(), "calendar.coverage.reason.deadline");
                pending++;
                continue;
            }
            if (today.isBefore(deadline)) {
                if (calendar.isWorkingDay(today) && calendar.workingDaysBetween(today, deadline) <= reminderDays
                        && insert(id, unit, "REMINDER", null, deadline, today, 0, null)) {
                    reminders++;
                    notifications.toUnit(unit, Notice.warn("task", Text.of("task.message.reminder.title", title),
                            Text.of("task.message.reminder.body", deadline, calendar.workingDaysBetween(today, deadline)),
                            "/tasks/" + id));
                }
                continue;
            }
            int late = calendar.workingDaysBetween(deadline, today);
            if (late < 1) {
                continue;
            }
            long earlier = jdbc.sql("""
                            SELECT count(*) FROM task_notice WHERE unit_id = :unit AND kind = 'SUPERVISION'
                              AND task_id <> :task AND issued_on > CAST(:since AS date)
                              AND issued_on <= CAST(:today AS date)""")
                    .param("unit", unit).param("task", id).param("since", today.minusYears(1)).param("today", today).query(Long.class).single();
            int level = level(late, earlier, yellowAfter, redAfter, repeatEscalation);
            List<String> issued = jdbc.sql("""
                            SELECT level FROM task_notice WHERE task_id = :task AND kind = 'SUPERVISION'
                              AND deadline = :deadline""")
                    .param("task", id).param("deadline", deadline).query(String.class).list();
            int highest = issued.stream().mapToInt(LEVELS::indexOf).max().orElse(-1);
            if (level > highest) {
                LocalDate answerDue = answerDue(today);
                String lv = LEVELS.get(level);
                if (insert(id, unit, "SUPERVISION", lv, deadline, today, late, answerDue)) {
                    notices++;
                    Text name = Text.of("task.notice." + lv);
                    Text head = Text.of("task.message.supervision.title", name, title);
                    Text body = Text.of("task.message.supervision.body", late, answerDue);
                    Notice n = "RED".equals(lv) ? Notice.alert("task", head, body, "/tasks/" + id)
                            : Notice.warn("task", head, body, "/tasks/" + id);
                    notifications.toUnit(unit, n);
                }
            }
        }
        if (reminders + notices + pending > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("day", today.toString());
            details.put("reminders", reminders);
            details.put("notices", notices);
            details.put("pendingCalendar", pending);
            audit.event("task", "DEADLINE_CHECK", details);
        }
        return new Result(today, reminders, notices, pending);
    }

    /** The answer deadline of a notice issued on {@code issued}, or null (pending) when the calendar lacks a year. */
    LocalDate answerDue(LocalDate issued) {
        try {
            return calendar.addWorkingDays(issued, answerDays);
        } catch (CalendarYearMissingException e) {
            coverage.warnMissing(e.year(), "calendar.coverage.reason.deadline");
            return null;
        }
    }

    /**
     * Recomputes the answer deadlines of unanswered supervision notices that the arrangement of {@code year}
     * decides (or that were pending for it); a moved deadline is stored, audited and posted to the unit's inbox.
     * Idempotent. Task deadlines themselves are dates of the plan, not counted in working days; the reminders and
     * notices of the next daily check count with the new calendar.
     *
     * @return the number of notices whose answer deadline moved
     */
    @Transactional
    public int recomputeAnswerDeadlines(int year) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('task.calendar'))").query().listOfRows();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT n.id, n.task_id, n.unit_id, n.issued_on, n.answer_due, t.title_zh, t.title_en FROM task_notice n
                        JOIN task_task t ON t.id = n.task_id
                        WHERE n.kind = 'SUPERVISION' AND n.answered_at IS NULL
                          AND (n.answer_due IS NULL
                               OR :y BETWEEN extract(year FROM n.issued_on) AND extract(year FROM n.answer_due))
                        ORDER BY n.id FOR UPDATE OF n""")
                .param("y", year).query().listOfRows();
        int moved = 0;
        for (Map<String, Object> r : rows) {
            LocalDate issued = ((java.sql.Date) r.get("issued_on")).toLocalDate();
            LocalDate before = r.get("answer_due") == null ? null : ((java.sql.Date) r.get("answer_due")).toLocalDate();
            LocalDate after;
            try {
                after = calendar.addWorkingDays(issued, answerDays);
            } catch (CalendarYearMissingException e) {
                continue;
            }
            if (after.equals(before)) {
                continue;
            }
            long id = ((Number) r.get("id")).longValue();
            long unit = ((Number) r.get("unit_id")).longValue();
            jdbc.sql("UPDATE task_notice SET answer_due = :d WHERE id = :id").param("d", after).param("id", id).update();
            audit.record("task", "notice", id, unit, "DEADLINE_RECALCULATED",
                    Map.of("answerDue", before == null ? "" : before.toString()),
                    Map.of("answerDue", after.toString(), "calendarYear", year));
            Object[] args = {new Text.Names((String) r.get("title_zh"), (String) r.get("title_en")),
                    before == null ? Text.of("task.notice.answer-pending") : before, after, year};
            notifications.toUnit(unit, Notice.warn("task.due.moved", Text.of("task.notice.answer-moved.title", args),
                    Text.of("task.notice.answer-moved.body", args), "/tasks/" + r.get("task_id")));
            moved++;
        }
        return moved;
    }

    /** 0 blue, 1 yellow, 2 red: by working days late, one level up for a unit with repeated notices. */
    static int level(int lateWorkingDays, long earlierNotices, int yellowAfter, int redAfter, int repeatEscalation) {
        int level = lateWorkingDays >= redAfter ? 2 : lateWorkingDays >= yellowAfter ? 1 : 0;
        return earlierNotices >= repeatEscalation ? Math.min(2, level + 1) : level;
    }

    private boolean insert(long task, long unit, String kind, String level, LocalDate deadline, LocalDate today,
                           int late, LocalDate answerDue) {
        return jdbc.sql("""
                        INSERT INTO task_notice (task_id, unit_id, kind, level, deadline, issued_on, late_days, answer_due)
                        VALUES (:task, :unit, :kind, :level, :deadline, :today, :late, :answerDue)
                        ON CONFLICT DO NOTHING""")
                .param("task", task).param("unit", unit).param("kind", kind).param("level", level)
                .param("deadline", deadline).param("today", today).param("late", late).param("answerDue", answerDue)
                .update() > 0;
    }
}
