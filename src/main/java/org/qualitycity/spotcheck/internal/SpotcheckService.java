package org.qualitycity.spotcheck.internal;

import jakarta.validation.Valid;
import org.qualitycity.platform.Texts;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.plan.Plans;
import org.qualitycity.spotcheck.SpotcheckRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples, results, objections, re-tests and the follow-up of failed batches. Every record belongs to
 * the enterprise's unit at the time of sampling; scope is the enterprise scope of the register.
 */
@Service
public class SpotcheckService implements SpotcheckRecords {

    /** Days after the result notice within which an objection is accepted (the notice day not counted). */
    public static final int OBJECTION_DAYS = 15;
    public static final int RECTIFICATION_DAYS = 60;
    public static final int REINSPECTION_DAYS = 75;

    public static final Set<String> ELEMENTS = Set.of("P1_PASSED", "P1_TESTED", "P2_PASSED", "P2_TESTED",
            "P3_PASSED", "P3_TESTED", "P4_PASSED", "P4_TESTED");

    /** The sample filter of each pass-rate indicator (SQL over s = spotcheck_sample, c = spotcheck_category). */
    static final Map<String, String> INDICATOR_FILTER = Map.of(
            "P1", "TRUE",
            "P2", "s.inspection_type = 'SUPERVISION'",
            // key foods: the categories under the plan's words (P3's breakdown in the plan file), or the flagged ones
            "P3", "s.inspection_type = 'SUPERVISION' AND (CASE WHEN cardinality(CAST(:keyFoods AS text[])) = 0 "
                    + "THEN c.key_food ELSE c.plan_term = ANY(CAST(:keyFoods AS text[])) END)",
            // 地产农产品: edible agricultural products produced in the city
            "P4", "s.inspection_type = 'SUPERVISION' AND c.kind = 'AGRICULTURAL' AND s.local_origin");

    /** The plan's key-food words (P3's breakdown in the current plan), empty when the plan has none. */
    static String[] keyFoods(Plans plans) {
        return plans.indicator(plans.current().id(), "P3").map(d -> d.breakdown())
                .map(b -> b.valuesZh().toArray(String[]::new)).orElse(new String[0]);
    }

    public record NewSample(@NotBlank @Size(max = 18) String enterpriseCreditCode,
                            @NotBlank @Pattern(regexp = "SUPERVISION|ROUTINE|RISK", message = "{spotcheck.error.supervision-routine-or-risk}") String inspectionType,
                            @NotBlank @Size(max = 20) String categoryCode,
                            @Pattern(regexp = "PRODUCTION|CIRCULATION|ECOMMERCE", message = "{spotcheck.error.production-circulation-or-ecommerce}") String stage,
                            @NotBlank @Size(max = 200) String product,
                            @Size(max = 100) String brand,
                            @Size(max = 100) String model,
                            @NotBlank @Size(max = 60) String batchNo,
                            LocalDate productionDate,
                            @Size(max = 40) String quantity,
                            @NotNull @Size(min = 2, max = 10, message = "{spotcheck.error.at-least-two-samplers}") List<@NotBlank @Size(max = 50) @Pattern(regexp = "[^|]*") String> samplers,
                            @NotNull LocalDate sampledOn,
                            @Size(max = 200) String place,
                            Boolean refused,
                            @Size(max = 500) String refusalReason,
                            Long planId,
                            Boolean localOrigin) {

        /** A sampling without an origin (produced in the city, 地产). */
        public NewSample(String enterpriseCreditCode, String inspectionType, String categoryCode, String stage,
                         String product, String brand, String model, String batchNo, LocalDate productionDate,
                         String quantity, List<String> samplers, LocalDate sampledOn, String place, Boolean refused,
                         String refusalReason, Long planId) {
            this(enterpriseCreditCode, inspectionType, categoryCode, stage, product, brand, model, batchNo, productionDate,
                    quantity, samplers, sampledOn, place, refused, refusalReason, planId, null);
        }

        public boolean isRefusal() {
            return Boolean.TRUE.equals(refused);
        }
    }

    public record ItemResult(@NotBlank @Size(max = 200) String item, @Size(max = 200) String clause,
                             @Size(max = 200) String requirement, @Size(max = 200) String measured,
                             @NotBlank @Pattern(regexp = "PASS|FAIL", message = "{spotcheck.error.pass-or-fail}") String verdict) {
    }

