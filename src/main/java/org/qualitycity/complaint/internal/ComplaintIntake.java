package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.internal.Dtos.PublicStatus;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.qualitycity.complaint.internal.CaseRows.*;
import static org.qualitycity.complaint.internal.ComplaintService.*;


/** Intake: submissions (complaints, reports, mixed and repeat), tracking codes and the public status look-up. */
@Service
class ComplaintIntake {

    /** The unit that receives the public's complaints: the unit with the role COMPLAINT_INTAKE, else the city. */
    static Unit intakeUnit(Units units) {
        return units.withRole(Unit.Role.COMPLAINT_INTAKE).orElseGet(units::city);
    }

    private static final char[] CODE_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Units units;
    private final AuditLog audit;
    private final Clock clock;
    private final PersonalData personalData;
    private final CaseClock caseClock;
    private final RecentUnits recentUnits;
    private final TransactionTemplate transaction;

    ComplaintIntake(JdbcClient jdbc, Units units, AuditLog audit, Clock clock, PersonalData personalData,
                    CaseClock caseClock, RecentUnits recentUnits, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.recentUnits = recentUnits;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
        this.personalData = personalData;
        this.caseClock = caseClock;
    }

    /**
     * Registers a submission: validates the rules that depend on the type, computes the deadlines,
     * splits a mixed submission into two linked cases and links a repeat report to the original.
     *
     * <p>A complaint is one statement (the case and its audit entry, issue 13: one round trip, atomic as a statement,
     * joining the caller's transaction if there is one); reports and mixed submissions, which read and write several
     * rows, run in a transaction.
     */
    public Receipt submit(Submission s, String channel, String ip, CurrentUser staff, String knownPhoneHash) {
        Long createdBy = staff == null ? null : staff.id();
        List<FieldProblem> problems = new ArrayList<>();
        if (s.website() != null && !s.website().isEmpty()) {
            problems.add(new FieldProblem("website", Texts.msg("complaint.error.must-be-empty")));
        }
        boolean complaint = !"REPORT".equals(s.type());
        if (complaint) {
            if (blank(s.name())) {
                problems.add(new FieldProblem("name", Texts.msg("complaint.error.required-for-complaint")));
            }
            if (blank(s.phone())) {
                problems.add(new FieldProblem("phone", Texts.msg("complaint.error.required-for-complaint")));
            }
            if (blank(s.request())) {
                problems.add(new FieldProblem("request", Texts.msg("complaint.error.required-for-complaint")));
            }
        }
        LocalDate today = caseClock.today();
        if (s.harmKnownOn() != null && s.harmKnownOn().isAfter(today)) {
            problems.add(new FieldProblem("harmKnownOn", Texts.msg("complaint.error.not-in-future")));
        }
        Unit district = recentUnits.byCode(s.district()).filter(Unit::isArea).orElse(null);
        if (district == null) {
            problems.add(new FieldProblem("district", Texts.msg("complaint.error.unknown-district")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        // staff entries (hotline, walk-in window) stay with the operator's unit; the public's go to the city 12315 centre
        long intakeUnit = staff != null ? staff.unitId() : recentUnits.intakeUnit().id();
        // the phone's keyed hash, once per submission (the repeat look-up and every inserted case use it)
        // (the public entries pass the one their rate limiter computed)
        String phoneHash = knownPhoneHash != null ? knownPhoneHash : personalData.phoneHash(s.phone());
        if ("BOTH".equals(s.type())) {
            return transaction.execute(tx -> {
                Inserted c = insert(s, "COMPLAINT", channel, ip, createdBy, district, intakeUnit, today, null, phoneHash);
                Receipt report = submitReport(s, channel, ip, createdBy, district, intakeUnit, today, phoneHash);
                long r = idOf(report.trackingCode());
                jdbc.sql("UPDATE complaint_case SET linked_case_id = :r WHERE id = :c").param("r", r).param("c", c.id()).update();
                jdbc.sql("UPDATE complaint_case SET linked_case_id = :c WHERE id = :r AND linked_case_id IS NULL")
                        .param("r", r).param("c", c.id()).update();
                return new Receipt(c.code(), report.trackingCode(), "COMPLAINT", today, c.acceptDue(), false);
            });
        }
        if ("REPORT".equals(s.type())) {
            return transaction.execute(tx -> submitReport(s, channel, ip, createdBy, district, intakeUnit, today, phoneHash));
        }
        // no ComputedDataChanged here: a new case enters no W2 element until it is decided or overdue
        Inserted c = insert(s, "COMPLAINT", channel, ip, createdBy, district, intakeUnit, today, null, phoneHash);
        return new Receipt(c.code(), null, "COMPLAINT", today, c.acceptDue(), false);
    }

    /**
     * A report by the same reporter (phone) against the same respondent while the first is still open:
     * the same facts are linked as a repeat and not handled again; new facts are merged into the open
     * case and restart its clock (Art 35).
     */
    private Receipt submitReport(Submission s, String channel, String ip, Long createdBy, Unit district,
                                 long intakeUnit, LocalDate today, String phoneHash) {
        if (!blank(s.phone())) {
            var open = jdbc.sql("""
                            SELECT id, facts FROM complaint_case
                            WHERE type = 'REPORT' AND repeat_of_id IS NULL AND person_phone_hash = :phone
                              AND lower(respondent_name) = lower(:resp)
                              AND status IN ('RECEIVED', 'ACCEPTED')
                            ORDER BY id LIMIT 1 FOR UPDATE
                            """)
                    .param("phone", phoneHash).param("resp", s.respondentName().trim())
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).optional();
            if (open.isPresent()) {
                long originalId = open.get().getKey();
                boolean sameFacts = normalise(open.get().getValue()).contains(normalise(s.facts()));
                if (!sameFacts) {
                    // the case file is written in the record's language (the default), whoever reads it later
                    String merged = open.get().getValue() + "\n"
                            + Texts.render(Text.of("complaint.facts.supplement", today), Texts.DEFAULT) + s.facts();
                    CaseClock.Due due = caseClock.dueAfter(today, REPORT_CHECK_DAYS);
                    jdbc.sql("""
                                    UPDATE complaint_case SET facts = left(:facts, 4000), accept_due = :due,
                                           handle_due = :due, accept_from = :from, accept_days = :days,
                                           calendar_pending_year = :pending, notified_state = NULL, updated_at = now(),
                                           version = version + 1
                                    WHERE id = :id
                                    """)
                            .param("facts", merged).param("due", due.sql()).param("from", Date.valueOf(today))
                            .param("days", REPORT_CHECK_DAYS).param("pending", due.pendingYear())
                            .param("id", originalId).update();
                    audit.record("complaint", "case", originalId, null, "MERGE_FACTS", null,
                            Map.of("restartedDue", String.valueOf(due.due()), "pendingCalendarYear",
                                    String.valueOf(due.pendingYear())));
                }
                Inserted c = insert(s, "REPORT", channel, ip, createdBy, district, intakeUnit, today, originalId,
                        phoneHash);
                return new Receipt(c.code(), null, "REPORT", today, dueOf(originalId), true);
            }
        }
        Inserted c = insert(s, "REPORT", channel, ip, createdBy, district, intakeUnit, today, null, phoneHash);
        return new Receipt(c.code(), null, "REPORT", today, c.acceptDue(), false);
    }

    /** A new case as stored: its id, tracking code and acceptance deadline (null while the calendar is pending). */
    private record Inserted(long id, String code, LocalDate acceptDue) {
    }

    private Inserted insert(Submission s, String type, String channel, String ip, Long createdBy, Unit district,
                        long intakeUnit, LocalDate today, Long repeatOf, String phoneHash) {
        boolean report = "REPORT".equals(type);
        int acceptDays = report ? REPORT_CHECK_DAYS : ACCEPT_DAYS;
        CaseClock.Due acceptDue = caseClock.dueAfter(today, acceptDays);
        boolean anonymous = report && blank(s.name()) && blank(s.phone());
        for (int attempt = 0; ; attempt++) {
            String code = newTrackingCode(today);
            String action = repeatOf != null ? "CREATE_REPEAT" : "CREATE";
            // the case and its audit entry in one statement (issue 13): no entry when the code was taken
            AuditLog.Entry entry = audit.entryFor("c", "id", "complaint", "case", intakeUnit, action,
                    Map.of("trackingCode", code, "type", type, "channel", channel, "district", district.code(),
                            "acceptDue", acceptDue.due() == null ? "PENDING_CALENDAR_" + acceptDue.pendingYear()
                                    : acceptDue.due().toString()));
            Inserted row = jdbc.sql("""
                            WITH c AS (
                            INSERT INTO complaint_case (tracking_code, type, channel, category, subcategory,
                                respondent_name, respondent_address, respondent_credit_code, district_unit_id, unit_id,
                                facts, request, amount, harm_known_on, anonymous, person_name, person_phone,
                                person_id_number, person_address, person_phone_hash, person_phone4_hash, person_name_hash,
                                received_at, received_on, status, accept_due, handle_due, repeat_of_id, submit_ip, created_by,
                                accept_from, accept_days, calendar_pending_year)
                            VALUES (:code, :type, :channel, :category, :sub, :rname, :raddr, :credit, :district, :unit,
                                :facts, :request, :amount, :harm, :anon, :pname, :phone, :idno, :paddr, :phoneHash,
                                :phone4Hash, :nameHash, :at, :today, :status, :acceptDue, :handleDue, :repeatOf, :ip, :by,
                                :today, :acceptDays, :pending)
                            ON CONFLICT (tracking_code) DO NOTHING
                            RETURNING id, tracking_code, accept_due),
                            a AS (""" + entry.sql() + """
                            )
                            SELECT id, tracking_code, accept_due FROM c
                            """).params(entry.params())
                    .param("code", code).param("type", type).param("channel", channel).param("category", s.category())
                    .param("sub", trim(s.subcategory())).param("rname", s.respondentName().trim())
                    .param("raddr", trim(s.respondentAddress())).param("credit", trim(s.creditCode()))
                    .param("district", district.id()).param("unit", intakeUnit).param("facts", s.facts().trim())
                    .param("request", report ? null : trim(s.request())).param("amount", s.amount())
                    .param("harm", s.harmKnownOn() == null ? null : Date.valueOf(s.harmKnownOn()))
                    .param("anon", anonymous).param("pname", personalData.encrypt(trim(s.name())))
                    .param("phone", personalData.encrypt(trim(s.phone())))
                    .param("idno", personalData.encrypt(trim(s.idNumber())))
                    .param("paddr", personalData.encrypt(trim(s.address())))
                    .param("phoneHash", phoneHash)
                    .param("phone4Hash", personalData.phone4Hash(s.phone()))
                    .param("nameHash", personalData.hash("name", s.name()))
                    .param("at", Timestamp.from(clock.instant())).param("today", Date.valueOf(today))
                    .param("status", repeatOf != null ? "REPEAT" : "RECEIVED").param("acceptDue", acceptDue.sql())
                    .param("handleDue", report ? acceptDue.sql() : null).param("repeatOf", repeatOf)
                    .param("acceptDays", acceptDays).param("pending", acceptDue.pendingYear())
                    .param("ip", ip).param("by", createdBy)
                    .query((rs, n) -> new Inserted(rs.getLong(1), rs.getString(2), date(rs, 3))).optional().orElse(null);
            if (row != null) {
                audit.appended();
                return row;
            }
            if (attempt > 5) {
                throw new IllegalStateException("could not allocate a tracking code");
            }
        }
    }

    static String newTrackingCode(LocalDate today) {
        StringBuilder sb = new StringBuilder("T").append(today.format(DateTimeFormatter.BASIC_ISO_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            sb.append(CODE_CHARS[RANDOM.nextInt(CODE_CHARS.length)]);
        }
        return sb.toString();
    }

    private long idOf(String code) {
        return jdbc.sql("SELECT id FROM complaint_case WHERE tracking_code = :c").param("c", code).query(Long.class).single();
    }

    private LocalDate dueOf(long id) {
        return jdbc.sql("SELECT accept_due FROM complaint_case WHERE id = :id").param("id", id).query(Date.class)
                .optional().map(Date::toLocalDate).orElse(null);
    }

    /** Status and reply for the person holding the tracking code and the phone's last four digits. */
    public PublicStatus track(String code, String phone4) {
        if (code == null || !code.matches("T\\d{8}-[0-9A-Z]{6}")) {
            throw new ValidationException("trackingCode", Texts.msg("complaint.error.not-a-tracking-code"));
        }
        if (phone4 == null || !phone4.matches("\\d{4}")) {
            throw new ValidationException("phone4", Texts.msg("complaint.error.phone4"));
        }
        return jdbc.sql("""
                        SELECT c.tracking_code, c.type, c.status, c.received_on, c.replied_on, c.reply, c.accept_due,
                               u.name_zh, u.name_en, c.decided_on, c.refusal_ground, c.dispatched_on, c.handled_on,
                               c.visited_on
                        FROM complaint_case c JOIN platform_unit u ON u.id = c.unit_id
                        WHERE c.tracking_code = :code AND c.person_phone4_hash = :p4
                        """)
                .param("code", code).param("p4", personalData.hash("phone4", phone4))
                .query((rs, n) -> {
                    String status = rs.getString(3);
                    // the steps so far, from the dates the case keeps (demo and imported cases have no step history)
                    List<Dtos.PublicStep> steps = new ArrayList<>();
                    steps.add(new Dtos.PublicStep("RECEIVED", rs.getDate(4).toLocalDate()));
                    step(steps, rs.getString(11) != null ? "REFUSED" : "ACCEPTED", date(rs, 10));
                    step(steps, "DISPATCHED", date(rs, 12));
                    step(steps, "WITHDRAWN".equals(status) ? "WITHDRAWN" : "HANDLED", date(rs, 13));
                    step(steps, "REPLIED", date(rs, 5));
                    step(steps, "VISITED", date(rs, 14));
                    return new PublicStatus(rs.getString(1), rs.getString(2), status, rs.getDate(4).toLocalDate(),
                            date(rs, 5), rs.getString(6), date(rs, 7), rs.getString(8), rs.getString(9), List.copyOf(steps));
                })
                .optional().orElseThrow(() -> new NotFoundException("case"));
    }

    private static void step(List<Dtos.PublicStep> steps, String step, LocalDate on) {
        if (on != null) {
            steps.add(new Dtos.PublicStep(step, on));
        }
    }
}
