package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.complaint.internal.Dtos.Filter;
import org.qualitycity.complaint.internal.Dtos.RespondentView;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.PersonalDataRedactor;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.platform.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.qualitycity.complaint.internal.CaseRows.*;
import static org.qualitycity.complaint.internal.ComplaintService.*;


/** Reads of cases: one case (masked or unmasked, audited), the respondent's view, the list, the view record. */
@Service
class CaseReads {

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
            "due", RUNNING_DUE);


    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PersonalData personalData;
    private final CaseClock caseClock;

    CaseReads(JdbcClient jdbc, AuditLog audit, PersonalData personalData, CaseClock caseClock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.personalData = personalData;
        this.caseClock = caseClock;
    }

    record Row(Map<String, Object> cols) {
    }

    /** The case as its handlers see it (the unit scope only: what the user may act on). */
    Map<String, Object> load(long id, CurrentUser user, boolean lock) {
        return load(id, user, lock, false);
    }

    /**
     * The cases a user sees: those of the units in the user's scope and, for a unit-scoped user, the cases received
     * for a district in that scope that still wait at intake for dispatch (read-only there: the district sees its
     * new complaints at once, on the acceptance clock that runs from receipt).
     */
    static String visible(CurrentUser user, boolean awaiting) {
        var scope = user.scope("complaint");
        String own = scope.predicate("c.unit_id", "c.created_by");
        if (!awaiting || (scope.kind() != DataScope.Kind.UNIT && scope.kind() != DataScope.Kind.UNIT_AND_BELOW)) {
            return own;
        }
        return "(" + own + " OR (" + AWAITING_DISPATCH + " AND " + scope.predicate("c.district_unit_id", null) + "))";
    }

    /** A case not yet dispatched from intake to the unit that handles it. */
    static final String AWAITING_DISPATCH = "(c.dispatched_on IS NULL AND c.status IN ('RECEIVED', 'ACCEPTED'))";

    /** Whether the user sees the case only because it waits for dispatch to a district in the user's scope. */
    static boolean awaitingFor(CurrentUser user, Map<String, Object> row) {
        Object owner = row.get("created_by");
        return !user.scope("complaint").covers(((Number) row.get("unit_id")).longValue(), (String) row.get("unit_path"),
                owner == null ? null : ((Number) owner).longValue());
    }

    private Map<String, Object> load(long id, CurrentUser user, boolean lock, boolean awaiting) {
        var scope = user.scope("complaint");
        Map<String, Object> row = jdbc.sql(SELECT + " WHERE c.id = :id AND " + visible(user, awaiting)
                        + (lock ? " FOR UPDATE OF c" : ""))
                .params(scope.params()).param("id", id)
                .query((rs, n) -> rowMap(rs)).optional().orElseThrow(() -> new NotFoundException("case"));
        return decrypted(row);
    }


    /** The row with its personal data decrypted (in memory only). */
    Map<String, Object> decrypted(Map<String, Object> row) {
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
        Map<String, Object> row = load(id, user, false, true);
        boolean awaiting = awaitingFor(user, row);
        boolean may = !awaiting && mayUnmask(user, row);
        boolean masked = !(unmask && may);
        if (unmask && !may) {
            throw new org.springframework.security.access.AccessDeniedException(Texts.msg("complaint.error.not-handler"));
        }
        if (!masked) {
            audit.record("complaint", "case", id, (Long) row.get("unit_id"), "VIEW_PERSONAL", null,
                    Map.of("trackingCode", row.get("tracking_code"), "fields", "name,phone,idNumber,address"));
        } else if (row.get("person_phone_hash") != null || row.get("person_name") != null) {
            // the masked view of a case with a named person: part of the personal-data access report
            audit.record("complaint", "case", id, (Long) row.get("unit_id"), "VIEW_MASKED", null,
                    Map.of("trackingCode", row.get("tracking_code")));
        }
        return toView(row, masked, may, awaiting ? List.of() : signals(row), awaiting);
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
                    .param("since", Date.valueOf(caseClock.today().minusDays(30))).param("phone", phone)
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
        return list(f, q, user, true);
    }

    /** The list; {@code awaiting}: with the cases that wait for dispatch to a district in the user's scope. */
    public PageResult<CaseView> list(Filter f, ListQuery q, CurrentUser user, boolean awaiting) {
        return query(f, q, user, awaiting).page(jdbc, SELECT, (rs, n) -> {
            Map<String, Object> row = decrypted(rowMap(rs));
            return toView(row, true, false, List.of(), awaiting && awaitingFor(user, row));
        }, q);
    }

    /**
     * Every case of the filtered list in its order (at most {@link ListQuery#EXPORT_LIMIT}), for the export: personal
     * data masked as in the list; the free texts (facts, request, replies), which the export does not show, left out.
     */
    public List<CaseView> exportRows(Filter f, ListQuery q, CurrentUser user) {
        return query(f, q, user, true).all(jdbc, SELECT, (rs, n) -> {
            Map<String, Object> row = decrypted(rowMap(rs));
            for (String text : List.of("facts", "request", "refusal_text", "return_reason", "reply")) {
                row.put(text, null);
            }
            return toView(row, true, false, List.of(), awaitingFor(user, row));
        }, ListQuery.EXPORT_LIMIT);
    }

    private ListSql query(Filter f, ListQuery q, CurrentUser user, boolean awaiting) {
        ListSql list = ListSql.from("FROM complaint_case c JOIN platform_unit d ON d.id = c.district_unit_id")
                .where(visible(user, awaiting), user.scope("complaint").params());
        if (f != null) {
            list.filter("d.path LIKE (SELECT pu.path FROM platform_unit pu WHERE pu.code = :district) || '%'",
                            "district", f.district())
                    .filter("c.type = :type", "type", f.type())
                    .filter("c.status = :status", "status", f.status());
            if (!blank(f.q())) {
                String text = f.q().trim();
                list.where("c.tracking_code = :q OR c.respondent_name LIKE :qlike" + ListSql.ESCAPE_CLAUSE
                                + " OR c.person_phone_hash = :qphone")
                        .param("q", text)
                        .param("qphone", text.matches("[0-9+\\- ]{7,20}") ? personalData.phoneHash(f.q()) : "-")
                        .param("qlike", ListSql.containsPattern(text));
            }
            if (!blank(f.period())) {
                Period p = Period.parse(f.period());
                String col = blank(f.missed()) || f.missed().startsWith("ACCEPT") ? "c.received_on" : "c.handle_due";
                list.where(col + " BETWEEN :pfrom AND :pto")
                        .param("pfrom", Date.valueOf(p.start())).param("pto", Date.valueOf(p.end()));
            }
            if (!blank(f.missed())) {
                list.param("today", Date.valueOf(caseClock.today())).where(switch (f.missed()) {
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
            LocalDate today = caseClock.today();
            CaseClock.Due amber = caseClock.dueAfter(today, 3);
            // without the calendar of the next days: only what is certain (two calendar days are at most two working days)
            list.param("dlToday", Date.valueOf(today))
                    .param("dlAmber", Date.valueOf(amber.due() == null ? today.plusDays(2) : amber.due().minusDays(1)))
                    .where(due + switch (f.deadline()) {
                        case "RED" -> " < :dlToday";
                        case "AMBER" -> " BETWEEN :dlToday AND :dlAmber";
                        default -> " > :dlAmber";
                    });
        }
        // open cases first, the nearest (or passed) deadline first; closed ones after, newest first
        return list.orderBy(q, SORTS, "due", false, "c.id DESC");
    }

    CaseView toView(Map<String, Object> r, boolean masked, boolean may, List<String> signals) {
        return toView(r, masked, may, signals, false);
    }

    CaseView toView(Map<String, Object> r, boolean masked, boolean may, List<String> signals, boolean awaiting) {
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
                caseClock.deadline((String) r.get("status"), (String) r.get("type"), d(r, "accept_due"), d(r, "handle_due"),
                        d(r, "reply_due"), d(r, "paused_since")), signals, (Boolean) r.get("demo"), awaiting);
    }
}
