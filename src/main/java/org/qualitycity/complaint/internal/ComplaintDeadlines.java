package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.internal.Dtos.Deadline;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.jobs.ScheduledRuns;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.qualitycity.complaint.internal.CaseRows.*;
import static org.qualitycity.complaint.internal.ComplaintService.*;


/** The deadline sweep (amber and red notices) and the recomputation of deadlines when a calendar year is replaced. */
@Service
class ComplaintDeadlines {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScheduledRuns runs;
    private final CaseClock caseClock;

    ComplaintDeadlines(JdbcClient jdbc, AuditLog audit, Notifications notifications, ApplicationEventPublisher events,
                       Clock clock, ScheduledRuns runs, CaseClock caseClock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
        this.runs = runs;
        this.caseClock = caseClock;
    }

    /** The name of the deadline sweep among the scheduled jobs (one node runs it at a time). */
    static final String SWEEP_JOB = "complaint.deadline-sweep";

    /** The hourly timer: on the one node that gets the sweep's lock; the others skip this round. */
    @Scheduled(fixedDelayString = "${qc.complaint.sweep-ms:3600000}", initialDelayString = "${qc.complaint.sweep-delay-ms:600000}")
    void scheduledSweep() {
        runs.runIfFree(SWEEP_JOB, this::sweep);
    }

    /**
     * Posts near-due (amber) and overdue (red) cases to their unit's inbox, once per state; the
     * supervisor's list is the case list filtered by deadline. Runs hourly and on demand; on demand it
     * waits for a sweep another node may be running.
     */
    @Transactional
    public int sweepDeadlines() {
        return runs.runExclusively(SWEEP_JOB, this::sweep);
    }