    public record NewResult(@NotBlank @Size(max = 100) String lab, LocalDate noticeDate,
                            @NotEmpty(message = "{spotcheck.error.at-least-one-test-item}") List<@Valid ItemResult> items) {
    }

    public record NewObjection(@NotBlank @Size(max = 1000) String reason) {
    }

    public record NewReport(@NotBlank @Size(max = 4000) String report) {
    }

    public record NewReinspection(@NotBlank @Pattern(regexp = "PASS|FAIL", message = "{spotcheck.error.pass-or-fail-2}") String verdict) {
    }

    public record SampleView(long id, String sampleNo, String enterpriseCreditCode, String enterpriseName,
                             String unitCode, String unitName, String inspectionType, String categoryCode,
                             String categoryName, String categoryKind, boolean keyFood, String stage, String product,
                             String brand, String model, String batchNo, LocalDate productionDate, String quantity,
                             List<String> samplers, LocalDate sampledOn, String place, boolean refused,
                             String refusalReason, String lab, String firstVerdict, LocalDate noticeDate,
                             LocalDate objectionOn, String objectionReason, String retestLab, String retestVerdict,
                             LocalDate retestOn, String finalVerdict, boolean demo) {
        /** The enterprise may still object (a failed first result, no objection yet). */
        public boolean objectionOpen(LocalDate today) {
            return "FAIL".equals(firstVerdict) && objectionOn == null && noticeDate != null
                    && !today.isAfter(noticeDate.plusDays(OBJECTION_DAYS));
        }
    }

    public record ItemView(long id, boolean retest, String item, String clause, String requirement, String measured,
                           String verdict) {
    }

    public record FollowUp(LocalDate startedOn, boolean cancelled, LocalDate rectificationDue, String report,
                           LocalDate reportedOn, boolean rectificationOverdue, LocalDate reinspectionDue,
                           LocalDate reinspectedOn, String reinspectionVerdict, boolean reinspectionOverdue,
                           boolean flaggedForAnnouncement) {
    }

    public record SampleDetail(SampleView sample, List<ItemView> items, FollowUp followUp) {
    }

    public record FollowUpRow(SampleView sample, FollowUp followUp) {
    }

    private static final String FROM = """
            FROM spotcheck_sample s
            JOIN spotcheck_category c ON c.code = s.category_code
            JOIN enterprise e ON e.id = s.enterprise_id
            JOIN platform_unit u ON u.id = s.unit_id
            """;
    private static final String SELECT = """
            SELECT s.*, e.credit_code, e.name AS enterprise_name, u.code AS unit_code, u.name_zh AS unit_name,
                   u.name_en AS unit_name_en, c.name_zh AS category_name, c.name_en AS category_name_en,
                   c.kind AS category_kind, c.key_food
            """ + FROM;
    /** A sample still waiting for its result, or a failed batch whose rectification is not re-inspected yet. */
    private static final String OPEN = "(NOT s.refused AND s.final_verdict IS NULL OR EXISTS (SELECT 1 FROM "
            + "spotcheck_rectification r WHERE r.sample_id = s.id AND NOT r.cancelled AND r.reinspected_on IS NULL))";
    /** The default order: open samples first, the longest waiting first; then the others, newest first. */
    private static final String DUE = "(CASE WHEN " + OPEN + " THEN 0 ELSE 1 END), CASE WHEN " + OPEN
            + " THEN s.sampled_on END";
    private static final Map<String, String> SORTS = Map.of("sampledOn", "s.sampled_on", "sampleNo", "s.sample_no",
            "enterprise", "e.name", "product", "s.product", "verdict", "s.final_verdict", "unit", "u.sort_order",
            "due", DUE);

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Units units;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Plans plans;
    private final WorkflowSteps steps;

