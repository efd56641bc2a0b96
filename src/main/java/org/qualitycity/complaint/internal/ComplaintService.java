package org.qualitycity.complaint.internal;

import org.qualitycity.calendar.CalendarCoverage;
import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.complaint.RefusalGround;
import org.qualitycity.complaint.internal.Dtos.Action;
import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.complaint.internal.Dtos.Deadline;
import org.qualitycity.complaint.internal.Dtos.Filter;
import org.qualitycity.complaint.internal.Dtos.PublicStatus;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.RespondentView;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.indicator.Period;
import org.qualitycity.jobs.ScheduledRuns;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.PersonalDataRedactor;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Intake, the legal clock, the workflow and the protected views of complaints and reports. */
@Service
public class ComplaintService {

    static final ZoneId BEIJING = org.qualitycity.platform.ApplicationZone.ZONE;
    static final int ACCEPT_DAYS = 7;
    static final int REPORT_CHECK_DAYS = 15;
    static final int MEDIATION_DAYS = 60;
    static final int REPLY_DAYS = 7;
    static final Set<String> ELEMENTS = Set.of("CMP_RECEIVED", "CMP_ACCEPTED", "CMP_DUE", "CMP_HANDLED", "CMP_REPLIED",
            "CMP_ACCEPTED_ON_TIME", "CMP_HANDLED_ON_TIME", "CMP_REPLIED_ON_TIME");
    private static final String INTAKE_UNIT = "421200-SCJG";
    private static final char[] CODE_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String SELECT = """
            SELECT c.*, d.code AS district_code, d.name_zh AS district_name, u.code AS unit_code,
                   u.name_zh AS unit_name, u.path AS unit_path, l.tracking_code AS linked_code,
                   r.tracking_code AS repeat_code
            FROM complaint_case c
            JOIN platform_unit d ON d.id = c.district_unit_id
            JOIN platform_unit u ON u.id = c.unit_id
            LEFT JOIN complaint_case l ON l.id = c.linked_case_id
            LEFT JOIN complaint_case r ON r.id = c.repeat_of_id
            """;
    /** The running deadline of an open case: acceptance, handling (not while paused) or reply. */
    static final String RUNNING_DUE = "(CASE c.status WHEN 'RECEIVED' THEN c.accept_due WHEN 'ACCEPTED' THEN "
            + "(CASE WHEN c.paused_since IS NULL THEN c.handle_due END) WHEN 'HANDLED' THEN c.reply_due END)";

    private static final Map<String, String> SORTS = Map.of("receivedAt", "c.received_at", "trackingCode",
            "c.tracking_code", "status", "c.status", "respondent", "c.respondent_name",
            "due", RUNNING_DUE + " NULLS LAST");

    private final JdbcClient jdbc;
    private final Units units;
    private final WorkingDayCalendar calendar;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScheduledRuns runs;
    private final CalendarCoverage coverage;
    private final MessageSource messages;
    private final PersonalData personalData;

    ComplaintService(JdbcClient jdbc, Units units, WorkingDayCalendar calendar, AuditLog audit,
                     Notifications notifications, ApplicationEventPublisher events, Clock clock,
                     ScheduledRuns runs, CalendarCoverage coverage, MessageSource messages, PersonalData personalData) {
        this.messages = messages;
        this.coverage = coverage;
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.runs = runs;
        this.units = units;
        this.calendar = calendar;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    public LocalDate todayPublic() {
        return today();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(BEIJING));
    }

    /**
     * A deadline in working days, or why it cannot be computed yet. The legal clock never guesses: when counting
     * reaches a year whose holiday arrangement is not loaded the deadline is pending ({@code due} null,
     * {@code pendingYear} the year), the calendar administrators are warned, and the deadline is computed when the
     * year is loaded ({@link ComplaintCalendarListener}).
     */
    record Due(LocalDate due, Integer pendingYear) {
        static Due of(LocalDate d) {
            return new Due(d, null);
        }