    private int sweep() {
        var rows = jdbc.sql("""
                        SELECT id, tracking_code, type, status, accept_due, handle_due, reply_due, paused_since, unit_id,
                               notified_state, received_on
                        FROM complaint_case WHERE status IN ('RECEIVED', 'ACCEPTED', 'HANDLED') AND NOT demo
                        """)
                .query((rs, n) -> rowMap(rs)).list();
        int posted = 0;
        Set<Integer> overdueYears = new java.util.TreeSet<>();
        for (var r : rows) {
            Deadline dl = caseClock.deadline((String) r.get("status"), (String) r.get("type"), d(r, "accept_due"),
                    d(r, "handle_due"), d(r, "reply_due"), d(r, "paused_since"));
            if (dl == null || "GREEN".equals(dl.state()) || CaseClock.PENDING.equals(dl.state())
                    || dl.state().equals(r.get("notified_state"))) {
                continue;
            }
            // the state is claimed first and the notice sent only by whoever changed it: a sweep that
            // overlaps another one (another node, or on demand) sends nothing twice
            int claimed = jdbc.sql("""
                            UPDATE complaint_case SET notified_state = :s
                            WHERE id = :id AND notified_state IS DISTINCT FROM :s""")
                    .param("s", dl.state()).param("id", r.get("id")).update();
            if (claimed == 0) {
                continue;
            }
            String code = (String) r.get("tracking_code");
            long unit = ((Number) r.get("unit_id")).longValue();
            String link = "/complaints/" + r.get("id");
            if ("RED".equals(dl.state())) {
                // an overdue decision or handling enters the W2 denominators without any other change
                overdueYears.add(dl.due().getYear());
                overdueYears.add(d(r, "received_on").getYear());
                notifications.toUnit(unit, Notice.alert("complaint.overdue", Text.of("complaint.message.overdue",
                        code, Text.of("complaint.deadline.kind." + dl.kind()), dl.due()), null, link));
            } else {
                notifications.toUnit(unit, Notice.warn("complaint.due", Text.of("complaint.message.due",
                        code, Text.of("complaint.deadline.kind." + dl.kind()), dl.due()), null, link));
            }
            posted++;
        }
        if (!overdueYears.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(ELEMENTS, overdueYears));
        }
        return posted;
    }

    // ------------------------------------------------------------------------------------------ calendar replaced

    /**
     * Recomputes the open working-day deadlines that the holiday arrangement of {@code year} decides: acceptance
     * (or check) deadlines of cases not yet decided (and of reports under check), reply deadlines of handled cases,
     * and every deadline still pending for a missing calendar. A deadline that moved is stored, audited and posted
     * to the inbox of the unit holding the case. Idempotent: a second run finds nothing to move.
     *
     * @return the number of cases whose deadline moved (or was computed from pending)
     */
    @Transactional
    public int recomputeDeadlines(int year) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('complaint.calendar'))").query().listOfRows();
        var rows = jdbc.sql("""
                        SELECT id, tracking_code, type, status, unit_id, received_on, accept_from, accept_days, accept_due,
                               handle_due, handled_on, reply_due, calendar_pending_year
                        FROM complaint_case
                        WHERE calendar_pending_year IS NOT NULL
                           OR (accept_due IS NOT NULL AND (status = 'RECEIVED' OR (type = 'REPORT' AND status = 'ACCEPTED'))
                               AND :y BETWEEN extract(year FROM accept_from) AND extract(year FROM accept_due))
                           OR (status = 'HANDLED' AND reply_due IS NOT NULL
                               AND :y BETWEEN extract(year FROM handled_on) AND extract(year FROM reply_due))
                        ORDER BY id FOR UPDATE
                        """)
                .param("y", year).query((rs, n) -> rowMap(rs)).list();
        int moved = 0;
        Set<Integer> years = new java.util.TreeSet<>();
        for (var r : rows) {
            long id = ((Number) r.get("id")).longValue();
            String status = (String) r.get("status");
            boolean report = "REPORT".equals(r.get("type"));
            Map<String, Object> before = new LinkedHashMap<>();
            Map<String, Object> after = new LinkedHashMap<>();
            Integer pending = null;
            LocalDate acceptDue = d(r, "accept_due");
            boolean acceptOpen = "RECEIVED".equals(status) || (report && "ACCEPTED".equals(status));
            if (r.get("accept_from") != null && (acceptDue == null || acceptOpen)) {
                CaseClock.Due due = caseClock.dueAfter(d(r, "accept_from"), ((Number) r.get("accept_days")).intValue());
                pending = due.pendingYear();
                if (!java.util.Objects.equals(due.due(), acceptDue)) {
                    before.put("accept_due", acceptDue);
                    after.put("accept_due", due.due());
                    if (report && (acceptOpen || d(r, "handle_due") == null)) {
                        after.put("handle_due", due.due());
                    }
                }
            }
            if ("HANDLED".equals(status) && r.get("handled_on") != null) {
                LocalDate replyDue = d(r, "reply_due");
                CaseClock.Due due = caseClock.dueAfter(d(r, "handled_on"), REPLY_DAYS);
                pending = pending != null ? pending : due.pendingYear();
                if (!java.util.Objects.equals(due.due(), replyDue)) {
                    before.put("reply_due", replyDue);
                    after.put("reply_due", due.due());
                }
            }
            Object oldPending = r.get("calendar_pending_year");
            if (after.isEmpty() && java.util.Objects.equals(oldPending == null ? null : ((Number) oldPending).intValue(),
                    pending)) {
                continue;
            }
            Map<String, Object> set = new LinkedHashMap<>(after);
            set.put("calendar_pending_year", pending);
            set.put("notified_state", null);
            StringBuilder sql = new StringBuilder("UPDATE complaint_case SET updated_at = now(), version = version + 1");
            Map<String, Object> params = new HashMap<>();
            for (var e : set.entrySet()) {
                sql.append(", ").append(e.getKey()).append(" = :").append(e.getKey());
                params.put(e.getKey(), e.getValue() instanceof LocalDate ld ? Date.valueOf(ld) : e.getValue());
            }
            params.put("id", id);
            jdbc.sql(sql.append(" WHERE id = :id").toString()).params(params).update();
            before.put("calendar_pending_year", oldPending);
            after.put("calendar_pending_year", pending);
            after.put("calendarYear", year);
            Map<String, Object> auditBefore = new LinkedHashMap<>();
            before.forEach((k, v) -> auditBefore.put(k, v == null ? "" : v.toString()));
            Map<String, Object> auditAfter = new LinkedHashMap<>();
            after.forEach((k, v) -> auditAfter.put(k, v == null ? "" : v.toString()));
            long unit = ((Number) r.get("unit_id")).longValue();
            audit.record("complaint", "case", id, unit, "DEADLINE_RECALCULATED", auditBefore, auditAfter);
            if (after.containsKey("accept_due") || after.containsKey("reply_due")) {
                moved++;
                String field = after.containsKey("accept_due") ? "accept_due" : "reply_due";
                String kind = "accept_due".equals(field) ? (report ? "CHECK" : "ACCEPT") : "REPLY";
                Object[] args = {r.get("tracking_code"), Text.of("complaint.deadline.kind." + kind),
                        text(before.get(field)), text(after.get(field)), year};
                notifications.toUnit(unit, Notice.warn("complaint.due.moved",
                        Text.of("complaint.deadline.moved.title", args), Text.of("complaint.deadline.moved.body", args),
                        "/complaints/" + id));
                years.add(d(r, "received_on").getYear());
            }
        }
        if (!years.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(ELEMENTS, years));
        }
        return moved;
    }

    /** A date, or the words for a pending one. */
    private static Object text(Object date) {
        return date == null ? Text.of("complaint.deadline.pending") : date.toString();
    }
}
