package org.qualitycity.engineering.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.qualitycity.engineering.AwardRecorded;
import org.qualitycity.enterprise.EnterpriseRef;
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
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Construction projects and their supervision records: every read and write checked against {@link ProjectScope}
 * (a project outside it does not exist for the caller), every change audited; changes that move E1–E6 publish
 * {@link ComputedDataChanged} for the years they touch.
 */
@Service
public class ProjectService {

    public static final String KINDS = "PUBLIC_BUILDING|RESIDENTIAL|AFFORDABLE_HOUSING|INDUSTRIAL|INFRASTRUCTURE";
    public static final String ROLES = "CONSTRUCTION_UNIT|BUILDER|SUPERVISOR|DESIGNER|SURVEYOR";
    public static final List<String> KIND_LIST = List.of(KINDS.split("\\|"));
    public static final List<String> ROLE_LIST = List.of(ROLES.split("\\|"));
    public static final List<String> STATUS_LIST = List.of("PLANNED", "UNDER_CONSTRUCTION", "STOPPED", "COMPLETED",
            "ACCEPTED", "FILED");
    public static final List<String> SIZE_LIST = List.of("LARGE", "MEDIUM", "SMALL");
    public static final List<String> GRADE_LIST = List.of("GENERAL", "LARGER", "MAJOR", "EXTRAORDINARY");
    public static final List<String> AWARD_LIST = List.of("LUBAN", "CHUTIAN", "OTHER");

    // ------------------------------------------------------------------ requests and views

    /** A participant named by its unified social credit code in the enterprise register. */
    public record ParticipantRef(@NotBlank @Pattern(regexp = ROLES, message = "{engineering.error.role}") String role,
                                 @NotBlank @Size(max = 18) String creditCode) {
    }

    /** A new project; investment in 10 000 yuan (万元), floor area in m². */
    public record NewProject(@NotBlank @Size(max = 40) String projectNo,
                             @NotBlank @Size(max = 200) String name,
                             @NotBlank @Size(max = 32) String unitCode,
                             @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
                             @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
                             @NotBlank @Pattern(regexp = KINDS, message = "{engineering.error.kind}") String kind,
                             @NotNull @PositiveOrZero @DecimalMax("999999999") BigDecimal investment,
                             @NotNull @PositiveOrZero @DecimalMax("999999999") BigDecimal floorArea,
                             LocalDate permitDate, LocalDate startDate, LocalDate plannedCompletion,
                             LocalDate actualCompletion,
                             @Size(max = 100) String energyStandard,
                             @Pattern(regexp = "PENDING|PASSED|FAILED", message = "{engineering.error.energy-review}") String energyReview,
                             @Pattern(regexp = "PLANNED|UNDER_CONSTRUCTION|COMPLETED", message = "{engineering.error.initial-status}") String status,
                             @Size(max = 20) List<@Valid @NotNull ParticipantRef> participants) {
    }

    public record ProjectView(long id, String projectNo, String name, String unitCode, String kind, String sizeClass,
                              BigDecimal investment, BigDecimal floorArea, BigDecimal latitude, BigDecimal longitude,
                              LocalDate permitDate, LocalDate startDate, LocalDate plannedCompletion,
                              LocalDate actualCompletion, String energyStandard, String energyReview, String status,
                              LocalDate filedOn, String filingNo, Boolean firstAcceptancePassed, boolean demo) {
    }

    public record ParticipantView(String role, String creditCode, String name) {
    }

    public record NewInspection(@NotNull LocalDate inspectedOn, @NotBlank @Size(max = 100) String inspector,
                                @NotBlank @Size(max = 2000) String findings,
                                @NotBlank @Pattern(regexp = "NONE|RECTIFICATION|STOP_WORK", message = "{engineering.error.outcome}") String outcome,
                                LocalDate deadline) {
    }

    public record InspectionView(long id, LocalDate inspectedOn, String inspector, String findings, String outcome) {
    }

    public record NoticeView(long id, long inspectionId, String kind, LocalDate issuedOn, LocalDate deadline,
                             LocalDate closedOn, String closureNote) {
    }

    public record Closure(@NotNull LocalDate closedOn, @NotBlank @Size(max = 1000) String note) {
    }

    public record NewAcceptance(@NotNull LocalDate acceptedOn, @NotNull Boolean passed, @Size(max = 1000) String note) {
    }

    public record AcceptanceView(long id, int attempt, LocalDate acceptedOn, boolean passed, String note) {
    }

    public record Filing(@NotNull LocalDate filedOn, @NotBlank @Size(max = 60) String filingNo) {
    }

    public record NewAccident(@NotNull Long projectId,
                              @NotBlank @Pattern(regexp = "GENERAL|LARGER|MAJOR|EXTRAORDINARY", message = "{engineering.error.grade}") String grade,
                              @NotNull LocalDate occurredOn,
                              @NotNull @PositiveOrZero @DecimalMax("999999999") BigDecimal directLoss,
                              @Min(0) @Max(100000) Integer deaths, @Min(0) @Max(100000) Integer injuries,
                              @NotBlank @Size(max = 2000) String description,
                              @Size(max = 2000) String investigationResult) {
    }