        Date sql() {
            return due == null ? null : Date.valueOf(due);
        }
    }

    /** The end of {@code n} working days after {@code from}; throws when the calendar lacks a year it reaches. */
    LocalDate addWorkingDays(LocalDate from, int n) {
        return calendar.addWorkingDays(from, n);
    }

    /** The end of {@code n} working days after {@code from}, or pending when the calendar lacks a year it reaches. */
    Due dueAfter(LocalDate from, int n) {
        try {
            return Due.of(calendar.addWorkingDays(from, n));
        } catch (CalendarYearMissingException e) {
            coverage.warnMissing(e.year(), "calendar.coverage.reason.deadline");
            return new Due(null, e.year());
        }
    }

    /** Working days from a to b, or null when a year between them is not loaded (never an estimate). */
    Integer workingDaysBetween(LocalDate a, LocalDate b) {
        try {
            return calendar.workingDaysBetween(a, b);
        } catch (CalendarYearMissingException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ intake

    /**
     * Registers a submission: validates the rules that depend on the type, computes the deadlines,
     * splits a mixed submission into two linked cases and links a repeat report to the original.
     */
    @Transactional
    public Receipt submit(Submission s, String channel, String ip, CurrentUser staff) {
        Long createdBy = staff == null ? null : staff.id();
        List<FieldProblem> problems = new ArrayList<>();
        if (s.website() != null && !s.website().isEmpty()) {
            problems.add(new FieldProblem("website", "must be empty"));
        }
        boolean complaint = !"REPORT".equals(s.type());
        if (complaint) {
            if (blank(s.name())) {
                problems.add(new FieldProblem("name", "is required for a complaint"));
            }
            if (blank(s.phone())) {
                problems.add(new FieldProblem("phone", "is required for a complaint"));
            }
            if (blank(s.request())) {
                problems.add(new FieldProblem("request", "is required for a complaint"));
            }
        }
        LocalDate today = today();
        if (s.harmKnownOn() != null && s.harmKnownOn().isAfter(today)) {
            problems.add(new FieldProblem("harmKnownOn", "must not be in the future"));
        }
        Unit district = units.byCode(s.district()).filter(Unit::isArea).orElse(null);
        if (district == null) {
            problems.add(new FieldProblem("district", "unknown district"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        // staff entries (hotline, walk-in window) stay with the operator's unit; the public's go to the city 12315 centre
        long intakeUnit = staff != null ? staff.unitId() : units.byCode(INTAKE_UNIT).orElseThrow().id();
        if ("BOTH".equals(s.type())) {
            long c = insert(s, "COMPLAINT", channel, ip, createdBy, district, intakeUnit, today, null);
            Receipt report = submitReport(s, channel, ip, createdBy, district, intakeUnit, today);
            long r = idOf(report.trackingCode());
            jdbc.sql("UPDATE complaint_case SET linked_case_id = :r WHERE id = :c").param("r", r).param("c", c).update();
            jdbc.sql("UPDATE complaint_case SET linked_case_id = :c WHERE id = :r AND linked_case_id IS NULL")
                    .param("r", r).param("c", c).update();
            String code = codeOf(c);
            return new Receipt(code, report.trackingCode(), "COMPLAINT", today, dueOf(c), false);
        }
        if ("REPORT".equals(s.type())) {
            return submitReport(s, channel, ip, createdBy, district, intakeUnit, today);
        }
        // no ComputedDataChanged here: a new case enters no W2 element until it is decided or overdue
        long id = insert(s, "COMPLAINT", channel, ip, createdBy, district, intakeUnit, today, null);
        return new Receipt(codeOf(id), null, "COMPLAINT", today, dueOf(id), false);
    }

    /**
     * A report by the same reporter (phone) against the same respondent while the first is still open:
     * the same facts are linked as a repeat and not handled again; new facts are merged into the open
     * case and restart its clock (Art 35).
     */
    private Receipt submitReport(Submission s, String channel, String ip, Long createdBy, Unit district,
                                 long intakeUnit, LocalDate today) {
        if (!blank(s.phone())) {
            var open = jdbc.sql("""
                            SELECT id, facts FROM complaint_case
                            WHERE type = 'REPORT' AND repeat_of_id IS NULL AND person_phone_hash = :phone
                              AND lower(respondent_name) = lower(:resp)
                              AND status IN ('RECEIVED', 'ACCEPTED')
                            ORDER BY id LIMIT 1 FOR UPDATE
                            """)
                    .param("phone", personalData.phoneHash(s.phone())).param("resp", s.respondentName().trim())
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).optional();
            if (open.isPresent()) {
                long originalId = open.get().getKey();
                boolean sameFacts = normalise(open.get().getValue()).contains(normalise(s.facts()));
                if (!sameFacts) {
                    String merged = open.get().getValue() + "\n【" + today + " 补充】" + s.facts();
                    Due due = dueAfter(today, REPORT_CHECK_DAYS);
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
                long id = insert(s, "REPORT", channel, ip, createdBy, district, intakeUnit, today, originalId);
                return new Receipt(codeOf(id), null, "REPORT", today, dueOf(originalId), true);
            }
        }
        long id = insert(s, "REPORT", channel, ip, createdBy, district, intakeUnit, today, null);
        return new Receipt(codeOf(id), null, "REPORT", today, dueOf(id), false);
    }

    private long insert(Submission s, String type, String channel, String ip, Long createdBy, Unit district,
                        long intakeUnit, LocalDate today, Long repeatOf) {
        boolean report = "REPORT".equals(type);
        int acceptDays = report ? REPORT_CHECK_DAYS : ACCEPT_DAYS;
        Due acceptDue = dueAfter(today, acceptDays);
        boolean anonymous = report && blank(s.name()) && blank(s.phone());
        for (int attempt = 0; ; attempt++) {
            String code = newTrackingCode(today);
            Long id = jdbc.sql("""
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
                            RETURNING id
                            """)
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
                    .param("phoneHash", personalData.phoneHash(s.phone()))
                    .param("phone4Hash", personalData.phone4Hash(s.phone()))
                    .param("nameHash", personalData.hash("name", s.name()))
                    .param("at", Timestamp.from(clock.instant())).param("today", Date.valueOf(today))
                    .param("status", repeatOf != null ? "REPEAT" : "RECEIVED").param("acceptDue", acceptDue.sql())
                    .param("handleDue", report ? acceptDue.sql() : null).param("repeatOf", repeatOf)
                    .param("acceptDays", acceptDays).param("pending", acceptDue.pendingYear())
                    .param("ip", ip).param("by", createdBy)
                    .query(Long.class).optional().orElse(null);
            if (id != null) {
                audit.record("complaint", "case", id, intakeUnit, repeatOf != null ? "CREATE_REPEAT" : "CREATE", null,
                        Map.of("trackingCode", code, "type", type, "channel", channel, "district", district.code(),
                                "acceptDue", acceptDue.due() == null ? "PENDING_CALENDAR_" + acceptDue.pendingYear()
                                        : acceptDue.due().toString()));
                return id;
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

    private String codeOf(long id) {
        return jdbc.sql("SELECT tracking_code FROM complaint_case WHERE id = :id").param("id", id).query(String.class).single();
    }

    private LocalDate dueOf(long id) {
        return jdbc.sql("SELECT accept_due FROM complaint_case WHERE id = :id").param("id", id).query(Date.class)
                .optional().map(Date::toLocalDate).orElse(null);
    }

    /** Status and reply for the person holding the tracking code and the phone's last four digits. */
    public PublicStatus track(String code, String phone4) {
        if (code == null || !code.matches("T\\d{8}-[0-9A-Z]{6}")) {
            throw new ValidationException("trackingCode", "not a tracking code");
        }
        if (phone4 == null || !phone4.matches("\\d{4}")) {
            throw new ValidationException("phone4", "the last four digits of the phone number");
        }
        return jdbc.sql("""
                        SELECT tracking_code, type, status, received_on, replied_on, reply FROM complaint_case
                        WHERE tracking_code = :code AND person_phone4_hash = :p4
                        """)
                .param("code", code).param("p4", personalData.hash("phone4", phone4))
                .query((rs, n) -> new PublicStatus(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), date(rs, 5), rs.getString(6)))
                .optional().orElseThrow(() -> new NotFoundException("case"));
    }

    // ------------------------------------------------------------------------------------------ reads

    record Row(Map<String, Object> cols) {
    }

    private Map<String, Object> load(long id, CurrentUser user, boolean lock) {
        var scope = user.scope();
        Map<String, Object> row = jdbc.sql(SELECT + " WHERE c.id = :id AND " + scope.predicate("c.unit_id", "c.created_by")
                        + (lock ? " FOR UPDATE OF c" : ""))
                .params(scope.params()).param("id", id)
                .query((rs, n) -> rowMap(rs)).optional().orElseThrow(() -> new NotFoundException("case"));
        return decrypted(row);
    }

    private static Map<String, Object> rowMap(ResultSet rs) throws SQLException {
        Map<String, Object> m = new HashMap<>();
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            m.put(md.getColumnLabel(i), rs.getObject(i));
        }
        return m;
    }

    /** The row with its personal data decrypted (in memory only). */
    private Map<String, Object> decrypted(Map<String, Object> row) {
        for (String k : PERSONAL_COLUMNS) {
            row.put(k, personalData.decrypt((String) row.get(k)));
        }
        return row;
    }

    static final List<String> PERSONAL_COLUMNS = List.of("person_name", "person_phone", "person_id_number",
            "person_address");

    /** Whether the user handles the case (its unit or above in its branch, with the handle permission) or supervises. */
    static boolean mayUnmask(CurrentUser user, Map<String, Object> row) {
        if (user.can("complaint:case:supervise")) {
            return true;
        }
        String unitPath = (String) row.get("unit_path");
        return user.can("complaint:case:handle") && unitPath != null && unitPath.startsWith(user.unitPath());
    }

    /** One case; personal data is unmasked only when asked for by its handler or supervisor, and that view is audited. */
    @Transactional
    public CaseView view(long id, boolean unmask, CurrentUser user) {
        Map<String, Object> row = load(id, user, false);
        boolean may = mayUnmask(user, row);
        boolean masked = !(unmask && may);
        if (unmask && !may) {
            throw new org.springframework.security.access.AccessDeniedException("not the handler or supervisor");
        }
        if (!masked) {
            audit.record("complaint", "case", id, (Long) row.get("unit_id"), "VIEW_PERSONAL", null,
                    Map.of("trackingCode", row.get("tracking_code"), "fields", "name,phone,idNumber,address"));
        } else if (row.get("person_phone_hash") != null || row.get("person_name") != null) {
            // the masked view of a case with a named person: part of the personal-data access report
            audit.record("complaint", "case", id, (Long) row.get("unit_id"), "VIEW_MASKED", null,
                    Map.of("trackingCode", row.get("tracking_code")));
        }
        return toView(row, masked, may, signals(row));
    }

    /** The view for the respondent: never the identity of the complainant or reporter (Art 37). */
    public RespondentView respondentView(long id, CurrentUser user) {
        Map<String, Object> r = load(id, user, false);
        return new RespondentView((String) r.get("tracking_code"), (String) r.get("type"), (String) r.get("category"),
                (String) r.get("respondent_name"), (String) r.get("respondent_address"),
                redact((String) r.get("facts"), r), redact((String) r.get("request"), r), (java.math.BigDecimal) r.get("amount"), (String) r.get("status"),
                ((Date) r.get("received_on")).toLocalDate());
    }

    /**
     * Free text as it may leave through a public or masked view: personal data found by pattern (phones,
     * ID and card numbers, e-mail addresses) and the case's own person name, phone, ID number and address
     * removed, in case the submitter wrote them into the text.
     */
    static String redact(String text, Map<String, Object> r) {
        return PersonalDataRedactor.redact(text, ownValues(r));
    }

    static List<String> ownValues(Map<String, Object> r) {
        List<String> own = new ArrayList<>();
        for (String k : List.of("person_name", "person_phone", "person_id_number", "person_address")) {
            if (r.get(k) instanceof String v) {
                own.add(v);
            }
        }
        return own;
    }

    /** Professional-claimant signals (Art 17): flagged for the handler, never a refusal by themselves. */
    private List<String> signals(Map<String, Object> row) {
        String phone = (String) row.get("person_phone_hash");
        List<String> s = new ArrayList<>();
        if (phone != null) {
            var counts = jdbc.sql("""
                            SELECT count(*) FILTER (WHERE received_on >= CAST(:since AS date)),
                                   count(DISTINCT person_name_hash),
                                   count(*) FILTER (WHERE lower(respondent_name) = lower(:resp)
                                                      AND received_on >= CAST(:since AS date))
                            FROM complaint_case WHERE person_phone_hash = :phone AND repeat_of_id IS NULL
                            """)
                    .param("since", Date.valueOf(today().minusDays(30))).param("phone", phone)
                    .param("resp", row.get("respondent_name"))
                    .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
            if (counts[0] >= 5) {
                s.add("MANY_BY_PHONE");
            }
            if (counts[1] >= 2) {
                s.add("PHONE_SHARED");
            }
            if (counts[2] >= 3) {
                s.add("MANY_AGAINST_RESPONDENT");
            }
        }
        return s;
    }

    public PageResult<CaseView> list(Filter f, ListQuery q, CurrentUser user) {
        var scope = user.scope();
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder where = new StringBuilder(" WHERE " + scope.predicate("c.unit_id", "c.created_by"));
        if (f != null) {
            if (!blank(f.district())) {
                where.append(" AND d.path LIKE (SELECT pu.path FROM platform_unit pu WHERE pu.code = :district) || '%'");
                params.put("district", f.district());
            }
            if (!blank(f.type())) {
                where.append(" AND c.type = :type");
                params.put("type", f.type());
            }
            if (!blank(f.status())) {
                where.append(" AND c.status = :status");
                params.put("status", f.status());
            }
            if (!blank(f.q())) {
                where.append(" AND (c.tracking_code = :q OR c.respondent_name LIKE :qlike OR c.person_phone_hash = :qphone)");
                params.put("q", f.q().trim());
                params.put("qphone", f.q().trim().matches("[0-9+\\- ]{7,20}") ? personalData.phoneHash(f.q()) : "-");
                params.put("qlike", "%" + f.q().trim().replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (!blank(f.period())) {
                Period p = Period.parse(f.period());
                params.put("pfrom", Date.valueOf(p.start()));
                params.put("pto", Date.valueOf(p.end()));
                String col = blank(f.missed()) || f.missed().startsWith("ACCEPT") ? "c.received_on" : "c.handle_due";
                where.append(" AND ").append(col).append(" BETWEEN :pfrom AND :pto");
            }
            if (!blank(f.missed())) {
                params.put("today", Date.valueOf(today()));
                where.append(" AND ").append(switch (f.missed()) {
                    case "ACCEPT" -> W2Sql.RECEIVED + " AND NOT " + W2Sql.ACCEPTED;
                    case "ACCEPT_LATE" -> W2Sql.RECEIVED + " AND NOT (" + W2Sql.ACCEPTED_ON_TIME + ")";
                    case "HANDLE" -> W2Sql.DUE + " AND NOT " + W2Sql.HANDLED;
                    case "HANDLE_LATE" -> W2Sql.DUE + " AND NOT (" + W2Sql.HANDLED_ON_TIME + ")";
                    case "REPLY" -> W2Sql.DUE + " AND " + W2Sql.HANDLED + " AND NOT " + W2Sql.REPLIED;
                    default -> W2Sql.DUE + " AND " + W2Sql.HANDLED + " AND NOT (" + W2Sql.REPLIED_ON_TIME + ")";
                });
            }
        }
        if (f != null && !blank(f.deadline())) {
            // the running deadline of an open case; amber: due within two working days, red: passed
            String due = RUNNING_DUE;
            LocalDate today = today();
            params.put("dlToday", Date.valueOf(today));
            Due amber = dueAfter(today, 3);
            // without the calendar of the next days: only what is certain (two calendar days are at most two working days)
            params.put("dlAmber", Date.valueOf(amber.due() == null ? today.plusDays(2) : amber.due().minusDays(1)));
            where.append(" AND ").append(due).append(switch (f.deadline()) {
                case "RED" -> " < :dlToday";
                case "AMBER" -> " BETWEEN :dlToday AND :dlAmber";
                default -> " > :dlAmber";
            });
        }
        String from = " FROM complaint_case c JOIN platform_unit d ON d.id = c.district_unit_id ";
        long total = jdbc.sql("SELECT count(*)" + from + where).params(params).query(Long.class).single();
        ListQuery effective = q.sort() == null || q.sort().isBlank() ? new ListQuery(q.page(), q.size(), "receivedAt", "desc") : q;
        List<CaseView> rows = jdbc.sql(SELECT + where.toString().replace(" WHERE ", " WHERE ")
                        + effective.orderBy(SORTS, "receivedAt", "c.id DESC") + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", q.pageSize()).param("offset", q.offset())
                .query((rs, n) -> toView(decrypted(rowMap(rs)), true, false, List.of())).list();
        return new PageResult<>(rows, q.pageNumber(), q.pageSize(), total);
    }

    CaseView toView(Map<String, Object> r, boolean masked, boolean may, List<String> signals) {
        String name = (String) r.get("person_name");
        String phone = (String) r.get("person_phone");
        String idNo = (String) r.get("person_id_number");
        String addr = (String) r.get("person_address");
        String facts = (String) r.get("facts");
        String request = (String) r.get("request");
        String refusalText = (String) r.get("refusal_text");
        String returnReason = (String) r.get("return_reason");
        String reply = (String) r.get("reply");
        if (masked) {
            facts = redact(facts, r);
            request = redact(request, r);
            refusalText = redact(refusalText, r);
            returnReason = redact(returnReason, r);
            reply = redact(reply, r);
            name = Masking.name(name);
            phone = Masking.phone(phone);
            idNo = Masking.idNumber(idNo);
            addr = Masking.address(addr);
        }
        return new CaseView(((Number) r.get("id")).longValue(), (String) r.get("tracking_code"), (String) r.get("type"),
                (String) r.get("channel"), (String) r.get("category"), (String) r.get("subcategory"),
                (String) r.get("respondent_name"), (String) r.get("respondent_address"),
                (String) r.get("respondent_credit_code"), (String) r.get("district_code"), (String) r.get("district_name"),
                (String) r.get("unit_code"), (String) r.get("unit_name"), facts,
                request, (java.math.BigDecimal) r.get("amount"), d(r, "harm_known_on"),
                (Boolean) r.get("anonymous"), name, phone, idNo, addr, masked, may,
                ((Timestamp) r.get("received_at")).toInstant(), d(r, "received_on"), (String) r.get("status"),
                d(r, "accept_due"), d(r, "decided_on"), (String) r.get("refusal_ground"), refusalText,
                d(r, "dispatched_on"), returnReason, d(r, "paused_since"),
                ((Number) r.get("paused_days")).intValue(), d(r, "handle_due"), (Boolean) r.get("check_extended"),
                d(r, "handled_on"), (String) r.get("outcome"), (java.math.BigDecimal) r.get("money_recovered"),
                d(r, "reply_due"), d(r, "replied_on"), reply, d(r, "visited_on"),
                (String) r.get("satisfaction"), (Boolean) r.get("reopened"), (String) r.get("linked_code"),
                r.get("linked_case_id") == null ? null : ((Number) r.get("linked_case_id")).longValue(),
                (String) r.get("repeat_code"),
                r.get("repeat_of_id") == null ? null : ((Number) r.get("repeat_of_id")).longValue(),
                deadline((String) r.get("status"), (String) r.get("type"), d(r, "accept_due"), d(r, "handle_due"),
                        d(r, "reply_due"), d(r, "paused_since")), signals, (Boolean) r.get("demo"));
    }

    static final String PENDING = "PENDING";

    /** The deadline that runs now, with amber two working days before it and red once it has passed. */
    Deadline deadline(String status, String type, LocalDate acceptDue, LocalDate handleDue, LocalDate replyDue,
                      LocalDate pausedSince) {
        String kind;
        LocalDate due;
        switch (status) {
            case "RECEIVED" -> {
                kind = "REPORT".equals(type) ? "CHECK" : "ACCEPT";
                due = acceptDue;
            }
            case "ACCEPTED" -> {
                kind = "REPORT".equals(type) ? "CHECK" : "MEDIATION";
                due = handleDue;
            }
            case "HANDLED" -> {
                kind = "REPLY";
                due = replyDue;
            }
            default -> {
                return null;
            }
        }
        if (due == null) {
            // a working-day deadline that reaches a year without a loaded calendar: pending, never guessed
            boolean pending = "RECEIVED".equals(status) || "HANDLED".equals(status) || "REPORT".equals(type);
            return pending ? new Deadline(kind, null, null, PENDING, false) : null;
        }
        if (pausedSince != null) {
            return new Deadline(kind, due, null, "GREEN", true);
        }
        LocalDate today = today();
        Integer left = workingDaysBetween(today, due);
        if (left == null) {
            // today and the due date are known; the working days between them are not: decide on certain facts
            // only (at most two calendar days left is at most two working days left)
            String state = today.isAfter(due) ? "RED" : ChronoUnit.DAYS.between(today, due) <= 2 ? "AMBER" : "GREEN";
            return new Deadline(kind, due, null, state, false);
        }
        String state = today.isAfter(due) ? "RED" : left <= 2 ? "AMBER" : "GREEN";
        return new Deadline(kind, due, left, state, false);
    }

    // ------------------------------------------------------------------------------------------ workflow

    @Transactional
    public CaseView act(long id, Action a, CurrentUser user) {
        Map<String, Object> r = load(id, user, true);
        String status = (String) r.get("status");
        String type = (String) r.get("type");
        LocalDate today = today();
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
                Due due = dueAfter(d(r, "accept_from"), days);
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
                Due replyDue = dueAfter(today, REPLY_DAYS);
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
        return toView(load(id, user, false), true, mayUnmask(user, r), List.of());
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

    // ------------------------------------------------------------------------------------------ deadline sweep

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
            Deadline dl = deadline((String) r.get("status"), (String) r.get("type"), d(r, "accept_due"),
                    d(r, "handle_due"), d(r, "reply_due"), d(r, "paused_since"));
            if (dl == null || "GREEN".equals(dl.state()) || PENDING.equals(dl.state())
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
        jdbc.sql("DELETE FROM complaint_rate WHERE window_start < :old")
                .param("old", Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(2)))).update();
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
                Due due = dueAfter(d(r, "accept_from"), ((Number) r.get("accept_days")).intValue());
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
                Due due = dueAfter(d(r, "handled_on"), REPLY_DAYS);
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

    // ------------------------------------------------------------------------------------------ helpers

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    private static String normalise(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\uFF0C\\u3002,.!\\uFF01\\uFF1F?\\uFF1B;\\uFF1A:\\u3001\"\\u201C\\u201D'\\u2018\\u2019]", "").toLowerCase();
    }

    private static LocalDate d(Map<String, Object> r, String col) {
        Object o = r.get(col);
        return o == null ? null : ((Date) o).toLocalDate();
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }
}
