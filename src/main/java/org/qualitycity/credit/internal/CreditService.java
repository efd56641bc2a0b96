package org.qualitycity.credit.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.credit.CreditGrade;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.spotcheck.SpotcheckRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades from rules (table credit_rule; defaults in V16_1): base score, points per failed batch in the
 * last 12 months, per overdue rectification, per penalty, per honour, a bonus for a clean history;
 * thresholds for A, B, C; an enterprise on the serious-violation list is D whatever its score.
 */
@Service
public class CreditService {

    public record RuleView(String code, int points, String description) {
    }

    public record EventView(long id, String kind, LocalDate occurredOn, String description, String reference) {
    }

    public record NewEvent(@NotBlank @Pattern(regexp = "PENALTY|HONOUR", message = "{credit.error.kind}") String kind,
                           @NotNull LocalDate occurredOn, @NotBlank @Size(max = 1000) String description,
                           @Size(max = 100) String reference) {
    }

    public record BlacklistView(long id, String creditCode, String enterpriseName, String unitCode, String decisionNo,
                                String legalBasis, String reason, String approvedBy, LocalDate listedOn,
                                LocalDate until, LocalDate removedOn, String removalReason) {
    }

    public record NewListing(@NotBlank @Size(max = 18) String creditCode, @NotBlank @Size(max = 100) String decisionNo,
                             @NotBlank @Size(max = 1000) String legalBasis, @NotBlank @Size(max = 1000) String reason,
                             @NotBlank @Size(max = 100) String approvedBy, LocalDate listedOn, Integer years) {
    }

    public record NewRepair(@NotBlank @Size(max = 2000) String commitment, @NotBlank @Size(max = 2000) String evidence) {
    }

    public record Decision(@NotNull Boolean approve, @Size(max = 1000) String note) {
    }

    public record RepairView(long id, long blacklistId, LocalDate appliedOn, String commitment, String evidence,
                             String status, LocalDate decidedOn, String decisionNote) {
    }

    public record CreditRecord(CreditGrade grade, List<EventView> events, List<BlacklistView> listings,
                               List<RepairView> repairs) {
    }

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final SpotcheckRecords spotchecks;
    private final AuditLog audit;
    private final Clock clock;

    CreditService(JdbcClient jdbc, Enterprises enterprises, SpotcheckRecords spotchecks, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.spotchecks = spotchecks;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public List<RuleView> rules() {
        return jdbc.sql("SELECT code, points, description FROM credit_rule ORDER BY code")
                .query((rs, i) -> new RuleView(rs.getString(1), rs.getInt(2), ruleText(rs.getString(1), rs.getString(3))))
                .list();
    }

    /**
     * A rule's description in the reader's language: the stored message key (V16_230), else credit.rule.CODE; the
     * stored text for a rule without a key.
     */
    static String ruleText(String code, String stored) {
        String key = "credit.rule." + code;
        String text = Texts.msg(key);
        return key.equals(text) ? Texts.renderStored(stored) : text;
    }

    @Transactional
    public RuleView setRule(String code, int points, CurrentUser user) {
        RuleView before = rules().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("rule " + code));
        if (points < -100 || points > 100 && !code.equals("BASE")) {
            throw new ValidationException("points", "-100 … 100");
        }
        jdbc.sql("UPDATE credit_rule SET points = :p WHERE code = :c").param("p", points).param("c", code).update();
        RuleView after = new RuleView(code, points, before.description());
        audit.record("credit", "rule", code, null, "UPDATE", before, after);
        return after;
    }

