package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.RefusalGround;
import org.qualitycity.complaint.internal.Dtos.Action;
import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.Workflow.Guard;
import org.qualitycity.platform.WorkflowSteps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
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

    /** The status of a case. */
    enum Status { RECEIVED, REPEAT, ACCEPTED, REFUSED, HANDLED, REPLIED, CLOSED, WITHDRAWN }

    /** A complaint (投诉, mediated) or a report (举报, checked); a mixed submission becomes one of each. */
    enum Type { COMPLAINT, REPORT }

    /** The steps a handler takes on a case. */
    enum Step { ACCEPT, REFUSE, DISPATCH, RETURN, PAUSE, RESUME, EXTEND, HANDLE, REPLY, VISIT, REOPEN, WITHDRAW }

    /** What the guards look at: the case and the user. */
    record Facts(Type type, boolean dispatched, boolean paused, boolean checkExtended, String satisfaction,
                 boolean reopened, CurrentUser user) {

        boolean supervisor() {
            return user != null && user.can("complaint:case:supervise");
        }
    }

    private static final Set<Status> OPEN = EnumSet.of(Status.RECEIVED, Status.ACCEPTED);

    /** The transition table of a case (SAMR Order 121); docs/workflows/complaint.case.md draws it. */
    static final Workflow<Status, Step, Facts> TABLE = Workflow.<Status, Step, Facts>of("complaint", "case",
                    Status.class, Step.class)
            .labels("complaint.status.", "complaint.action.")
            .initial(Status.RECEIVED, Status.REPEAT)
            .on(Step.ACCEPT, Status.RECEIVED, Status.ACCEPTED)
            .on(Step.REFUSE, Status.RECEIVED, Status.REFUSED)
            .stay(Step.DISPATCH, OPEN)
            .stay(Step.RETURN, OPEN, Guard.when("dispatched", Facts::dispatched))
            .on(Step.PAUSE, Status.ACCEPTED, Status.ACCEPTED, Guard.when("a complaint", f -> f.type() == Type.COMPLAINT),
                    Guard.when("mediation running", f -> !f.paused()))
            .on(Step.RESUME, Status.ACCEPTED, Status.ACCEPTED, Guard.when("paused", Facts::paused))
            .stay(Step.EXTEND, OPEN, Guard.when("a report", f -> f.type() == Type.REPORT),
                    Guard.when("not extended before", f -> !f.checkExtended()),
                    Guard.who("supervisor", Facts::supervisor))
            .on(Step.HANDLE, Status.ACCEPTED, Status.HANDLED, Guard.when("mediation not paused", f -> !f.paused()))
            .on(Step.REPLY, Status.HANDLED, Status.REPLIED)
            .on(Step.VISIT, Status.REPLIED, Status.CLOSED)
            .on(Step.REOPEN, Status.CLOSED, Status.ACCEPTED, Guard.who("supervisor", Facts::supervisor),
                    Guard.when("dissatisfied", f -> "DISSATISFIED".equals(f.satisfaction())),
                    Guard.when("not reopened before", f -> !f.reopened()))
            .on(Step.WITHDRAW, Status.RECEIVED, Status.WITHDRAWN)
            .on(Step.WITHDRAW, Status.ACCEPTED, Status.WITHDRAWN)
            .build();

    private final JdbcClient jdbc;
    private final Units units;
    private final WorkflowSteps steps;
    private final ApplicationEventPublisher events;
    private final CaseClock caseClock;
    private final CaseReads reads;

    ComplaintWorkflow(JdbcClient jdbc, Units units, WorkflowSteps steps, ApplicationEventPublisher events,
                      CaseClock caseClock, CaseReads reads) {
        this.jdbc = jdbc;
        this.units = units;
        this.steps = steps;
        this.events = events;
        this.caseClock = caseClock;
        this.reads = reads;
    }

    /** One step on a case through {@link WorkflowSteps}: the table decides, {@link #effect} changes the case. */
    @Transactional
    public CaseView act(long id, Action a, CurrentUser user) {
        Map<String, Object> r = reads.load(id, user, true);
        Status status = Status.valueOf((String) r.get("status"));
        Type type = Type.valueOf((String) r.get("type"));
        Step step;
        try {
            step = Step.valueOf(a.action());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException("action", org.qualitycity.platform.Texts.msg("complaint.error.unknown-action"));
        }
        Facts facts = new Facts(type, r.get("dispatched_on") != null, r.get("paused_since") != null,
                Boolean.TRUE.equals(r.get("check_extended")), (String) r.get("satisfaction"),
                Boolean.TRUE.equals(r.get("reopened")), user);
        Long unitId = ((Number) r.get("unit_id")).longValue();
        LocalDate today = caseClock.today();
        steps.apply(TABLE, id, unitId, status, step, facts, t -> effect(id, t, a, r, type, today));
        changed(((Date) r.get("received_on")).toLocalDate().getYear(), today.getYear());
        return reads.toView(reads.load(id, user, false), true, CaseReads.mayUnmask(user, r), List.of());
    }

    /** The columns a checked step changes (its own checks of the input are 400s), written in one UPDATE. */
    private WorkflowSteps.Change effect(long id, Workflow.Transition<Status, Step, Facts> t, Action a,
                                       Map<String, Object> r, Type type, LocalDate today) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", t.from().name());
        before.put("unit", r.get("unit_code"));
        Map<String, Object> set = new LinkedHashMap<>();
        if (t.to() != t.from()) {
            set.put("status", t.to().name());
        }
        switch (t.action()) {
            case ACCEPT -> {
                LocalDate harm = d(r, "harm_known_on");
                LocalDate received = d(r, "received_on");
                if (type == Type.COMPLAINT && harm != null && harm.plusYears(3).isBefore(received)) {
                    throw new ValidationException("action", org.qualitycity.platform.Texts.msg("complaint.error.time-barred"));
                }
                set.put("decided_on", today);
                if (type == Type.COMPLAINT) {
                    set.put("handle_due", today.plusDays(MEDIATION_DAYS));
                }
            }
            case REFUSE -> {
                if (blank(a.ground())) {
                    throw new ValidationException("ground", org.qualitycity.platform.Texts.msg("complaint.error.refusal-ground"));
                }
                if (blank(a.text())) {
                    throw new ValidationException("text", org.qualitycity.platform.Texts.msg("complaint.error.other-routes"));
                }
                set.put("decided_on", today);
                set.put("refusal_ground", RefusalGround.valueOf(a.ground()).name());
                set.put("refusal_text", a.text().trim());
            }
            case DISPATCH -> {
                long target;
                if (!blank(a.unitCode())) {
                    target = units.byCode(a.unitCode()).filter(Unit::active)
                            .orElseThrow(() -> new ValidationException("unitCode", org.qualitycity.platform.Texts.msg("error.no-such-unit"))).id();
                } else {
                    target = jdbc.sql("SELECT unit_id FROM complaint_dispatch_rule WHERE category = :c AND district_unit_id = :d")
                            .param("c", r.get("category")).param("d", r.get("district_unit_id")).query(Long.class)
                            .optional().orElseThrow(() -> new ValidationException("unitCode",
                                    org.qualitycity.platform.Texts.msg("complaint.error.no-dispatch-rule")));
                }
                set.put("unit_id", target);
                set.put("dispatched_on", today);
                set.put("return_reason", null);
                set.put("notified_state", null);
            }
            case RETURN -> {
                if (blank(a.text())) {
                    throw new ValidationException("text", org.qualitycity.platform.Texts.msg("complaint.error.return-reason"));
                }
                set.put("unit_id", ComplaintIntake.intakeUnit(units).id());
                set.put("return_reason", a.text().trim());
            }
            case PAUSE -> set.put("paused_since", today);
            case RESUME -> {
                int days = (int) ChronoUnit.DAYS.between(d(r, "paused_since"), today);
                set.put("paused_since", null);
                set.put("paused_days", ((Number) r.get("paused_days")).intValue() + days);
                set.put("handle_due", d(r, "handle_due").plusDays(days));
            }
            case EXTEND -> {
                int days = ((Number) r.get("accept_days")).intValue() + REPORT_CHECK_DAYS;
                CaseClock.Due due = caseClock.dueAfter(d(r, "accept_from"), days);
                set.put("check_extended", true);
                set.put("accept_days", days);
                set.put("accept_due", due.due());
                set.put("handle_due", due.due());
                set.put("calendar_pending_year", due.pendingYear());
            }
            case HANDLE -> {
                if (blank(a.outcome())) {
                    throw new ValidationException("outcome", org.qualitycity.platform.Texts.msg("complaint.error.outcome"));
                }
                set.put("handled_on", today);
                set.put("outcome", a.outcome());
                set.put("money_recovered", a.moneyRecovered());
                CaseClock.Due replyDue = caseClock.dueAfter(today, REPLY_DAYS);
                set.put("reply_due", replyDue.due());
                set.put("calendar_pending_year", replyDue.pendingYear());
            }
            case REPLY -> {
                if (blank(a.reply())) {
                    throw new ValidationException("reply", org.qualitycity.platform.Texts.msg("complaint.error.reply"));
                }
                set.put("replied_on", today);
                set.put("reply", a.reply().trim());
            }
            case VISIT -> {
                if (blank(a.satisfaction())) {
                    throw new ValidationException("satisfaction", org.qualitycity.platform.Texts.msg("complaint.error.satisfaction"));
                }
                set.put("visited_on", today);
                set.put("satisfaction", a.satisfaction());
            }
            case REOPEN -> {
                set.put("reopened", true);
                set.put("handle_due", today.plusDays(MEDIATION_DAYS));
                set.put("handled_on", null);
                set.put("replied_on", null);
                set.put("reply_due", null);
                set.put("notified_state", null);
            }
            case WITHDRAW -> set.put("handled_on", today);
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
        return new WorkflowSteps.Change(before, after);
    }

    private void changed(int... years) {
        Set<Integer> y = new java.util.TreeSet<>();
        for (int i : years) {
            y.add(i);
        }
        events.publishEvent(new ComputedDataChanged(ELEMENTS, y));
    }
}