    public record AccidentView(long id, long projectId, String projectNo, String projectName, String unitCode,
                               String grade, LocalDate occurredOn, BigDecimal directLoss, int deaths, int injuries,
                               String description, String investigationResult, boolean demo) {
    }

    public record NewAward(@NotNull Long projectId,
                           @NotBlank @Pattern(regexp = "LUBAN|CHUTIAN|OTHER", message = "{engineering.error.award-kind}") String kind,
                           @NotBlank @Size(max = 200) String title,
                           @NotNull @Min(1987) @Max(2999) Integer year,
                           @NotNull LocalDate awardedOn,
                           @Size(max = 20) List<@NotBlank @Size(max = 18) String> enterpriseCodes) {
    }

    public record AwardView(long id, long projectId, String projectNo, String projectName, String unitCode, String kind,
                            String title, int year, LocalDate awardedOn, List<ParticipantView> enterprises,
                            boolean demo) {
    }

    public record ProjectDetail(ProjectView project, List<ParticipantView> participants,
                                List<InspectionView> inspections, List<NoticeView> notices,
                                List<AcceptanceView> acceptances, List<AccidentView> accidents,
                                List<AwardView> awards) {
    }

    /** Filters of the project list; {@code indicator} with {@code period} selects the records behind an E value. */
    public record Filter(String q, String unit, String kind, String size, String status, String indicator,
                         String period, String firstResult, Boolean passed, String energyReview) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null, null, null);
        }
    }

    // ------------------------------------------------------------------ SQL

    private static final String SELECT = """
            SELECT p.id, p.project_no, p.name, u.code AS unit_code, p.kind, c.size_class, p.investment, p.floor_area,
                   p.latitude, p.longitude, p.permit_date, p.start_date, p.planned_completion, p.actual_completion,
                   p.energy_standard, p.energy_review, p.status, p.filed_on, p.filing_no,
                   (SELECT a.passed FROM engineering_acceptance a WHERE a.project_id = p.id AND a.attempt = 1) AS first_passed,
                   p.demo
            """;
    private static final String FROM = """
            FROM engineering_project p JOIN platform_unit u ON u.id = p.unit_id
                 JOIN engineering_project_class c ON c.id = p.id""";
    private static final Map<String, String> SORTS = Map.of("projectNo", "p.project_no", "name", "p.name",
            "unit", "u.sort_order", "kind", "p.kind", "status", "p.status", "startDate", "p.start_date",
            "permitDate", "p.permit_date");
    private static final String FIRST_ACCEPTED_IN = "EXISTS (SELECT 1 FROM engineering_acceptance fa WHERE "
            + "fa.project_id = p.id AND fa.attempt = 1 AND fa.accepted_on BETWEEN :pStart AND :pEnd)";

    static ProjectView map(ResultSet rs, int i) throws SQLException {
        Object first = rs.getObject("first_passed");
        return new ProjectView(rs.getLong("id"), rs.getString("project_no"), rs.getString("name"),
                rs.getString("unit_code"), rs.getString("kind"), rs.getString("size_class"),
                rs.getBigDecimal("investment"), rs.getBigDecimal("floor_area"), rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"), rs.getObject("permit_date", LocalDate.class),
                rs.getObject("start_date", LocalDate.class), rs.getObject("planned_completion", LocalDate.class),
                rs.getObject("actual_completion", LocalDate.class), rs.getString("energy_standard"),
                rs.getString("energy_review"), rs.getString("status"), rs.getObject("filed_on", LocalDate.class),
                rs.getString("filing_no"), first == null ? null : (Boolean) first, rs.getBoolean("demo"));
    }

    private final JdbcClient jdbc;
    private final Units units;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectService(JdbcClient jdbc, Units units, Enterprises enterprises, AuditLog audit,
                   ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.enterprises = enterprises;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    ProjectScope scope(CurrentUser user) {
        return ProjectScope.of(user, units);
    }

    // ------------------------------------------------------------------ reads

    public PageResult<ProjectView> list(CurrentUser user, Filter f, ListQuery q) {
        return query(user, f).orderBy(q, SORTS, "projectNo", "p.id").page(jdbc, SELECT + FROM, ProjectService::map, q);
    }

    /** A project on the map: its page, its coordinates and its state (the map colours points by state). */
    public record MapPoint(long id, String projectNo, String name, String unitCode, String status, double lng,
                           double lat) {
    }

    /** The projects in scope with coordinates (of a state, or all), at most {@code limit}: the map's points. */
    public List<MapPoint> mapPoints(CurrentUser user, String status, int limit) {
        var f = new Filter(null, null, null, null, status, null, null, null, null, null);
        return all(user, f, limit).stream().filter(p -> p.latitude() != null && p.longitude() != null)
                .map(p -> new MapPoint(p.id(), p.projectNo(), p.name(), p.unitCode(), p.status(),
                        p.longitude().doubleValue(), p.latitude().doubleValue()))
                .toList();
    }

    /** Every project of the filter in scope (for the map), at most {@code limit}. */
    public List<ProjectView> all(CurrentUser user, Filter f, int limit) {
        return query(user, f).orderBy("p.id").all(jdbc, SELECT + FROM, ProjectService::map, limit);
    }

    private ListSql query(CurrentUser user, Filter f) {
        ProjectScope scope = scope(user);
        String unitPath = blank(f.unit()) ? null : visibleUnit(f.unit(), scope).path();
        ListSql sql = ListSql.from(FROM).where(scope.predicate("p.unit_id"), scope.params())
                .contains("text", f.q(), "p.name", "p.project_no")
                .startsWith("u.path", "unitPath", unitPath)
                .equal("p.kind", "kind", f.kind())
                .equal("c.size_class", "size", f.size())
                .equal("p.status", "status", f.status())
                .equal("p.energy_review", "energyReview", f.energyReview())
                .filter("EXISTS (SELECT 1 FROM engineering_acceptance ra WHERE ra.project_id = p.id AND ra.attempt = 1 "
                        + "AND ra.passed = :firstPassed)", "firstPassed", blank(f.firstResult()) ? null
                        : "PASS".equals(f.firstResult()))
                .filter("(EXISTS (SELECT 1 FROM engineering_acceptance pa WHERE pa.project_id = p.id AND pa.passed) = :anyPassed)",
                        "anyPassed", f.passed());
        if (!blank(f.indicator())) {
            Period period = period(f.period());
            sql.param("pStart", period.start()).param("pEnd", period.end());
            switch (f.indicator()) {
                case "E1" -> sql.where("c.size_class IN ('LARGE', 'MEDIUM') AND " + FIRST_ACCEPTED_IN);
                case "E2" -> sql.where("p.kind IN ('RESIDENTIAL', 'AFFORDABLE_HOUSING') AND " + FIRST_ACCEPTED_IN);
                case "E3" -> sql.where("p.kind = 'AFFORDABLE_HOUSING' AND " + FIRST_ACCEPTED_IN);
                case "E4" -> sql.where("EXISTS (SELECT 1 FROM engineering_award aw WHERE aw.project_id = p.id "
                        + "AND aw.kind IN ('LUBAN', 'CHUTIAN') AND aw.awarded_on BETWEEN :pStart AND :pEnd)");
                case "E5" -> sql.where("EXISTS (SELECT 1 FROM engineering_accident ac WHERE ac.project_id = p.id "
                        + "AND ac.occurred_on BETWEEN :pStart AND :pEnd)");
                case "E6" -> sql.where("p.start_date BETWEEN :pStart AND :pEnd");
                default -> throw new ValidationException("indicator", Texts.msg("engineering.error.indicator"));
            }
        }
        return sql;
    }

    /** A unit to filter by: one the project scope covers, otherwise as if it did not exist. */
    private Unit visibleUnit(String code, ProjectScope scope) {
        return units.byCode(code.trim()).filter(u -> scope.covers(u.id(), u.path()))
                .orElseThrow(() -> new NotFoundException("unit " + code));
    }

    /** The districts and the zone whose projects the user sees (for filters). */
    public List<Unit> visibleAreas(CurrentUser user) {
        ProjectScope scope = scope(user);
        return units.areas().stream().filter(u -> scope.covers(u.id(), u.path())).toList();
    }

    private static Period period(String id) {
        try {
            return Period.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", Texts.msg("engineering.error.period"));
        }
    }

    /** The project if it exists and the user's project scope covers it; otherwise {@link NotFoundException}. */
    public ProjectView get(long id, CurrentUser user) {
        ProjectScope scope = scope(user);
        return jdbc.sql(SELECT + FROM + " WHERE p.id = :id AND " + scope.predicate("p.unit_id"))
                .param("id", id).params(scope.params()).query(ProjectService::map).optional()
                .orElseThrow(() -> new NotFoundException("project " + id));
    }

    public ProjectDetail detail(long id, CurrentUser user) {
        ProjectView p = get(id, user);
        List<InspectionView> inspections = jdbc.sql("SELECT id, inspected_on, inspector, findings, outcome "
                        + "FROM engineering_inspection WHERE project_id = :id ORDER BY inspected_on, id").param("id", id)
                .query((rs, i) -> new InspectionView(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
        List<NoticeView> notices = jdbc.sql("SELECT id, inspection_id, kind, issued_on, deadline, closed_on, closure_note "
                        + "FROM engineering_notice WHERE project_id = :id ORDER BY issued_on, id").param("id", id)
                .query((rs, i) -> new NoticeView(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class), rs.getString(7))).list();
        return new ProjectDetail(p, participants(id), inspections, notices, acceptances(id),
                accidents(user, null, id, null), awards(user, null, id, null));
    }

    List<ParticipantView> participants(long projectId) {
        List<ParticipantView> out = new ArrayList<>();
        jdbc.sql("SELECT role, enterprise_id FROM engineering_participant WHERE project_id = :id ORDER BY role, enterprise_id")
                .param("id", projectId).query((rs, i) -> new Object[]{rs.getString(1), rs.getLong(2)}).list()
                .forEach(r -> enterprises.byId((Long) r[1]).ifPresent(e ->
                        out.add(new ParticipantView((String) r[0], e.creditCode(), e.name()))));
        out.sort(java.util.Comparator.comparingInt(v -> ROLE_LIST.indexOf(v.role())));
        return out;
    }

    List<AcceptanceView> acceptances(long projectId) {
        return jdbc.sql("SELECT id, attempt, accepted_on, passed, note FROM engineering_acceptance WHERE project_id = :id "
                        + "ORDER BY attempt").param("id", projectId)
                .query((rs, i) -> new AcceptanceView(rs.getLong(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getBoolean(4), rs.getString(5))).list();
    }

    private static final String ACCIDENT_SELECT = """
            SELECT x.id, p.id AS project_id, p.project_no, p.name, u.code, x.grade, x.occurred_on, x.direct_loss,
                   x.deaths, x.injuries, x.description, x.investigation_result, x.demo
            FROM engineering_accident x JOIN engineering_project p ON p.id = x.project_id
                 JOIN platform_unit u ON u.id = p.unit_id
            """;

    /** Accidents in scope, of a year and/or a project (null: any). */
    public List<AccidentView> accidents(CurrentUser user, Integer year, Long projectId, String unitCode) {
        ProjectScope scope = scope(user);
        String unitPath = blank(unitCode) ? null : visibleUnit(unitCode, scope).path();
        return ListSql.from("FROM engineering_accident x JOIN engineering_project p ON p.id = x.project_id "
                        + "JOIN platform_unit u ON u.id = p.unit_id")
                .where(scope.predicate("p.unit_id"), scope.params())
                .filter("extract(year FROM x.occurred_on) = :year", "year", year)
                .equal("p.id", "projectId", projectId)
                .startsWith("u.path", "unitPath", unitPath)
                .orderBy("x.occurred_on DESC, x.id")
                .all(jdbc, ACCIDENT_SELECT,
                        (rs, i) -> new AccidentView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getBigDecimal(8),
                                rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getString(12), rs.getBoolean(13)),
                        ListQuery.EXPORT_LIMIT);
    }

    /** Awards in scope, of a year and/or a project (null: any). */
    public List<AwardView> awards(CurrentUser user, Integer year, Long projectId, String kind) {
        ProjectScope scope = scope(user);
        String from = "FROM engineering_award w JOIN engineering_project p ON p.id = w.project_id "
                + "JOIN platform_unit u ON u.id = p.unit_id ";
        List<Object[]> rows = ListSql.from(from)
                .where(scope.predicate("p.unit_id"), scope.params())
                .equal("w.award_year", "year", year)
                .equal("p.id", "projectId", projectId)
                .equal("w.kind", "kind", kind)
                .orderBy("w.award_year DESC, w.id")
                .all(jdbc, "SELECT w.id, p.id, p.project_no, p.name, u.code, w.kind, w.title, w.award_year, w.awarded_on, w.demo " + from,
                        (rs, i) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                                rs.getObject(9, LocalDate.class), rs.getBoolean(10)}, ListQuery.EXPORT_LIMIT);
        List<AwardView> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<ParticipantView> es = new ArrayList<>();
            jdbc.sql("SELECT enterprise_id FROM engineering_award_enterprise WHERE award_id = :a ORDER BY enterprise_id")
                    .param("a", r[0]).query(Long.class).list()
                    .forEach(e -> enterprises.byId(e).ifPresent(ref -> es.add(new ParticipantView(null, ref.creditCode(),
                            ref.name()))));
            out.add(new AwardView((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (Integer) r[7], (LocalDate) r[8], es, (Boolean) r[9]));
        }
        return out;
    }

    // ------------------------------------------------------------------ writes

    /** Every problem of a new project that bean validation cannot see, with field names prefixed by {@code prefix}. */
    List<FieldProblem> problems(NewProject p, CurrentUser user, String prefix, Set<String> numbersSeen) {
        return problems(p, user, prefix, numbersSeen, -1);
    }

    /** As above, for the project {@code self} (its own number is not a duplicate); -1 for a new project. */
    List<FieldProblem> problems(NewProject p, CurrentUser user, String prefix, Set<String> numbersSeen, long self) {
        List<FieldProblem> list = new ArrayList<>();
        Unit unit = blank(p.unitCode()) ? null : units.byCode(p.unitCode().trim()).orElse(null);
        if (unit == null) {
            list.add(new FieldProblem(prefix + "unitCode", Texts.msg("engineering.error.unknown-unit", p.unitCode())));
        } else if (!unit.isArea()) {
            list.add(new FieldProblem(prefix + "unitCode", Texts.msg("engineering.error.not-an-area", p.unitCode())));
        } else if (!scope(user).covers(unit.id(), unit.path())) {
            list.add(new FieldProblem(prefix + "unitCode", Texts.msg("engineering.error.outside-scope", p.unitCode())));
        }
        if (!blank(p.projectNo())) {
            String no = p.projectNo().trim();
            if (!numbersSeen.add(no) || jdbc.sql("SELECT count(*) FROM engineering_project WHERE project_no = :n "
                            + "AND id <> :self")
                    .param("n", no).param("self", self).query(Long.class).single() > 0) {
                list.add(new FieldProblem(prefix + "projectNo", Texts.msg("engineering.error.duplicate-number", no)));
            }
        }
        if (p.permitDate() != null && p.startDate() != null && p.startDate().isBefore(p.permitDate())) {
            list.add(new FieldProblem(prefix + "startDate", Texts.msg("engineering.error.start-before-permit")));
        }
        if (p.startDate() != null && p.plannedCompletion() != null && p.plannedCompletion().isBefore(p.startDate())) {
            list.add(new FieldProblem(prefix + "plannedCompletion", Texts.msg("engineering.error.completion-before-start")));
        }
        if (p.startDate() != null && p.actualCompletion() != null && p.actualCompletion().isBefore(p.startDate())) {
            list.add(new FieldProblem(prefix + "actualCompletion", Texts.msg("engineering.error.completion-before-start")));
        }
        LocalDate today = LocalDate.now(clock);
        for (var d : new Object[][]{{"permitDate", p.permitDate()}, {"startDate", p.startDate()},
                {"actualCompletion", p.actualCompletion()}}) {
            if (d[1] != null && ((LocalDate) d[1]).isAfter(today)) {
                list.add(new FieldProblem(prefix + d[0], Texts.msg("engineering.error.in-the-future")));
            }
        }
        if ("UNDER_CONSTRUCTION".equals(p.status()) && p.startDate() == null) {
            list.add(new FieldProblem(prefix + "startDate", Texts.msg("engineering.error.start-required")));
        }
        if (p.participants() != null) {
            for (int i = 0; i < p.participants().size(); i++) {
                ParticipantRef r = p.participants().get(i);
                if (r != null && !blank(r.creditCode()) && enterprises.byCreditCode(r.creditCode()).isEmpty()) {
                    list.add(new FieldProblem(prefix + "participants[" + i + "].creditCode",
                            Texts.msg("engineering.error.unknown-enterprise", r.creditCode())));
                }
            }
        }
        return list;
    }

    @Transactional
    public ProjectView create(NewProject p, CurrentUser user) {
        List<FieldProblem> problems = problems(p, user, "", new HashSet<>());
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = insert(p, user.id(), false);
        ProjectView view = get(id, user);
        audit.record("engineering", "project", id, unitId(id), "CREATE", null, view);
        changed(view);
        return view;
    }

    /**
     * Changes a project's register data and participants (the 住建 officer's form): checked as a new project is, the
     * state left to the supervision records unless the project is still planned, under construction or completed;
     * audited with before and after; E1–E6 recomputed for the years of its start and acceptances.
     */
    @Transactional
    public ProjectView update(long id, NewProject p, CurrentUser user) {
        ProjectView before = get(id, user);
        List<FieldProblem> problems = problems(p, user, "", new HashSet<>(), id);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<ParticipantView> participantsBefore = participants(id);
        Unit unit = units.byCode(p.unitCode().trim()).orElseThrow();
        boolean openState = Set.of("PLANNED", "UNDER_CONSTRUCTION", "COMPLETED").contains(before.status());
        String status = openState && !blank(p.status()) ? p.status() : before.status();
        jdbc.sql("""
                        UPDATE engineering_project SET project_no = :no, name = :name, unit_id = :unit, latitude = :lat,
                            longitude = :lng, kind = :kind, investment = :inv, floor_area = :area, permit_date = :permit,
                            start_date = :start, planned_completion = :planned, actual_completion = :actual,
                            energy_standard = :std, energy_review = :review, status = :status
                        WHERE id = :id""")
                .param("no", p.projectNo().trim()).param("name", p.name().trim()).param("unit", unit.id())
                .param("lat", p.latitude()).param("lng", p.longitude()).param("kind", p.kind())
                .param("inv", p.investment()).param("area", p.floorArea()).param("permit", p.permitDate())
                .param("start", p.startDate()).param("planned", p.plannedCompletion())
                .param("actual", p.actualCompletion()).param("std", blank(p.energyStandard()) ? null : p.energyStandard().trim())
                .param("review", blank(p.energyReview()) ? before.energyReview() : p.energyReview())
                .param("status", status).param("id", id).update();
        jdbc.sql("DELETE FROM engineering_participant WHERE project_id = :p").param("p", id).update();
        if (p.participants() != null) {
            for (ParticipantRef r : p.participants()) {
                EnterpriseRef e = enterprises.byCreditCode(r.creditCode()).orElseThrow();
                jdbc.sql("INSERT INTO engineering_participant (project_id, role, enterprise_id) VALUES (:p, :r, :e) "
                                + "ON CONFLICT DO NOTHING")
                        .param("p", id).param("r", r.role()).param("e", e.id()).update();
            }
        }
        ProjectView after = get(id, user);
        audit.record("engineering", "project", id, unit.id(), "UPDATE",
                Map.of("project", before, "participants", participantsBefore),
                Map.of("project", after, "participants", participants(id)));
        Set<Integer> years = new TreeSet<>();
        for (ProjectView v : List.of(before, after)) {
            if (v.startDate() != null) {
                years.add(v.startDate().getYear());
            }
        }
        acceptances(id).forEach(a -> years.add(a.acceptedOn().getYear()));
        if (!years.isEmpty()) {
            Set<String> elements = new HashSet<>(EngineeringElements.ACCEPTANCE);
            elements.addAll(Set.of(EngineeringElements.E6_STARTED, EngineeringElements.E6_COMPLIANT,
                    EngineeringElements.E5, EngineeringElements.E4));
            events.publishEvent(new ComputedDataChanged(elements, years));
        }
        return after;
    }

    /** Inserts a checked project and its participants; returns its id. */
    long insert(NewProject p, Long createdBy, boolean demo) {
        Unit unit = units.byCode(p.unitCode().trim()).orElseThrow();
        String status = blank(p.status()) ? (p.startDate() != null ? "UNDER_CONSTRUCTION" : "PLANNED") : p.status();
        long id = jdbc.sql("""
                        INSERT INTO engineering_project (project_no, name, unit_id, latitude, longitude, kind, investment,
                            floor_area, permit_date, start_date, planned_completion, actual_completion, energy_standard,
                            energy_review, status, demo, created_by)
                        VALUES (:no, :name, :unit, :lat, :lng, :kind, :inv, :area, :permit, :start, :planned, :actual,
                            :std, :review, :status, :demo, :by) RETURNING id""")
                .param("no", p.projectNo().trim()).param("name", p.name().trim()).param("unit", unit.id())
                .param("lat", p.latitude()).param("lng", p.longitude()).param("kind", p.kind())
                .param("inv", p.investment()).param("area", p.floorArea()).param("permit", p.permitDate())
                .param("start", p.startDate()).param("planned", p.plannedCompletion())
                .param("actual", p.actualCompletion()).param("std", blank(p.energyStandard()) ? null : p.energyStandard().trim())
                .param("review", blank(p.energyReview()) ? "PENDING" : p.energyReview()).param("status", status)
                .param("demo", demo).param("by", createdBy).query(Long.class).single();
        if (p.participants() != null) {
            for (ParticipantRef r : p.participants()) {
                EnterpriseRef e = enterprises.byCreditCode(r.creditCode()).orElseThrow();
                jdbc.sql("INSERT INTO engineering_participant (project_id, role, enterprise_id) VALUES (:p, :r, :e) "
                                + "ON CONFLICT DO NOTHING")
                        .param("p", id).param("r", r.role()).param("e", e.id()).update();
            }
        }
        return id;
    }

    private long unitId(long projectId) {
        return jdbc.sql("SELECT unit_id FROM engineering_project WHERE id = :id").param("id", projectId)
                .query(Long.class).single();
    }

    @Transactional
    public InspectionView inspect(long projectId, NewInspection in, CurrentUser user) {
        ProjectView p = get(projectId, user);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (in.inspectedOn().isAfter(today)) {
            problems.add(new FieldProblem("inspectedOn", Texts.msg("engineering.error.in-the-future")));
        }
        if ("RECTIFICATION".equals(in.outcome())) {
            if (in.deadline() == null) {
                problems.add(new FieldProblem("deadline", Texts.msg("engineering.error.deadline-required")));
            } else if (in.deadline().isBefore(in.inspectedOn())) {
                problems.add(new FieldProblem("deadline", Texts.msg("engineering.error.deadline-before-inspection")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = jdbc.sql("INSERT INTO engineering_inspection (project_id, inspected_on, inspector, findings, outcome, "
                        + "created_by) VALUES (:p, :d, :i, :f, :o, :by) RETURNING id")
                .param("p", projectId).param("d", in.inspectedOn()).param("i", in.inspector().trim())
                .param("f", in.findings().trim()).param("o", in.outcome()).param("by", user.id())
                .query(Long.class).single();
        if (!"NONE".equals(in.outcome())) {
            jdbc.sql("INSERT INTO engineering_notice (project_id, inspection_id, kind, issued_on, deadline) "
                            + "VALUES (:p, :i, :k, :d, :dl)")
                    .param("p", projectId).param("i", id).param("k", in.outcome()).param("d", in.inspectedOn())
                    .param("dl", "RECTIFICATION".equals(in.outcome()) ? in.deadline() : null).update();
            if ("STOP_WORK".equals(in.outcome())) {
                jdbc.sql("UPDATE engineering_project SET status = 'STOPPED' WHERE id = :p").param("p", projectId).update();
            }
        }
        InspectionView view = new InspectionView(id, in.inspectedOn(), in.inspector().trim(), in.findings().trim(),
                in.outcome());
        audit.record("engineering", "inspection", id, unitId(projectId), "CREATE", null,
                Map.of("project", p.projectNo(), "inspection", view));
        return view;
    }

    /** Closes a rectification notice (rectified) or lifts a stop-work order (the project is under construction again). */
    @Transactional
    public NoticeView close(long projectId, long noticeId, Closure c, CurrentUser user) {
        get(projectId, user);
        NoticeView n = jdbc.sql("SELECT id, inspection_id, kind, issued_on, deadline, closed_on, closure_note "
                        + "FROM engineering_notice WHERE id = :n AND project_id = :p FOR UPDATE")
                .param("n", noticeId).param("p", projectId)
                .query((rs, i) -> new NoticeView(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class), rs.getString(7))).optional()
                .orElseThrow(() -> new NotFoundException("notice " + noticeId));
        if (n.closedOn() != null) {
            throw new ConflictException(Texts.msg("engineering.error.notice-closed"));
        }
        if (c.closedOn().isBefore(n.issuedOn()) || c.closedOn().isAfter(LocalDate.now(clock))) {
            throw new ValidationException("closedOn", Texts.msg("engineering.error.closure-date"));
        }
        jdbc.sql("UPDATE engineering_notice SET closed_on = :d, closure_note = :note WHERE id = :n")
                .param("d", c.closedOn()).param("note", c.note().trim()).param("n", noticeId).update();
        if ("STOP_WORK".equals(n.kind())) {
            jdbc.sql("UPDATE engineering_project SET status = 'UNDER_CONSTRUCTION' WHERE id = :p AND status = 'STOPPED' "
                            + "AND NOT EXISTS (SELECT 1 FROM engineering_notice o WHERE o.project_id = :p "
                            + "AND o.kind = 'STOP_WORK' AND o.closed_on IS NULL)")
                    .param("p", projectId).update();
        }
        NoticeView after = new NoticeView(n.id(), n.inspectionId(), n.kind(), n.issuedOn(), n.deadline(), c.closedOn(),
                c.note().trim());
        audit.record("engineering", "notice", noticeId, unitId(projectId), "CLOSE", n, after);
        return after;
    }

    /**
     * Records a completion acceptance: the first is the one E1 and E3 count (一次验收); after a failure a
     * re-acceptance follows; a project that passed cannot be accepted again (409).
     */
    @Transactional
    public AcceptanceView accept(long projectId, NewAcceptance a, CurrentUser user) {
        ProjectView p = get(projectId, user);
        jdbc.sql("SELECT id FROM engineering_project WHERE id = :p FOR UPDATE").param("p", projectId).query(Long.class).single();
        List<AcceptanceView> before = acceptances(projectId);
        if (before.stream().anyMatch(AcceptanceView::passed)) {
            throw new ConflictException(Texts.msg("engineering.error.already-accepted"));
        }
        if (a.acceptedOn().isAfter(LocalDate.now(clock))) {
            throw new ValidationException("acceptedOn", Texts.msg("engineering.error.in-the-future"));
        }
        if (!before.isEmpty() && a.acceptedOn().isBefore(before.get(before.size() - 1).acceptedOn())) {
            throw new ValidationException("acceptedOn", Texts.msg("engineering.error.before-previous-acceptance"));
        }
        if (p.startDate() != null && a.acceptedOn().isBefore(p.startDate())) {
            throw new ValidationException("acceptedOn", Texts.msg("engineering.error.acceptance-before-start"));
        }
        int attempt = before.size() + 1;
        String note = blank(a.note()) ? null : a.note().trim();
        long id = jdbc.sql("INSERT INTO engineering_acceptance (project_id, attempt, accepted_on, passed, note, created_by) "
                        + "VALUES (:p, :n, :d, :ok, :note, :by) RETURNING id")
                .param("p", projectId).param("n", attempt).param("d", a.acceptedOn()).param("ok", a.passed())
                .param("note", note).param("by", user.id()).query(Long.class).single();
        jdbc.sql("UPDATE engineering_project SET status = :s, actual_completion = COALESCE(actual_completion, :d) "
                        + "WHERE id = :p")
                .param("s", a.passed() ? "ACCEPTED" : "COMPLETED").param("d", a.acceptedOn()).param("p", projectId)
                .update();
        AcceptanceView view = new AcceptanceView(id, attempt, a.acceptedOn(), a.passed(), note);
        audit.record("engineering", "acceptance", id, unitId(projectId), "CREATE", null,
                Map.of("project", p.projectNo(), "acceptance", view));
        Set<Integer> years = new TreeSet<>(List.of(a.acceptedOn().getYear()));
        if (!before.isEmpty()) {
            years.add(before.get(0).acceptedOn().getYear());
        }
        events.publishEvent(new ComputedDataChanged(EngineeringElements.ACCEPTANCE, years));
        return view;
    }

    /** Files a passed acceptance (竣工验收备案). */
    @Transactional
    public ProjectView file(long projectId, Filing f, CurrentUser user) {
        ProjectView p = get(projectId, user);
        List<AcceptanceView> acc = acceptances(projectId);
        AcceptanceView passed = acc.stream().filter(AcceptanceView::passed).findFirst()
                .orElseThrow(() -> new ConflictException(Texts.msg("engineering.error.not-accepted")));
        if (p.filedOn() != null) {
            throw new ConflictException(Texts.msg("engineering.error.already-filed"));
        }
        if (f.filedOn().isBefore(passed.acceptedOn()) || f.filedOn().isAfter(LocalDate.now(clock))) {
            throw new ValidationException("filedOn", Texts.msg("engineering.error.filing-date"));
        }
        jdbc.sql("UPDATE engineering_project SET filed_on = :d, filing_no = :n, status = 'FILED' WHERE id = :p")
                .param("d", f.filedOn()).param("n", f.filingNo().trim()).param("p", projectId).update();
        ProjectView after = get(projectId, user);
        audit.record("engineering", "project", projectId, unitId(projectId), "FILE", p, after);
        return after;
    }

    @Transactional
    public AccidentView recordAccident(NewAccident a, CurrentUser user) {
        ProjectView p = getForField(a.projectId(), user);
        if (a.occurredOn().isAfter(LocalDate.now(clock))) {
            throw new ValidationException("occurredOn", Texts.msg("engineering.error.in-the-future"));
        }
        long id = insertAccident(a, user.id(), false);
        AccidentView view = accidents(user, null, p.id(), null).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        audit.record("engineering", "accident", id, unitId(p.id()), "CREATE", null, view);
        events.publishEvent(new ComputedDataChanged(Set.of(EngineeringElements.E5), Set.of(a.occurredOn().getYear())));
        return view;
    }

    long insertAccident(NewAccident a, Long by, boolean demo) {
        return jdbc.sql("INSERT INTO engineering_accident (project_id, grade, occurred_on, direct_loss, deaths, injuries, "
                        + "description, investigation_result, demo, created_by) VALUES (:p, :g, :d, :l, :de, :in, :desc, "
                        + ":res, :demo, :by) RETURNING id")
                .param("p", a.projectId()).param("g", a.grade()).param("d", a.occurredOn()).param("l", a.directLoss())
                .param("de", a.deaths() == null ? 0 : a.deaths()).param("in", a.injuries() == null ? 0 : a.injuries())
                .param("desc", a.description().trim())
                .param("res", blank(a.investigationResult()) ? null : a.investigationResult().trim())
                .param("demo", demo).param("by", by).query(Long.class).single();
    }

    @Transactional
    public AwardView recordAward(NewAward w, CurrentUser user) {
        ProjectView p = getForField(w.projectId(), user);
        List<FieldProblem> problems = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<String> codes = w.enterpriseCodes() == null ? List.of() : w.enterpriseCodes();
        for (int i = 0; i < codes.size(); i++) {
            var e = enterprises.byCreditCode(codes.get(i));
            if (e.isEmpty()) {
                problems.add(new FieldProblem("enterpriseCodes[" + i + "]",
                        Texts.msg("engineering.error.unknown-enterprise", codes.get(i))));
            } else if (!ids.contains(e.get().id())) {
                ids.add(e.get().id());
            }
        }
        if (w.awardedOn().isAfter(LocalDate.now(clock))) {
            problems.add(new FieldProblem("awardedOn", Texts.msg("engineering.error.in-the-future")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = insertAward(w, ids, user.id(), false);
        AwardView view = awards(user, null, p.id(), null).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        audit.record("engineering", "award", id, unitId(p.id()), "CREATE", null, view);
        events.publishEvent(new AwardRecorded(id, w.kind(), w.title().trim(), w.year(), w.awardedOn(), p.name(), ids));
        events.publishEvent(new ComputedDataChanged(Set.of(EngineeringElements.E4), Set.of(w.awardedOn().getYear())));
        return view;
    }

    long insertAward(NewAward w, List<Long> enterpriseIds, Long by, boolean demo) {
        long id = jdbc.sql("INSERT INTO engineering_award (project_id, kind, title, award_year, awarded_on, demo, created_by) "
                        + "VALUES (:p, :k, :t, :y, :d, :demo, :by) RETURNING id")
                .param("p", w.projectId()).param("k", w.kind()).param("t", w.title().trim()).param("y", w.year())
                .param("d", w.awardedOn()).param("demo", demo).param("by", by).query(Long.class).single();
        for (Long e : enterpriseIds) {
            jdbc.sql("INSERT INTO engineering_award_enterprise (award_id, enterprise_id) VALUES (:a, :e) ON CONFLICT DO NOTHING")
                    .param("a", id).param("e", e).update();
        }
        return id;
    }

    /** A project named in a request body: one outside the scope is a field error, as if it did not exist. */
    private ProjectView getForField(Long projectId, CurrentUser user) {
        try {
            return get(projectId, user);
        } catch (NotFoundException e) {
            throw new ValidationException("projectId", Texts.msg("engineering.error.unknown-project", projectId));
        }
    }

    /** After a new project: E6 of its start year and, when it is already accepted, the acceptance elements. */
    void changed(ProjectView p) {
        Set<Integer> years = new TreeSet<>();
        if (p.startDate() != null) {
            years.add(p.startDate().getYear());
        }
        if (!years.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(Set.of(EngineeringElements.E6_STARTED,
                    EngineeringElements.E6_COMPLIANT, EngineeringElements.E5, EngineeringElements.E4), years));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
