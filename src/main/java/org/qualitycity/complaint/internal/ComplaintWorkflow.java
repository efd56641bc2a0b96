package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.RefusalGround;
import org.qualitycity.complaint.internal.Dtos.Action;
import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.qualitycity.complaint.internal.CaseRows.*;
import static org.qualitycity.complaint.internal.ComplaintService.*;


/** The workflow of a case: acceptance, refusal, dispatch, mediation and its pause, handling, reply, return visit. */
@Service
class ComplaintWorkflow {

    private final JdbcClient jdbc;
    private final Units units;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CaseClock caseClock;
    private final CaseReads reads;

    ComplaintWorkflow(JdbcClient jdbc, Units units, AuditLog audit, ApplicationEventPublisher events,
                      CaseClock caseClock, CaseReads reads) {
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
        this.events = events;
        this.caseClock = caseClock;
        this.reads = reads;
    }

    @Transactional
    public CaseView act(long id, Action a, CurrentUser user) {
        Map<String, Object> r = reads.load(id, user, true);
        String status = (String) r.get("status");
        String type = (String) r.get("type");
        LocalDate today = caseClock.today();
        Long unitId = ((Number) r.get("unit_id")).longValue();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", status);
        before.put("unit", r.get("unit_code"));
        Map<String, Object> set = new LinkedHashMap<>();
        switch (a.action()) {
            case "ACCEPT" -> {
                require(status, "RECEIVED");
                LocalDate harm = d(r, "harm_known_on");
                LocalDate received = d(r, "received_on");
                if ("COMPLAINT".equals(type) && harm != null && harm.plusYears(3).isBefore(received)) {
                    throw new ValidationException("action", "the harm was known more than three years before receipt: "
                            + "the complaint can only be refused on ground TIME_BARRED");
                }
                set.put("status", "ACCEPTED");
                set.put("decided_on", today);
                if ("COMPLAINT".equals(type)) {
                    set.put("handle_due", today.plusDays(MEDIATION_DAYS));
                }
            }
            case "REFUSE" -> {
                require(status, "RECEIVED");
                if (blank(a.ground())) {
                    throw new ValidationException("ground", "a refusal needs one of the seven grounds: "
                            + java.util.Arrays.toString(RefusalGround.values()));
                }
                if (blank(a.text())) {
                    throw new ValidationException("text", "tell the complainant the other routes open to them");
                }
                set.put("status", "REFUSED");
                set.put("decided_on", today);
                set.put("refusal_ground", RefusalGround.valueOf(a.ground()).name());
                set.put("refusal_text", a.text().trim());
            }
            case "DISPATCH" -> {
                if (!Set.of("RECEIVED", "ACCEPTED").contains(status)) {
                    throw new ConflictException("only an open case can be dispatched");
                }
                long target;
                if (!blank(a.unitCode())) {
                    target = units.byCode(a.unitCode()).filter(Unit::active)
                            .orElseThrow(() -> new ValidationException("unitCode", "unknown unit")).id();
                } else {
                    target = jdbc.sql("SELECT unit_id FROM complaint_dispatch_rule WHERE category = :c AND district_unit_id = :d")
                            .param("c", r.get("category")).param("d", r.get("district_unit_id")).query(Long.class)
                            .optional().orElseThrow(() -> new ValidationException("unitCode",
                                    "no dispatch rule for this category and district: name the unit"));
                }
                set.put("unit_id", target);
                set.put("dispatched_on", today);
                set.put("return_reason", null);
                set.put("notified_state", null);
            }
            case "RETURN" -> {
                if (!Set.of("RECEIVED", "ACCEPTED").contains(status) || r.get("dispatched_on") == null) {
                    throw new ConflictException("only a dispatched open case can be returned");
                }
                if (blank(a.text())) {
                    throw new ValidationException("text", "give the reason for returning the case");
                }
                set.put("unit_id", units.byCode(INTAKE_UNIT).orElseThrow().id());
                set.put("return_reason", a.text().trim());
            }
            case "PAUSE" -> {
                require(status, "ACCEPTED");
                if (!"COMPLAINT".equals(type) || r.get("paused_since") != null) {
                    throw new ConflictException("only running mediation can be paused for testing or appraisal");
                }
                set.put("paused_since", today);
            }
            case "RESUME" -> {
                LocalDate since = d(r, "paused_since");
                if (since == null) {
                    throw new ConflictException("the mediation clock is not paused");
                }
                int days = (int) ChronoUnit.DAYS.between(since, today);
                set.put("paused_since", null);
                set.put("paused_days", ((Number) r.get("paused_days")).intValue() + days);
                set.put("handle_due", d(r, "handle_due").plusDays(days));
            }
            case "EXTEND" -> {
                if (!"REPORT".equals(type) || (Boolean) r.get("check_extended")) {
                    throw new ConflictException("only a report's check period can be extended, and only once");
                }
                if (!user.can("complaint:case:supervise")) {
                    throw new org.springframework.security.access.AccessDeniedException("extension needs approval");
                }
                int days = ((Number) r.get("accept_days")).intValue() + REPORT_CHECK_DAYS;
                CaseClock.Due due = caseClock.dueAfter(d(r, "accept_from"), days);
                set.put("check_extended", true);
                set.put("accept_days", days);
                set.put("accept_due", due.due());
                set.put("handle_due", due.due());
                set.put("calendar_pending_year", due.pendingYear());
            }
            case "HANDLE" -> {
                require(status, "ACCEPTED");
                if (blank(a.outcome())) {
                    throw new ValidationException("outcome", "record the outcome");
                }
                if (r.get("paused_since") != null) {
                    throw new ConflictException("resume the mediation clock first");
                }
                set.put("status", "HANDLED");
                set.put("handled_on", today);
                set.put("outcome", a.outcome());
                set.put("money_recovered", a.moneyRecovered());
                CaseClock.Due replyDue = caseClock.dueAfter(today, REPLY_DAYS);
                set.put("reply_due", replyDue.due());
                set.put("calendar_pending_year", replyDue.pendingYear());
            }
            case "REPLY" -> {
                require(status, "HANDLED");
                if (blank(a.reply())) {
                    throw new ValidationException("reply", "write the reply");
                }
                set.put("status", "REPLIED");
                set.put("replied_on", today);
                set.put("reply", a.reply().trim());
            }
            case "VISIT" -> {
                require(status, "REPLIED");
                if (blank(a.satisfaction())) {
                    throw new ValidationException("satisfaction", "record the satisfaction");
                }
                set.put("status", "CLOSED");
                set.put("visited_on", today);
                set.put("satisfaction", a.satisfaction());
            }
            case "REOPEN" -> {
                if (!user.can("complaint:case:supervise")) {
                    throw new org.springframework.security.access.AccessDeniedException("only the supervisor reopens");
                }
                if (!"CLOSED".equals(status) || !"DISSATISFIED".equals(r.get("satisfaction")) || (Boolean) r.get("reopened")) {
                    throw new ConflictException("only a closed case with a dissatisfied return visit can be reopened, once");
                }
                set.put("status", "ACCEPTED");
                set.put("reopened", true);
                set.put("handle_due", today.plusDays(MEDIATION_DAYS));
                set.put("handled_on", null);
                set.put("replied_on", null);
                set.put("reply_due", null);
                set.put("notified_state", null);
            }
            case "WITHDRAW" -> {
                if (!Set.of("RECEIVED", "ACCEPTED").contains(status)) {
                    throw new ConflictException("only an open case can be withdrawn");
                }
                set.put("status", "WITHDRAWN");
                set.put("handled_on", today);
            }
            default -> throw new ValidationException("action", "unknown action");
        }
        if (set.containsKey("status")) {
            set.put("notified_state", null);
        }
        StringBuilder sql = new StringBuilder("UPDATE complaint_case SET updated_at = now(), version = version + 1");
        Map<String, Object> params = new HashMap<>();
        for (var e : set.entrySet()) {
            sql.append(", ").append(e.getKey()).append(" = :").append(e.getKey());
            Object v = e.getValue();
            params.put(e.getKey(), v instanceof LocalDate ld ? Date.valueOf(ld) : v);
        }
        sql.append(" WHERE id = :id");
        params.put("id", id);
        jdbc.sql(sql.toString()).params(params).update();
        Map<String, Object> after = new LinkedHashMap<>(set);
        after.replaceAll((k, v) -> v == null ? "" : v.toString());
        after.put("action", a.action());
        audit.record("complaint", "case", id, unitId, a.action(), before, after);
        changed(((Date) r.get("received_on")).toLocalDate().getYear(), today.getYear());
        return reads.toView(reads.load(id, user, false), true, CaseReads.mayUnmask(user, r), List.of());
    }

    private static void require(String status, String expected) {
        if (!expected.equals(status)) {
            throw new ConflictException("the case is " + status + ", not " + expected);
        }
    }

    private void changed(int... years) {
        Set<Integer> y = new java.util.TreeSet<>();
        for (int i : years) {
            y.add(i);
        }
        events.publishEvent(new ComputedDataChanged(ELEMENTS, y));
    }
}