    SpotcheckService(JdbcClient jdbc, Enterprises enterprises, Units units, AuditLog audit,
                     ApplicationEventPublisher events, Clock clock, Plans plans, WorkflowSteps steps) {
        this.steps = steps;
        this.plans = plans;
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.units = units;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The column's English twin ({@code <column>_en}) on English screens, when it has one (issue 12). */
    static String inReadersLanguage(ResultSet rs, String column) throws SQLException {
        String zh = rs.getString(column);
        if (!"en".equals(org.qualitycity.platform.Texts.locale().getLanguage())) {
            return zh;
        }
        String en = rs.getString(column + "_en");
        return en == null || en.isBlank() ? zh : en;
    }

    static SampleView map(ResultSet rs, int i) throws SQLException {
        java.sql.Array arr = rs.getArray("samplers");
        List<String> samplers = arr == null ? List.of() : Arrays.asList((String[]) arr.getArray());
        return new SampleView(rs.getLong("id"), rs.getString("sample_no"), rs.getString("credit_code"),
                rs.getString("enterprise_name"), rs.getString("unit_code"), inReadersLanguage(rs, "unit_name"),
                rs.getString("inspection_type"), rs.getString("category_code"), inReadersLanguage(rs, "category_name"),
                rs.getString("category_kind"), rs.getBoolean("key_food"), rs.getString("stage"), rs.getString("product"),
                rs.getString("brand"), rs.getString("model"), rs.getString("batch_no"),
                rs.getObject("production_date", LocalDate.class), rs.getString("quantity"), samplers,
                rs.getObject("sampled_on", LocalDate.class), rs.getString("place"), rs.getBoolean("refused"),
                rs.getString("refusal_reason"), rs.getString("lab"), rs.getString("first_verdict"),
                rs.getObject("notice_date", LocalDate.class), rs.getObject("objection_on", LocalDate.class),
                rs.getString("objection_reason"), rs.getString("retest_lab"), rs.getString("retest_verdict"),
                rs.getObject("retest_on", LocalDate.class), rs.getString("final_verdict"), rs.getBoolean("demo"));
    }

    // ------------------------------------------------------------------ reads

    /** Filters of the sample list; every one optional. */
    public record Filter(String unit, String period, String indicator, String verdict, String enterprise,
                         String q, Boolean refused) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }
    }

    public PageResult<SampleView> list(Filter f, ListQuery q, CurrentUser user) {
        ListSql list = ListSql.from(FROM)
                .where(enterprises.scope(user, "spotcheck").predicate("s.enterprise_id", "s.unit_id"), enterprises.scope(user, "spotcheck").params());
        if (f.unit() != null && !f.unit().isBlank()) {
            list.startsWith("u.path", "unitPath", units.requireVisible(f.unit(), user, "spotcheck").path());
        }
        if (f.period() != null && !f.period().isBlank()) {
            Period period;
            try {
                period = Period.parse(f.period());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("period", Texts.msg("error.period"));
            }
            list.where("s.sampled_on BETWEEN :from AND :to").param("from", period.start()).param("to", period.end());
        }
        if (f.indicator() != null && !f.indicator().isBlank()) {
            String filter = INDICATOR_FILTER.get(f.indicator());
            if (filter == null) {
                throw new ValidationException("indicator", Texts.msg("spotcheck.error.one-of-p1-p2-p3-p4"));
            }
            list.where("NOT s.refused AND s.final_verdict IS NOT NULL AND " + filter);
            if (filter.contains(":keyFoods")) {
                list.param("keyFoods", keyFoods(plans));
            }
        }
        if (f.verdict() != null && !f.verdict().isBlank()) {
            if (!Set.of("PASS", "FAIL", "PENDING").contains(f.verdict())) {
                throw new ValidationException("verdict", Texts.msg("spotcheck.error.pass-fail-or-pending"));
            }
            if (f.verdict().equals("PENDING")) {
                list.where("NOT s.refused AND s.final_verdict IS NULL");
            } else {
                list.equal("s.final_verdict", "verdict", f.verdict());
            }
        }
        // open ones first (waiting for a result or a re-inspection), then newest first, unless the caller sorts
        return list.equal("s.refused", "refused", f.refused())
                .equal("e.credit_code", "ent", f.enterprise())
                .contains("text", f.q(), "s.product", "s.batch_no", "s.sample_no", "e.name")
                .orderBy(q, SORTS, "due", false, "s.sampled_on DESC, s.id")
                .page(jdbc, SELECT, SpotcheckService::map, q);
    }

    public SampleView sample(long id, CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user, "spotcheck");
        return jdbc.sql(SELECT + " WHERE s.id = :id AND " + scope.predicate("s.enterprise_id", "s.unit_id"))
                .param("id", id).params(scope.params()).query(SpotcheckService::map).optional()
                .orElseThrow(() -> new NotFoundException("sample " + id));
    }

    /** Whether the user's scope covers the sample (for attachment policies). */
    public boolean visible(long id, CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user, "spotcheck");
        return jdbc.sql("SELECT count(*) FROM spotcheck_sample s WHERE s.id = :id AND "
                        + scope.predicate("s.enterprise_id", "s.unit_id"))
                .param("id", id).params(scope.params()).query(Long.class).single() > 0;
    }

    public Long unitOf(long id) {
        return jdbc.sql("SELECT unit_id FROM spotcheck_sample WHERE id = :id").param("id", id).query(Long.class)
                .optional().orElse(null);
    }

    public SampleDetail detail(long id, CurrentUser user) {
        SampleView s = sample(id, user);
        List<ItemView> items = jdbc.sql("SELECT id, retest, item, clause, requirement, measured, verdict "
                        + "FROM spotcheck_result_item WHERE sample_id = :id ORDER BY retest, id").param("id", id)
                .query((rs, i) -> new ItemView(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7))).list();
        return new SampleDetail(s, items, followUp(id));
    }

    FollowUp followUp(long sampleId) {
        LocalDate today = today();
        return jdbc.sql("SELECT * FROM spotcheck_rectification WHERE sample_id = :id").param("id", sampleId)
                .query((rs, i) -> followUp(rs, today)).optional().orElse(null);
    }

    static FollowUp followUp(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate started = rs.getObject("started_on", LocalDate.class);
        boolean cancelled = rs.getBoolean("cancelled");
        LocalDate reported = rs.getObject("reported_on", LocalDate.class);
        LocalDate reinspected = rs.getObject("reinspected_on", LocalDate.class);
        LocalDate rectDue = started.plusDays(RECTIFICATION_DAYS);
        LocalDate reinDue = started.plusDays(REINSPECTION_DAYS);
        return new FollowUp(started, cancelled, rectDue, rs.getString("report"), reported,
                !cancelled && overdue(reported, rectDue, today), reinDue, reinspected,
                rs.getString("reinspection_verdict"), !cancelled && overdue(reinspected, reinDue, today),
                rs.getBoolean("flagged_public"));
    }

    /** A step is overdue when it is not done after its due day, or was done after it. */
    static boolean overdue(LocalDate done, LocalDate due, LocalDate today) {
        return done == null ? today.isAfter(due) : done.isAfter(due);
    }

    /** Follow-ups of failed batches in scope; overdue=true: only those with an overdue step. */
    public PageResult<FollowUpRow> followUps(boolean overdueOnly, ListQuery q, CurrentUser user) {
        LocalDate today = today();
        String from = FROM + " JOIN spotcheck_rectification r ON r.sample_id = s.id ";
        return ListSql.from(from)
                .where("NOT r.cancelled")
                .where(enterprises.scope(user, "spotcheck").predicate("s.enterprise_id", "s.unit_id"), enterprises.scope(user, "spotcheck").params())
                .when(overdueOnly, "(r.reported_on IS NULL AND :today > r.started_on + " + RECTIFICATION_DAYS
                        + ") OR r.reported_on > r.started_on + " + RECTIFICATION_DAYS
                        + " OR (r.reinspected_on IS NULL AND :today > r.started_on + " + REINSPECTION_DAYS
                        + ") OR r.reinspected_on > r.started_on + " + REINSPECTION_DAYS)
                .param("today", today)
                // open ones first (not re-inspected yet), the longest running (so the overdue ones) first; then the
                // finished ones, newest first
                .orderBy("(r.reinspected_on IS NOT NULL), CASE WHEN r.reinspected_on IS NULL THEN r.started_on END, "
                        + "r.started_on DESC, s.id")
                .page(jdbc, """
                        SELECT s.*, e.credit_code, e.name AS enterprise_name, u.code AS unit_code, u.name_zh AS unit_name,
                               u.name_en AS unit_name_en, c.name_zh AS category_name, c.name_en AS category_name_en,
                               c.kind AS category_kind, c.key_food,
                               r.started_on, r.cancelled, r.report, r.reported_on, r.reinspected_on,
                               r.reinspection_verdict, r.flagged_public
                        """ + from, (rs, i) -> new FollowUpRow(map(rs, i), followUp(rs, today)), q);
    }

    public List<Map<String, Object>> categories() {
        return jdbc.sql("SELECT code, name_zh, name_en, kind, key_food FROM spotcheck_category ORDER BY kind, code")
                .query().listOfRows();
    }

    // ------------------------------------------------------------------ plans

    public record NewPlan(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Min(2000)
                          @jakarta.validation.constraints.Max(2100) Integer year,
                          @NotBlank @Size(max = 200) String name,
                          @NotBlank @Pattern(regexp = "SUPERVISION|ROUTINE|RISK", message = "{spotcheck.error.supervision-routine-or-risk-2}") String inspectionType,
                          @Size(max = 100) String lab) {
    }

    public record PlanView(long id, int year, String name, String inspectionType, String lab, long samples) {
    }

    /** Sampling plans (city-wide) with how many samples each has so far. */
    public List<PlanView> plans(Integer year) {
        return jdbc.sql("SELECT p.id, p.year, p.name, p.inspection_type, p.lab, (SELECT count(*) FROM spotcheck_sample s "
                        + "WHERE s.plan_id = p.id) FROM spotcheck_plan p WHERE (CAST(:y AS int) IS NULL OR p.year = :y) "
                        + "ORDER BY p.year DESC, p.id").param("y", year)
                .query((rs, i) -> new PlanView(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6))).list();
    }

    @Transactional
    public PlanView createPlan(NewPlan req, CurrentUser user) {
        long id = jdbc.sql("INSERT INTO spotcheck_plan (year, name, inspection_type, lab, created_by) "
                        + "VALUES (:y, :n, :t, :l, :u) RETURNING id").param("y", req.year()).param("n", req.name().trim())
                .param("t", req.inspectionType()).param("l", req.lab()).param("u", user.id()).query(Long.class).single();
        PlanView v = new PlanView(id, req.year(), req.name().trim(), req.inspectionType(), req.lab(), 0);
        audit.record("spotcheck", "plan", id, null, "CREATE", null, v);
        return v;
    }

    // ------------------------------------------------------------------ writes

    @Transactional
    public SampleView create(NewSample req, CurrentUser user) {
        EnterpriseRef ent = enterprises.requireVisible(req.enterpriseCreditCode().trim(), user);
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        Set<String> samplers = new LinkedHashSet<>();
        req.samplers().forEach(s -> samplers.add(s.trim()));
        if (samplers.size() < 2) {
            problems.add(new ValidationException.FieldProblem("samplers",
                    Texts.msg("spotcheck.error.at-least-two-different-samplers")));
        }
        if (req.sampledOn().isAfter(today())) {
            problems.add(new ValidationException.FieldProblem("sampledOn", Texts.msg("spotcheck.error.must-not-be-in-the-future")));
        }
        if (req.productionDate() != null && req.productionDate().isAfter(req.sampledOn())) {
            problems.add(new ValidationException.FieldProblem("productionDate",
                    Texts.msg("spotcheck.error.must-not-be-after-the-sampling")));
        }
        if (req.isRefusal() && (req.refusalReason() == null || req.refusalReason().isBlank())) {
            problems.add(new ValidationException.FieldProblem("refusalReason",
                    Texts.msg("spotcheck.error.a-refusal-needs-a-reason")));
        }
        boolean category = jdbc.sql("SELECT count(*) FROM spotcheck_category WHERE code = :c")
                .param("c", req.categoryCode()).query(Long.class).single() > 0;
        if (!category) {
            problems.add(new ValidationException.FieldProblem("categoryCode", Texts.msg("spotcheck.error.unknown-category", req.categoryCode())));
        }
        if (req.planId() != null && jdbc.sql("SELECT count(*) FROM spotcheck_plan WHERE id = :p AND inspection_type = :t")
                .param("p", req.planId()).param("t", req.inspectionType()).query(Long.class).single() == 0) {
            problems.add(new ValidationException.FieldProblem("planId",
                    Texts.msg("spotcheck.error.no-such-plan-with-this-inspection", req.planId())));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long seq = jdbc.sql("SELECT count(*) + 1 FROM spotcheck_sample WHERE sample_no LIKE :p")
                .param("p", "SC" + req.sampledOn().getYear() + "-%").query(Long.class).single();
        String sampleNo;
        do {
            sampleNo = String.format("SC%d-%06d", req.sampledOn().getYear(), seq++);
        } while (jdbc.sql("SELECT count(*) FROM spotcheck_sample WHERE sample_no = :n").param("n", sampleNo)
                .query(Long.class).single() > 0);
        long id = jdbc.sql("""
                        INSERT INTO spotcheck_sample (sample_no, plan_id, enterprise_id, unit_id, inspection_type,
                            category_code, stage, product, brand, model, batch_no, production_date, quantity, samplers,
                            sampled_on, place, refused, refusal_reason, created_by, local_origin)
                        VALUES (:no, :plan, :ent, :unit, :type, :cat, :stage, :product, :brand, :model, :batch, :pd,
                            :qty, string_to_array(:samplers, '|'), :on, :place, :refused, :reason, :by, :local)
                        RETURNING id""")
                .param("no", sampleNo).param("plan", req.planId()).param("ent", ent.id()).param("unit", ent.unitId())
                .param("type", req.inspectionType()).param("cat", req.categoryCode())
                .param("stage", req.stage() == null || req.stage().isBlank() ? "PRODUCTION" : req.stage())
                .param("product", req.product().trim()).param("brand", req.brand()).param("model", req.model())
                .param("batch", req.batchNo().trim()).param("pd", req.productionDate()).param("qty", req.quantity())
                .param("samplers", String.join("|", samplers)).param("on", req.sampledOn())
                .param("place", req.place()).param("refused", req.isRefusal())
                .param("local", req.localOrigin() == null || req.localOrigin())
                .param("reason", req.isRefusal() ? req.refusalReason().trim() : null).param("by", user.id())
                .query(Long.class).single();
        SampleView view = sample(id, user);
        audit.record("spotcheck", "sample", id, ent.unitId(), req.isRefusal() ? "REFUSAL" : "CREATE", null, view);
        return view;
    }

    private SampleView forUpdate(long id, CurrentUser user) {
        SampleView s = sample(id, user);
        jdbc.sql("SELECT id FROM spotcheck_sample WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
        return sample(id, user);
    }

    private static String verdictOf(List<ItemResult> items) {
        return items.stream().allMatch(i -> i.verdict().equals("PASS")) ? "PASS" : "FAIL";
    }

    private void insertItems(long sampleId, boolean retest, List<ItemResult> items) {
        for (ItemResult i : items) {
            jdbc.sql("INSERT INTO spotcheck_result_item (sample_id, retest, item, clause, requirement, measured, verdict) "
                            + "VALUES (:s, :r, :item, :clause, :req, :m, :v)").param("s", sampleId).param("r", retest)
                    .param("item", i.item().trim()).param("clause", i.clause()).param("req", i.requirement())
                    .param("m", i.measured()).param("v", i.verdict()).update();
        }
    }

    private void changed(SampleView s) {
        events.publishEvent(new ComputedDataChanged(ELEMENTS, Set.of(s.sampledOn().getYear())));
        // issue 17: traceability turns the result into an inspecting event of the sampled batch
        jdbc.sql("SELECT enterprise_id, final_verdict FROM spotcheck_sample WHERE id = :id").param("id", s.id())
                .query((rs, n) -> new org.qualitycity.spotcheck.SampleResultRecorded(s.id(), s.sampleNo(),
                        rs.getLong(1), s.product(), s.batchNo(), s.sampledOn(), rs.getString(2)))
                .optional().filter(r -> r.verdict() != null).ifPresent(events::publishEvent);
    }

    /** The first test's result: items with verdicts; the batch passes only if every item passes. */
    @Transactional
    public SampleDetail recordResult(long id, NewResult req, CurrentUser user) {
        SampleView before = forUpdate(id, user);
        SampleWorkflow.TABLE.check(SampleWorkflow.stateOf(before), SampleWorkflow.Step.RESULT,
                new SampleWorkflow.Facts(before.firstVerdict()));
        LocalDate notice = req.noticeDate() == null ? today() : req.noticeDate();
        if (notice.isBefore(before.sampledOn()) || notice.isAfter(today())) {
            throw new ValidationException("noticeDate", Texts.msg("spotcheck.error.between-the-sampling-date-and-today"));
        }
        String verdict = verdictOf(req.items());
        SampleDetail after = step(before, SampleWorkflow.Step.RESULT, user, () -> {
            insertItems(id, false, req.items());
            jdbc.sql("UPDATE spotcheck_sample SET lab = :lab, first_verdict = :v, notice_date = :n WHERE id = :id")
                    .param("lab", req.lab().trim()).param("v", verdict).param("n", notice).param("id", id).update();
            if (verdict.equals("FAIL")) {
                jdbc.sql("INSERT INTO spotcheck_rectification (sample_id, started_on) VALUES (:id, :d)")
                        .param("id", id).param("d", notice).update();
            }
            return detail(id, user);
        });
        changed(before);
        return after;
    }

    /** A step of the sample's workflow through {@link WorkflowSteps}: the change, then history, audit and event. */
    private <T> T step(SampleView before, SampleWorkflow.Step step, CurrentUser user, java.util.function.Supplier<T> change) {
        Object[] after = new Object[1];
        steps.apply(SampleWorkflow.TABLE, before.id(), unitOf(before.id()), SampleWorkflow.stateOf(before), step,
                new SampleWorkflow.Facts(before.firstVerdict()), t -> {
                    after[0] = change.get();
                    return new WorkflowSteps.Change(before, after[0]);
                });
        @SuppressWarnings("unchecked")
        T result = (T) after[0];
        return result;
    }

    /** An objection to a failed result, within 15 days of the result notice (day 15 accepted, day 16 refused). */
    @Transactional
    public SampleView object(long id, NewObjection req, CurrentUser user) {
        SampleView before = forUpdate(id, user);
        SampleWorkflow.TABLE.check(SampleWorkflow.stateOf(before), SampleWorkflow.Step.OBJECTION,
                new SampleWorkflow.Facts(before.firstVerdict()));
        LocalDate today = today();
        LocalDate last = before.noticeDate().plusDays(OBJECTION_DAYS);
        if (today.isAfter(last)) {
            long day = ChronoUnit.DAYS.between(before.noticeDate(), today);
            throw new ValidationException("objection", Texts.msg("spotcheck.error.objection-period-ended",
                    before.noticeDate(), OBJECTION_DAYS, last, day));
        }
        return step(before, SampleWorkflow.Step.OBJECTION, user, () -> {
            jdbc.sql("UPDATE spotcheck_sample SET objection_on = :d, objection_reason = :r WHERE id = :id")
                    .param("d", today).param("r", req.reason().trim()).param("id", id).update();
            return sample(id, user);
        });
    }

    /** The re-test on the backup sample by a different lab; its result is final and replaces the first verdict. */
    @Transactional
    public SampleDetail retest(long id, NewResult req, CurrentUser user) {
        SampleView before = forUpdate(id, user);
        SampleWorkflow.TABLE.check(SampleWorkflow.stateOf(before), SampleWorkflow.Step.RETEST,
                new SampleWorkflow.Facts(before.firstVerdict()));
        if (before.lab() != null && before.lab().trim().equalsIgnoreCase(req.lab().trim())) {
            throw new ValidationException("lab", Texts.msg("spotcheck.error.the-re-test-must-be-done"));
        }
        String verdict = verdictOf(req.items());
        SampleDetail after = step(before, SampleWorkflow.Step.RETEST, user, () -> {
            insertItems(id, true, req.items());
            jdbc.sql("UPDATE spotcheck_sample SET retest_lab = :lab, retest_verdict = :v, retest_on = :d WHERE id = :id")
                    .param("lab", req.lab().trim()).param("v", verdict).param("d", today()).param("id", id).update();
            if (verdict.equals("PASS")) {
                jdbc.sql("UPDATE spotcheck_rectification SET cancelled = true WHERE sample_id = :id").param("id", id).update();
            }
            return detail(id, user);
        });
        changed(before);
        return after;
    }

    private FollowUp requireFollowUp(long id) {
        FollowUp f = followUp(id);
        if (f == null || f.cancelled()) {
            throw new ConflictException(Texts.msg("spotcheck.error.this-batch-has-no-follow-up"));
        }
        return f;
    }

    /** The enterprise's rectification report (evidence files are attachments of owner type "spotcheck-rectification"). */
    @Transactional
    public FollowUp report(long id, NewReport req, CurrentUser user) {
        sample(id, user);
        FollowUp before = requireFollowUp(id);
        if (before.reportedOn() != null) {
            throw new ConflictException(Texts.msg("spotcheck.error.the-rectification-report-was-already-submitted"));
        }
        jdbc.sql("UPDATE spotcheck_rectification SET report = :r, reported_on = :d, reported_by = :u WHERE sample_id = :id")
                .param("r", req.report().trim()).param("d", today()).param("u", user.id()).param("id", id).update();
        FollowUp after = followUp(id);
        audit.record("spotcheck", "rectification", id, unitOf(id), "REPORT", before, after);
        return after;
    }

    /** The report with one evidence file, in one transaction (the page form). */
    @Transactional
    public FollowUp reportWithEvidence(long id, NewReport req, org.springframework.web.multipart.MultipartFile file,
                                       org.qualitycity.files.Attachments attachments, CurrentUser user) {
        FollowUp after = report(id, req, user);
        if (file != null && !file.isEmpty()) {
            attachments.store(RectificationAttachmentPolicy.TYPE, id, file, user);
        }
        return after;
    }

    /** The re-inspection after rectification; a failed one is flagged for public announcement and case handling. */
    @Transactional
    public FollowUp reinspect(long id, NewReinspection req, CurrentUser user) {
        sample(id, user);
        FollowUp before = requireFollowUp(id);
        if (before.reinspectedOn() != null) {
            throw new ConflictException(Texts.msg("spotcheck.error.already-re-inspected"));
        }
        jdbc.sql("UPDATE spotcheck_rectification SET reinspected_on = :d, reinspection_verdict = :v, "
                        + "flagged_public = :flag WHERE sample_id = :id").param("d", today()).param("v", req.verdict())
                .param("flag", req.verdict().equals("FAIL")).param("id", id).update();
        FollowUp after = followUp(id);
        audit.record("spotcheck", "rectification", id, unitOf(id), "REINSPECTION", before, after);
        return after;
    }

    // ------------------------------------------------------------------ SpotcheckRecords

    @Override
    public List<FailedBatch> failedBatches(long enterpriseId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT id, sample_no, product, batch_no, sampled_on FROM spotcheck_sample "
                        + "WHERE enterprise_id = :e AND final_verdict = 'FAIL' AND sampled_on BETWEEN :f AND :t "
                        + "ORDER BY sampled_on, id").param("e", enterpriseId).param("f", from).param("t", to)
                .query((rs, i) -> new FailedBatch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class))).list();
    }

    @Override
    public int testedBatches(long enterpriseId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT count(*) FROM spotcheck_sample WHERE enterprise_id = :e AND final_verdict IS NOT NULL "
                        + "AND sampled_on BETWEEN :f AND :t").param("e", enterpriseId).param("f", from).param("t", to)
                .query(Integer.class).single();
    }

    @Override
    public List<Long> enterprisesWithMostFailedBatches(int limit) {
        return jdbc.sql("SELECT enterprise_id FROM spotcheck_sample WHERE final_verdict = 'FAIL' "
                + "GROUP BY enterprise_id ORDER BY count(*) DESC, enterprise_id LIMIT :n").param("n", limit)
                .query(Long.class).list();
    }

    @Override
    public List<OverdueStep> overdueSteps(long enterpriseId, LocalDate from, LocalDate asOf) {
        List<OverdueStep> out = new ArrayList<>();
        jdbc.sql("SELECT s.id, s.sample_no, r.* FROM spotcheck_rectification r JOIN spotcheck_sample s ON s.id = r.sample_id "
                        + "WHERE s.enterprise_id = :e AND NOT r.cancelled AND r.started_on BETWEEN :f AND :t ORDER BY r.started_on")
                .param("e", enterpriseId).param("f", from).param("t", asOf)
                .query((rs, i) -> {
                    FollowUp f = followUp(rs, asOf);
                    if (f.rectificationOverdue()) {
                        out.add(new OverdueStep(rs.getLong(1), rs.getString(2), "RECTIFICATION", f.rectificationDue()));
                    }
                    if (f.reinspectionOverdue()) {
                        out.add(new OverdueStep(rs.getLong(1), rs.getString(2), "REINSPECTION", f.reinspectionDue()));
                    }
                    return 0;
                }).list();
        return out;
    }
}