    /** The grade of a visible enterprise today. */
    public CreditGrade grade(EnterpriseRef e) {
        LocalDate asOf = today();
        Map<String, RuleView> rules = new LinkedHashMap<>();
        rules().forEach(r -> rules.put(r.code(), r));
        List<CreditGrade.Reason> reasons = new ArrayList<>();
        int score = rules.get("BASE").points();
        reasons.add(new CreditGrade.Reason("BASE", score, rules.get("BASE").description(), null));
        LocalDate yearAgo = asOf.minusYears(1).plusDays(1);
        var failed = spotchecks.failedBatches(e.id(), yearAgo, asOf);
        for (var f : failed) {
            int p = rules.get("FAILED_BATCH").points();
            score += p;
            reasons.add(new CreditGrade.Reason("FAILED_BATCH", p, rules.get("FAILED_BATCH").description(),
                    Texts.msg("credit.reason.failed-batch", f.sampleNo(), f.product(), f.batchNo(), f.sampledOn())));
        }
        for (var o : spotchecks.overdueSteps(e.id(), asOf.minusYears(1), asOf)) {
            if (!o.step().equals("RECTIFICATION")) {
                continue; // re-inspection is the authority's step, not the enterprise's
            }
            int p = rules.get("OVERDUE_RECTIFICATION").points();
            score += p;
            reasons.add(new CreditGrade.Reason("OVERDUE_RECTIFICATION", p,
                    rules.get("OVERDUE_RECTIFICATION").description(), Texts.msg("credit.reason.overdue", o.sampleNo(), o.dueOn())));
        }
        for (EventView ev : events(e.id())) {
            boolean penalty = ev.kind().equals("PENALTY");
            LocalDate from = penalty ? yearAgo : asOf.minusYears(3).plusDays(1);
            if (ev.occurredOn().isBefore(from) || ev.occurredOn().isAfter(asOf)) {
                continue;
            }
            RuleView r = rules.get(ev.kind());
            score += r.points();
            reasons.add(new CreditGrade.Reason(ev.kind(), r.points(), r.description(),
                    ev.description() + (ev.reference() == null ? "" : " " + ev.reference()) + " (" + ev.occurredOn() + ")"));
        }
        if (failed.isEmpty() && spotchecks.testedBatches(e.id(), yearAgo, asOf) >= 3) {
            int p = rules.get("CLEAN_HISTORY").points();
            score += p;
            reasons.add(new CreditGrade.Reason("CLEAN_HISTORY", p, rules.get("CLEAN_HISTORY").description(), null));
        }
        String grade = score >= rules.get("GRADE_A").points() ? "A"
                : score >= rules.get("GRADE_B").points() ? "B"
                : score >= rules.get("GRADE_C").points() ? "C" : "D";
        for (BlacklistView b : listings(e.id())) {
            if (active(b, asOf)) {
                grade = "D";
                reasons.add(new CreditGrade.Reason("BLACKLISTED", 0, Texts.msg("credit.rule.BLACKLISTED"),
                        b.decisionNo() + " " + b.listedOn() + " – " + b.until()));
            }
        }
        return new CreditGrade(e.id(), e.creditCode(), asOf, score, grade, reasons);
    }

    static boolean active(BlacklistView b, LocalDate asOf) {
        return b.removedOn() == null && !b.until().isBefore(asOf) && !b.listedOn().isAfter(asOf);
    }

    List<EventView> events(long enterpriseId) {
        return jdbc.sql("SELECT id, kind, occurred_on, description, reference FROM credit_event WHERE enterprise_id = :e "
                        + "ORDER BY occurred_on DESC, id DESC").param("e", enterpriseId)
                .query((rs, i) -> new EventView(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5))).list();
    }

    private static final String BLACKLIST_SELECT = """
            SELECT b.*, e.credit_code, e.name AS enterprise_name, u.code AS unit_code
            FROM credit_blacklist b JOIN enterprise e ON e.id = b.enterprise_id JOIN platform_unit u ON u.id = e.unit_id
            """;

    private static BlacklistView mapListing(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new BlacklistView(rs.getLong("id"), rs.getString("credit_code"), rs.getString("enterprise_name"),
                rs.getString("unit_code"), rs.getString("decision_no"), rs.getString("legal_basis"),
                rs.getString("reason"), rs.getString("approved_by"), rs.getObject("listed_on", LocalDate.class),
                rs.getObject("until", LocalDate.class), rs.getObject("removed_on", LocalDate.class),
                Texts.renderStored(rs.getString("removal_reason")));
    }

    List<BlacklistView> listings(long enterpriseId) {
        return jdbc.sql(BLACKLIST_SELECT + " WHERE b.enterprise_id = :e ORDER BY b.listed_on DESC, b.id DESC")
                .param("e", enterpriseId).query(CreditService::mapListing).list();
    }

    List<RepairView> repairs(long enterpriseId) {
        return jdbc.sql("SELECT r.* FROM credit_repair r JOIN credit_blacklist b ON b.id = r.blacklist_id "
                        + "WHERE b.enterprise_id = :e ORDER BY r.id DESC").param("e", enterpriseId)
                .query((rs, i) -> new RepairView(rs.getLong("id"), rs.getLong("blacklist_id"),
                        rs.getObject("applied_on", LocalDate.class), rs.getString("commitment"), rs.getString("evidence"),
                        rs.getString("status"), rs.getObject("decided_on", LocalDate.class), rs.getString("decision_note")))
                .list();
    }

    public CreditRecord record(String creditCode, CurrentUser user) {
        EnterpriseRef e = enterprises.requireVisible(creditCode, user);
        return new CreditRecord(grade(e), events(e.id()), listings(e.id()), repairs(e.id()));
    }

    @Transactional
    public EventView addEvent(String creditCode, NewEvent req, CurrentUser user) {
        EnterpriseRef e = enterprises.requireVisible(creditCode, user);
        if (req.occurredOn().isAfter(today())) {
            throw new ValidationException("occurredOn", Texts.msg("credit.error.future"));
        }
        CreditGrade before = grade(e);
        long id = jdbc.sql("INSERT INTO credit_event (enterprise_id, kind, occurred_on, description, reference, created_by) "
                        + "VALUES (:e, :k, :d, :t, :r, :u) RETURNING id").param("e", e.id()).param("k", req.kind())
                .param("d", req.occurredOn()).param("t", req.description().trim()).param("r", req.reference())
                .param("u", user.id()).query(Long.class).single();
        EventView v = new EventView(id, req.kind(), req.occurredOn(), req.description().trim(), req.reference());
        audit.record("credit", "event", id, e.unitId(), "CREATE", Map.of("grade", before.grade()),
                Map.of("event", v, "grade", grade(e).grade()));
        return v;
    }

    /** Lists an enterprise by decision (default period three years). */
    @Transactional
    public BlacklistView list(NewListing req, CurrentUser user) {
        EnterpriseRef e = enterprises.requireVisible(req.creditCode().trim(), user);
        LocalDate listed = req.listedOn() == null ? today() : req.listedOn();
        int years = req.years() == null ? 3 : req.years();
        if (years < 1 || years > 10) {
            throw new ValidationException("years", "1–10");
        }
        boolean already = listings(e.id()).stream().anyMatch(b -> active(b, today()));
        if (already) {
            throw new ConflictException(Texts.msg("credit.error.listed"));
        }
        long id = jdbc.sql("INSERT INTO credit_blacklist (enterprise_id, decision_no, legal_basis, reason, approved_by, "
                        + "listed_on, until, created_by) VALUES (:e, :n, :b, :r, :a, :l, :u, :by) RETURNING id")
                .param("e", e.id()).param("n", req.decisionNo().trim()).param("b", req.legalBasis().trim())
                .param("r", req.reason().trim()).param("a", req.approvedBy().trim()).param("l", listed)
                .param("u", listed.plusYears(years)).param("by", user.id()).query(Long.class).single();
        BlacklistView v = listing(id);
        audit.record("credit", "blacklist", id, e.unitId(), "LIST", null, v);
        return v;
    }

    BlacklistView listing(long id) {
        return jdbc.sql(BLACKLIST_SELECT + " WHERE b.id = :id").param("id", id).query(CreditService::mapListing)
                .optional().orElseThrow(() -> new NotFoundException("listing " + id));
    }

    private BlacklistView visibleListing(long id, CurrentUser user) {
        BlacklistView b = listing(id);
        enterprises.requireVisible(b.creditCode(), user);
        return b;
    }

    /** Listings in the user's scope (active only unless all=true). */
    public List<BlacklistView> listings(CurrentUser user, boolean all) {
        return org.qualitycity.platform.ListSql.from("FROM credit_blacklist b JOIN enterprise e ON e.id = b.enterprise_id")
                .where(enterprises.scope(user, "credit").predicate("e.id", "e.unit_id"), enterprises.scope(user, "credit").params())
                .when(!all, "b.removed_on IS NULL AND b.until >= :today").param("today", today())
                .orderBy("b.listed_on DESC, b.id DESC")
                .rows(jdbc, BLACKLIST_SELECT, CreditService::mapListing, 1000, 0);
    }

    /** The public list: active listings only. */
    public List<BlacklistView> publicList() {
        return jdbc.sql(BLACKLIST_SELECT + " WHERE b.removed_on IS NULL AND b.until >= :today AND b.listed_on <= :today "
                        + "ORDER BY b.listed_on DESC, b.id DESC LIMIT 1000").param("today", today())
                .query(CreditService::mapListing).list();
    }

    /** A credit-repair application: possible after at least one year on the list. */
    @Transactional
    public RepairView apply(long blacklistId, NewRepair req, CurrentUser user) {
        BlacklistView b = visibleListing(blacklistId, user);
        if (!active(b, today())) {
            throw new ConflictException(Texts.msg("credit.error.removed"));
        }
        LocalDate earliest = b.listedOn().plusYears(1);
        if (today().isBefore(earliest)) {
            throw new ValidationException("blacklistId", Texts.msg("credit.error.repair-too-early", earliest));
        }
        boolean pending = jdbc.sql("SELECT count(*) FROM credit_repair WHERE blacklist_id = :b AND status = 'PENDING'")
                .param("b", blacklistId).query(Long.class).single() > 0;
        if (pending) {
            throw new ConflictException(Texts.msg("credit.error.repair-pending"));
        }
        long id = jdbc.sql("INSERT INTO credit_repair (blacklist_id, applied_on, commitment, evidence, created_by) "
                        + "VALUES (:b, :d, :c, :e, :u) RETURNING id").param("b", blacklistId).param("d", today())
                .param("c", req.commitment().trim()).param("e", req.evidence().trim()).param("u", user.id())
                .query(Long.class).single();
        RepairView v = repair(id);
        audit.record("credit", "repair", id, unitOf(b), "APPLY", null, v);
        return v;
    }

    private Long unitOf(BlacklistView b) {
        return jdbc.sql("SELECT unit_id FROM enterprise WHERE credit_code = :c").param("c", b.creditCode())
                .query(Long.class).single();
    }

    RepairView repair(long id) {
        return jdbc.sql("SELECT * FROM credit_repair WHERE id = :id").param("id", id)
                .query((rs, i) -> new RepairView(rs.getLong("id"), rs.getLong("blacklist_id"),
                        rs.getObject("applied_on", LocalDate.class), rs.getString("commitment"), rs.getString("evidence"),
                        rs.getString("status"), rs.getObject("decided_on", LocalDate.class), rs.getString("decision_note")))
                .optional().orElseThrow(() -> new NotFoundException("repair " + id));
    }

    /** Review decision; approval removes the listing early. */
    @Transactional
    public RepairView decide(long repairId, Decision req, CurrentUser user) {
        RepairView before = repair(repairId);
        BlacklistView b = visibleListing(before.blacklistId(), user);
        if (!before.status().equals("PENDING")) {
            throw new ConflictException(Texts.msg("credit.error.decided"));
        }
        String status = req.approve() ? "APPROVED" : "REJECTED";
        jdbc.sql("UPDATE credit_repair SET status = :s, decided_on = :d, decided_by = :u, decision_note = :n WHERE id = :id")
                .param("s", status).param("d", today()).param("u", user.id()).param("n", req.note())
                .param("id", repairId).update();
        if (req.approve()) {
            jdbc.sql("UPDATE credit_blacklist SET removed_on = :d, removal_reason = :r WHERE id = :id")
                    .param("d", today()).param("r", Text.of("credit.removal.repair", repairId).toJson()).param("id", b.id()).update();
            audit.record("credit", "blacklist", b.id(), unitOf(b), "REMOVE", b, listing(b.id()));
        }
        RepairView after = repair(repairId);
        audit.record("credit", "repair", repairId, unitOf(b), status, before, after);
        return after;
    }
    // ---- issue 12 staff: the staff pages' reads and the removal from the list (the API uses the same methods)

    /** The filters of the staff list of listings: q (name or credit code), status ACTIVE (default), REMOVED or ALL. */
    public record ListingFilter(String q, String status) {
    }

    /** Taking an enterprise off the list by decision, before its period ends. */
    public record Removal(@NotBlank @Size(max = 400) String reason) {
    }

    /** A repair application with the listing it is for (the decision list). */
    public record RepairRow(RepairView repair, BlacklistView listing) {
    }

    private static final java.util.Map<String, String> LISTING_SORTS = java.util.Map.of(
            "listedOn", "b.listed_on", "until", "b.until", "enterprise", "e.name");

    /** Listings in the user's scope, filtered and paged. */
    public org.qualitycity.platform.PageResult<BlacklistView> listings(CurrentUser user, ListingFilter f,
                                                                       org.qualitycity.platform.ListQuery q) {
        String status = f.status() == null || f.status().isBlank() ? "ACTIVE" : f.status();
        if (!java.util.List.of("ACTIVE", "REMOVED", "ALL").contains(status)) {
            throw new ValidationException("status", Texts.msg("error.one-of", "ACTIVE, REMOVED, ALL"));
        }
        var scope = enterprises.scope(user, "credit");
        return org.qualitycity.platform.ListSql.from("FROM credit_blacklist b JOIN enterprise e ON e.id = b.enterprise_id "
                        + "JOIN platform_unit u ON u.id = e.unit_id")
                .where(scope.predicate("e.id", "e.unit_id"), scope.params())
                .containsIgnoringCase("q", f.q(), "e.name", "e.credit_code", "b.decision_no")
                .when(status.equals("ACTIVE"), "b.removed_on IS NULL AND b.until >= :today")
                .when(status.equals("REMOVED"), "(b.removed_on IS NOT NULL OR b.until < :today)")
                .param("today", today())
                .orderBy(q, LISTING_SORTS, "listedOn", true, "b.id")
                .page(jdbc, BLACKLIST_SELECT, CreditService::mapListing, q);
    }

    /** A listing the user may see ({@link NotFoundException} otherwise). */
    public BlacklistView visibleListingOf(long id, CurrentUser user) {
        return visibleListing(id, user);
    }

    /** Whether a listing is in force today. */
    public boolean activeToday(BlacklistView b) {
        return active(b, today());
    }

    /** Takes an enterprise off the list by decision, with the reason; the listing keeps its history. */
    @Transactional
    public BlacklistView remove(long id, Removal req, CurrentUser user) {
        BlacklistView before = visibleListing(id, user);
        if (!active(before, today())) {
            throw new ConflictException(Texts.msg("credit.error.removed"));
        }
        jdbc.sql("UPDATE credit_blacklist SET removed_on = :d, removal_reason = :r WHERE id = :id")
                .param("d", today()).param("r", req.reason().trim()).param("id", id).update();
        BlacklistView after = listing(id);
        audit.record("credit", "blacklist", id, unitOf(before), "REMOVE", before, after);
        return after;
    }

    private static RepairView mapRepair(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RepairView(rs.getLong("repair_id"), rs.getLong("id"), rs.getObject("applied_on", LocalDate.class),
                rs.getString("commitment"), rs.getString("evidence"), rs.getString("repair_status"),
                rs.getObject("decided_on", LocalDate.class), rs.getString("decision_note"));
    }

    /** Repair applications in the user's scope by status (PENDING by default, or APPROVED, REJECTED, ALL), oldest first. */
    public org.qualitycity.platform.PageResult<RepairRow> repairs(CurrentUser user, String status,
                                                                 org.qualitycity.platform.ListQuery q) {
        String s = status == null || status.isBlank() ? "PENDING" : status;
        if (!java.util.List.of("PENDING", "APPROVED", "REJECTED", "ALL").contains(s)) {
            throw new ValidationException("status", Texts.msg("error.one-of", "PENDING, APPROVED, REJECTED, ALL"));
        }
        var scope = enterprises.scope(user, "credit");
        return org.qualitycity.platform.ListSql.from("FROM credit_repair r JOIN credit_blacklist b ON b.id = r.blacklist_id "
                        + "JOIN enterprise e ON e.id = b.enterprise_id JOIN platform_unit u ON u.id = e.unit_id")
                .where(scope.predicate("e.id", "e.unit_id"), scope.params())
                .equal("r.status", "status", s.equals("ALL") ? null : s)
                .orderBy("r.applied_on, r.id")
                .page(jdbc, "SELECT b.*, e.credit_code, e.name AS enterprise_name, u.code AS unit_code, r.id AS repair_id, "
                                + "r.applied_on, r.commitment, r.evidence, r.status AS repair_status, r.decided_on, "
                                + "r.decision_note FROM credit_repair r JOIN credit_blacklist b ON b.id = r.blacklist_id "
                                + "JOIN enterprise e ON e.id = b.enterprise_id JOIN platform_unit u ON u.id = e.unit_id",
                        (rs, i) -> new RepairRow(mapRepair(rs), mapListing(rs, i)), q);
    }

    /** A repair application with its listing, if the user may see it ({@link NotFoundException} otherwise). */
    public RepairRow repairOf(long id, CurrentUser user) {
        RepairView r = repair(id);
        return new RepairRow(r, visibleListing(r.blacklistId(), user));
    }

    /** The penalties, honours, listings and repairs of a visible enterprise (the enterprise detail's credit history). */
    public record CreditHistory(List<EventView> events, List<BlacklistView> listings, List<RepairView> repairs) {
    }

    CreditHistory history(EnterpriseRef e) {
        return new CreditHistory(events(e.id()), listings(e.id()), repairs(e.id()));
    }
}
