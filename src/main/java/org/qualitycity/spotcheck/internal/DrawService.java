package org.qualitycity.spotcheck.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.spotcheck.DrawGrades;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * 双随机一公开: an inspection plan draws enterprises at random from a filtered list and assigns two inspectors at random
 * from the pool, without conflicts; reproducible from its recorded seed ({@link RandomDraw}) and published with its
 * lists. An enterprise sampled for the same product category within 6 months is left out unless an override with a
 * reason keeps it in (audited). Scope: the candidates are the enterprises of the caller's spot-check scope; a draw
 * belongs to the unit that made it.
 */
@Service
public class DrawService {

    /** Months within which a sampling of the same product category excludes an enterprise. */
    public static final int RECENT_MONTHS = 6;
    static final String MODULE = "spotcheck";

    public record Override(@NotBlank @Size(max = 18) String creditCode, @NotBlank @Size(max = 500) String reason) {
    }

    public record NewDraw(@NotBlank @Size(max = 200) String title,
                          @NotBlank @Size(max = 20) String categoryCode,
                          @Pattern(regexp = "[A-T]\\d{0,4}", message = "{spotcheck.draw.error.industry}") String industry,
                          @Size(max = 20) String unitCode,
                          @Pattern(regexp = "[ABCD]", message = "{spotcheck.draw.error.grade}") String creditGrade,
                          @NotNull @Min(1) @Max(500) Integer sampleSize,
                          Boolean excludeOwnDistrict,
                          @Size(max = 20) String inspectorUnitCode,
                          @Size(max = 64) @Pattern(regexp = "[\\p{L}\\p{N} _.:-]*", message = "{spotcheck.draw.error.seed}")
                          String seed,
                          @Size(max = 100) List<@NotNull @Valid Override> overrides,
                          Boolean publish,
                          @Pattern(regexp = "NAMES|IDS", message = "{spotcheck.draw.error.disclosure}")
                          String inspectorDisclosure) {

        /** A draw as before publication was optional: published at once, inspectors by name. */
        public NewDraw(String title, String categoryCode, String industry, String unitCode, String creditGrade,
                       Integer sampleSize, Boolean excludeOwnDistrict, String inspectorUnitCode, String seed,
                       List<Override> overrides) {
            this(title, categoryCode, industry, unitCode, creditGrade, sampleSize, excludeOwnDistrict,
                    inspectorUnitCode, seed, overrides, null, null);
        }
    }

    /** An enterprise as the draw recorded it (the candidate list is sorted by credit code). */
    public record CandidateView(long id, String creditCode, String name, Long district, List<Long> lastInspectors) {
    }

    public record InspectorView(long id, String name, Long district) {
    }

    /** An enterprise left out for a sampling of the same category within 6 months. */
    public record ExcludedView(String creditCode, String name, String sampleNo, LocalDate sampledOn, boolean overridden) {
    }

    public record PickView(int position, long enterpriseId, String creditCode, String name, List<InspectorView> inspectors) {
    }

    public record DrawSummary(long id, String drawNo, String title, String categoryCode, String categoryName,
                              LocalDate drawnOn, int sampleSize, int candidates, int picks, String unitCode,
                              String unitName, boolean demo) {
    }

    public record DrawView(long id, String drawNo, String title, String categoryCode, String categoryName,
                           String industry, String unitFilter, String creditGrade, int sampleSize,
                           boolean excludeOwnDistrict, String seed, LocalDate drawnOn, Instant publishedAt,
                           String inspectorDisclosure, String unitCode, String unitName, boolean demo, String algorithm,
                           List<CandidateView> candidates, List<ExcludedView> excluded, List<Override> overrides,
                           List<InspectorView> inspectorPool, List<PickView> picks) {
    }

    public record Verification(long id, String seed, boolean reproduced, List<PickView> recomputed) {
    }

    public record NewInspector(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 20) String unitCode,
                               @Size(max = 60) String certificateNo) {
    }

    public record InspectorRow(long id, String name, String unitCode, String unitName, String certificateNo,
                               boolean active, boolean demo) {
    }

    static final String ALGORITHM = "SHA-256(seed|creditCode) ascending, first n; inspectors: "
            + "SHA-256(seed|creditCode|inspectorId) ascending, first 2 without conflict";

    private static final TypeReference<List<CandidateView>> CANDIDATES = new TypeReference<>() { };
    private static final TypeReference<List<InspectorView>> INSPECTORS = new TypeReference<>() { };
    private static final TypeReference<List<ExcludedView>> EXCLUDED = new TypeReference<>() { };
    private static final TypeReference<List<Override>> OVERRIDES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Units units;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final ObjectProvider<DrawGrades> grades;
    private final SecureRandom random = new SecureRandom();

    DrawService(JdbcClient jdbc, Enterprises enterprises, Units units, AuditLog audit, Clock clock, ObjectMapper json,
                ObjectProvider<DrawGrades> grades) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.grades = grades;
    }

    // ------------------------------------------------------------------ inspectors

    /** The inspectors of the units in the caller's scope (a draw itself draws from the whole pool). */
    public List<InspectorRow> inspectors(CurrentUser user) {
        DataScope scope = user.scope(MODULE);
        return jdbc.sql("""
                        SELECT i.id, i.name, u.code AS unit_code, u.name_zh, u.name_en, i.certificate_no, i.active, i.demo
                        FROM spotcheck_inspector i JOIN platform_unit u ON u.id = i.unit_id WHERE
                        """ + scope.predicate("i.unit_id", null) + " ORDER BY u.path, i.id")
                .params(scope.params())
                .query((rs, n) -> new InspectorRow(rs.getLong("id"), rs.getString("name"), rs.getString("unit_code"),
                        unitName(rs), rs.getString("certificate_no"), rs.getBoolean("active"), rs.getBoolean("demo")))
                .list();
    }

    @Transactional
    public InspectorRow addInspector(NewInspector req, CurrentUser user) {
        var unit = units.requireVisible(req.unitCode().trim(), user, MODULE);
        long id = addInspector(req.name().trim(), unit.id(), req.certificateNo(), false);
        InspectorRow row = inspectors(user).stream().filter(i -> i.id() == id).findFirst().orElseThrow();
        audit.record(MODULE, "inspector", id, unit.id(), "CREATE", null, row);
        return row;
    }

    long addInspector(String name, long unitId, String certificateNo, boolean demo) {
        return jdbc.sql("""
                        INSERT INTO spotcheck_inspector (name, unit_id, certificate_no, demo)
                        VALUES (:name, :unit, :cert, :demo) RETURNING id
                        """)
                .param("name", name).param("unit", unitId).param("cert", certificateNo).param("demo", demo)
                .query(Long.class).single();
    }

    // ------------------------------------------------------------------ draw

    @Transactional
    public DrawView create(NewDraw req, CurrentUser user) {
        return create(req, user, LocalDate.now(clock), false);
    }

    DrawView create(NewDraw req, CurrentUser user, LocalDate today, boolean demo) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        String category = req.categoryCode().trim();
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM spotcheck_category WHERE code = :c)").param("c", category)
                .query(Boolean.class).single()) {
            problems.add(new ValidationException.FieldProblem("categoryCode",
                    Texts.msg("spotcheck.draw.error.category", category)));
        }
        DrawGrades gradeSource = grades.getIfAvailable();
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        var unitFilter = blank(req.unitCode()) == null ? null : units.requireVisible(req.unitCode().trim(), user, MODULE);
        // the pool is the city's (inspectors of other districts check across, 交叉检查); a unit narrows it
        var inspectorUnit = blank(req.inspectorUnitCode()) == null ? null
                : units.byCode(req.inspectorUnitCode().trim()).orElseThrow(() -> new ValidationException(
                "inspectorUnitCode", Texts.msg("spotcheck.draw.error.unit", req.inspectorUnitCode())));

        // the candidates: active enterprises of the caller's scope that match the filters, by credit code
        EnterpriseScope scope = enterprises.scope(user, MODULE);
        ListSql list = ListSql.from("FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id")
                .where("e.status = 'ACTIVE'")
                .where(scope.predicate("e.id", "e.unit_id"), scope.params())
                .when(req.industry() != null && !req.industry().isBlank(), "e.industry LIKE :industry")
                .orderBy("e.credit_code");
        if (req.industry() != null && !req.industry().isBlank()) {
            list.param("industry", ListSql.escapeLike(req.industry().trim()) + "%");
        }
        if (unitFilter != null) {
            list.startsWith("u.path", "unitPath", unitFilter.path());
        }
        List<Map<String, Object>> rows = list.all(jdbc, "SELECT e.id, e.credit_code, e.name, u.path FROM enterprise e "
                + "JOIN platform_unit u ON u.id = e.unit_id", (rs, n) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("code", rs.getString("credit_code"));
                    m.put("name", rs.getString("name"));
                    m.put("path", rs.getString("path"));
                    return m;
                }, 100_000);
        if (blank(req.creditGrade()) != null) {
            if (gradeSource == null) {
                throw new ValidationException("creditGrade", Texts.msg("spotcheck.draw.error.grade"));
            }
            DrawGrades g = gradeSource;
            rows = rows.stream().filter(r -> g.gradeOf((Long) r.get("id")).map(req.creditGrade()::equals).orElse(false))
                    .toList();
        }
        List<Long> ids = rows.stream().map(r -> (Long) r.get("id")).toList();

        // left out: a sampling of the same category within 6 months, unless overridden with a reason
        Map<Long, ExcludedView> recent = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            SELECT DISTINCT ON (s.enterprise_id) s.enterprise_id, e.credit_code, e.name, s.sample_no,
                                   s.sampled_on
                            FROM spotcheck_sample s JOIN enterprise e ON e.id = s.enterprise_id
                            WHERE s.category_code = :category AND s.enterprise_id IN (:ids)
                              AND s.sampled_on > :since AND s.sampled_on <= :today
                            ORDER BY s.enterprise_id, s.sampled_on DESC, s.id DESC
                            """)
                    .param("category", category).param("ids", ids).param("since", today.minusMonths(RECENT_MONTHS))
                    .param("today", today)
                    .query((rs, n) -> recent.put(rs.getLong("enterprise_id"), new ExcludedView(rs.getString("credit_code"),
                            rs.getString("name"), rs.getString("sample_no"), rs.getObject("sampled_on", LocalDate.class),
                            false)))
                    .list();
        }
        List<Override> overrides = req.overrides() == null ? List.of() : req.overrides().stream()
                .map(o -> new Override(o.creditCode().trim().toUpperCase(), o.reason().trim())).toList();
        Set<String> overridden = new TreeSet<>();
        for (int i = 0; i < overrides.size(); i++) {
            String code = overrides.get(i).creditCode();
            if (recent.values().stream().noneMatch(x -> x.creditCode().equals(code))) {
                problems.add(new ValidationException.FieldProblem("overrides[" + i + "].creditCode",
                        Texts.msg("spotcheck.draw.error.override-not-excluded", code)));
            } else if (!overridden.add(code)) {
                problems.add(new ValidationException.FieldProblem("overrides[" + i + "].creditCode",
                        Texts.msg("spotcheck.draw.error.override-twice", code)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<ExcludedView> excluded = recent.values().stream()
                .map(x -> new ExcludedView(x.creditCode(), x.name(), x.sampleNo(), x.sampledOn(),
                        overridden.contains(x.creditCode())))
                .toList();

        // the last inspectors of each candidate (from earlier draws)
        Map<Long, List<Long>> last = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            SELECT DISTINCT ON (p.enterprise_id) p.enterprise_id, p.inspector_ids
                            FROM spotcheck_draw_pick p JOIN spotcheck_draw d ON d.id = p.draw_id
                            WHERE p.enterprise_id IN (:ids)
                            ORDER BY p.enterprise_id, d.drawn_on DESC, d.id DESC
                            """)
                    .param("ids", ids)
                    .query((rs, n) -> last.put(rs.getLong("enterprise_id"),
                            List.of((Long[]) rs.getArray("inspector_ids").getArray())))
                    .list();
        }
        List<CandidateView> candidates = rows.stream()
                .filter(r -> {
                    ExcludedView x = recent.get((Long) r.get("id"));
                    return x == null || overridden.contains(x.creditCode());
                })
                .map(r -> new CandidateView((Long) r.get("id"), (String) r.get("code"), (String) r.get("name"),
                        RandomDraw.districtOf((String) r.get("path")), last.getOrDefault((Long) r.get("id"), List.of())))
                .toList();
        if (candidates.isEmpty()) {
            throw new ValidationException("sampleSize", Texts.msg("spotcheck.draw.error.no-candidates"));
        }

        // the pool: active inspectors (of a unit and below, if the plan names one), by id
        List<InspectorView> pool = jdbc.sql("""
                        SELECT i.id, i.name, u.path FROM spotcheck_inspector i JOIN platform_unit u ON u.id = i.unit_id
                        WHERE i.active AND (CAST(:path AS varchar) IS NULL OR u.path LIKE CAST(:path AS varchar) || '%')
                        ORDER BY i.id
                        """)
                .param("path", inspectorUnit == null ? null : inspectorUnit.path())
                .query((rs, n) -> new InspectorView(rs.getLong("id"), rs.getString("name"),
                        RandomDraw.districtOf(rs.getString("path"))))
                .list();

        String seed = blank(req.seed()) != null ? req.seed().trim() : HexFormat.of().formatHex(randomBytes());
        boolean ownDistrict = !Boolean.FALSE.equals(req.excludeOwnDistrict());
        List<RandomDraw.Pick> picks;
        try {
            picks = RandomDraw.draw(seed, candidates.stream().map(DrawService::candidate).toList(), req.sampleSize(),
                    pool.stream().map(i -> new RandomDraw.Inspector(i.id(), i.name(), i.district())).toList(), ownDistrict);
        } catch (RandomDraw.NotEnoughInspectors e) {
            throw new ValidationException("inspectorUnitCode",
                    Texts.msg("spotcheck.draw.error.inspectors", e.enterprise.creditCode()));
        }

        long id = jdbc.sql("SELECT nextval('spotcheck_draw_id_seq')").query(Long.class).single();
        String drawNo = "SJ" + today.getYear() + "-" + String.format("%05d", id);
        jdbc.sql("""
                        INSERT INTO spotcheck_draw (id, draw_no, title, category_code, filter_industry, filter_unit_id,
                            filter_grade, sample_size, exclude_own_district, seed, drawn_on, candidates, excluded, overrides,
                            inspectors, unit_id, published_at, inspector_disclosure, demo, created_by)
                        VALUES (:id, :no, :title, :category, :industry, :unitFilter, :grade, :n, :own, :seed, :today,
                            CAST(:candidates AS jsonb), CAST(:excluded AS jsonb), CAST(:overrides AS jsonb),
                            CAST(:pool AS jsonb), :unit, :published, :disclosure, :demo, :by)
                        """)
                .param("id", id).param("no", drawNo).param("title", req.title().trim()).param("category", category)
                .param("industry", blank(req.industry())).param("unitFilter", unitFilter == null ? null : unitFilter.id())
                .param("grade", blank(req.creditGrade())).param("n", req.sampleSize()).param("own", ownDistrict)
                .param("seed", seed).param("today", today)
                .param("candidates", json.writeValueAsString(candidates))
                .param("excluded", json.writeValueAsString(excluded))
                .param("overrides", json.writeValueAsString(overrides))
                .param("pool", json.writeValueAsString(pool))
                .param("unit", user.unitId())
                .param("published", Boolean.FALSE.equals(req.publish()) ? null : Timestamp.from(clock.instant()))
                .param("disclosure", blank(req.inspectorDisclosure()) == null ? "NAMES" : req.inspectorDisclosure().trim())
                .param("demo", demo)
                .param("by", user.id() > 0 ? user.id() : null)
                .update();
        for (RandomDraw.Pick p : picks) {
            jdbc.sql("""
                            INSERT INTO spotcheck_draw_pick (draw_id, position, enterprise_id, inspector_ids)
                            VALUES (:id, :pos, :enterprise, :inspectors)
                            """)
                    .param("id", id).param("pos", p.position()).param("enterprise", p.enterprise().id())
                    .param("inspectors", p.inspectors().stream().map(RandomDraw.Inspector::id).toArray(Long[]::new))
                    .update();
        }
        DrawView view = load(id);
        if (demo) {
            return view;
        }
        audit.record(MODULE, "draw", id, user.unitId(), "CREATE", null, view);
        for (Override o : overrides) {
            // each kept-in enterprise is an entry of its own: who kept it in, and why
            audit.record(MODULE, "draw", id, user.unitId(), "OVERRIDE_RECENT_SAMPLE", null, o);
        }
        return view;
    }

    private byte[] randomBytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }

    private static RandomDraw.Candidate candidate(CandidateView c) {
        return new RandomDraw.Candidate(c.id(), c.creditCode(), c.name(), c.district(), Set.copyOf(c.lastInspectors()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ------------------------------------------------------------------ reads

    private static final String FROM = """
            FROM spotcheck_draw d JOIN spotcheck_category c ON c.code = d.category_code
            JOIN platform_unit u ON u.id = d.unit_id
            """;

    private static String scopePredicate(CurrentUser user) {
        return user.scope(MODULE).predicate("d.unit_id", "d.created_by");
    }

    public PageResult<DrawSummary> list(Integer year, String q, ListQuery query, CurrentUser user) {
        return listSql(year, q, user).orderBy(query, Map.of("drawnOn", "d.drawn_on", "drawNo", "d.draw_no"), "drawnOn",
                        true, "d.id DESC")
                .page(jdbc, SUMMARY, DrawService::summary, query);
    }

    public List<DrawSummary> all(Integer year, String q, ListQuery query, CurrentUser user) {
        return listSql(year, q, user).orderBy(query, Map.of("drawnOn", "d.drawn_on", "drawNo", "d.draw_no"), "drawnOn",
                        true, "d.id DESC")
                .all(jdbc, SUMMARY, DrawService::summary, 100_000);
    }

    private ListSql listSql(Integer year, String q, CurrentUser user) {
        DataScope scope = user.scope(MODULE);
        return ListSql.from(FROM)
                .where(scope.predicate("d.unit_id", "d.created_by"), scope.params())
                .when(year != null, "EXTRACT(YEAR FROM d.drawn_on) = :year").param("year", year)
                .contains("text", q, "d.title", "d.draw_no");
    }

    private static final String SUMMARY = """
            SELECT d.id, d.draw_no, d.title, d.category_code, c.name_zh AS category_name, c.name_en AS category_name_en,
                   d.drawn_on, d.sample_size, jsonb_array_length(d.candidates) AS candidates,
                   (SELECT count(*) FROM spotcheck_draw_pick p WHERE p.draw_id = d.id) AS picks,
                   u.code AS unit_code, u.name_zh, u.name_en, d.demo
            """ + FROM;

    private static DrawSummary summary(ResultSet rs, int n) throws SQLException {
        return new DrawSummary(rs.getLong("id"), rs.getString("draw_no"), title(rs),
                rs.getString("category_code"), SpotcheckService.inReadersLanguage(rs, "category_name"),
                rs.getObject("drawn_on", LocalDate.class), rs.getInt("sample_size"), rs.getInt("candidates"),
                rs.getInt("picks"), rs.getString("unit_code"), unitName(rs), rs.getBoolean("demo"));
    }

    /**
     * The title in the reader's language: a demo draw's title is generated from the bundles when read (the demo
     * stores the Chinese one); a draw entered by a user keeps the title as written.
     */
    static String title(ResultSet rs) throws SQLException {
        if (rs.getBoolean("demo")) {
            return Texts.msg("spotcheck.draws.demoTitle",
                    String.valueOf(rs.getObject("drawn_on", LocalDate.class).getYear()));
        }
        return rs.getString("title");
    }

    private static String unitName(ResultSet rs) throws SQLException {
        String en = rs.getString("name_en");
        return "en".equals(Texts.locale().getLanguage()) && en != null && !en.isBlank() ? en : rs.getString("name_zh");
    }

    /** A draw in the caller's scope with every list it recorded; otherwise 404. */
    public DrawView get(long id, CurrentUser user) {
        DataScope scope = user.scope(MODULE);
        boolean visible = jdbc.sql("SELECT EXISTS (SELECT 1 FROM spotcheck_draw d WHERE d.id = :id AND "
                        + scopePredicate(user) + ")")
                .params(scope.params()).param("id", id).query(Boolean.class).single();
        if (!visible) {
            throw new NotFoundException("draw " + id);
        }
        return load(id);
    }

    private DrawView load(long id) {
        DrawView v = jdbc.sql("""
                        SELECT d.*, c.name_zh AS category_name, c.name_en AS category_name_en, u.code AS unit_code,
                               u.name_zh, u.name_en, f.code AS filter_unit_code
                        FROM spotcheck_draw d JOIN spotcheck_category c ON c.code = d.category_code
                        JOIN platform_unit u ON u.id = d.unit_id LEFT JOIN platform_unit f ON f.id = d.filter_unit_id
                        WHERE d.id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> {
                    List<InspectorView> pool = json.readValue(rs.getString("inspectors"), INSPECTORS);
                    return new DrawView(rs.getLong("id"), rs.getString("draw_no"), title(rs),
                            rs.getString("category_code"), SpotcheckService.inReadersLanguage(rs, "category_name"),
                            rs.getString("filter_industry"), rs.getString("filter_unit_code"), rs.getString("filter_grade"),
                            rs.getInt("sample_size"), rs.getBoolean("exclude_own_district"), rs.getString("seed"),
                            rs.getObject("drawn_on", LocalDate.class),
                            rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toInstant(),
                            rs.getString("inspector_disclosure"), rs.getString("unit_code"), unitName(rs), rs.getBoolean("demo"), ALGORITHM,
                            json.readValue(rs.getString("candidates"), CANDIDATES),
                            json.readValue(rs.getString("excluded"), EXCLUDED),
                            json.readValue(rs.getString("overrides"), OVERRIDES), pool, List.of());
                })
                .optional().orElseThrow(() -> new NotFoundException("draw " + id));
        Map<Long, InspectorView> byId = v.inspectorPool().stream()
                .collect(Collectors.toMap(InspectorView::id, i -> i));
        List<PickView> picks = jdbc.sql("""
                        SELECT p.position, p.enterprise_id, e.credit_code, e.name, p.inspector_ids
                        FROM spotcheck_draw_pick p JOIN enterprise e ON e.id = p.enterprise_id
                        WHERE p.draw_id = :id ORDER BY p.position
                        """)
                .param("id", id)
                .query((rs, n) -> new PickView(rs.getInt("position"), rs.getLong("enterprise_id"),
                        rs.getString("credit_code"), rs.getString("name"),
                        java.util.Arrays.stream((Long[]) rs.getArray("inspector_ids").getArray()).map(byId::get).toList()))
                .list();
        return new DrawView(v.id(), v.drawNo(), v.title(), v.categoryCode(), v.categoryName(), v.industry(),
                v.unitFilter(), v.creditGrade(), v.sampleSize(), v.excludeOwnDistrict(), v.seed(), v.drawnOn(),
                v.publishedAt(), v.inspectorDisclosure(), v.unitCode(), v.unitName(), v.demo(), v.algorithm(), v.candidates(), v.excluded(),
                v.overrides(), v.inspectorPool(), picks);
    }

    // ------------------------------------------------------------------ publication (公开)

    /** Publishes a draw kept internal when it was made (once; audited); a published draw answers 409. */
    @Transactional
    public DrawView publish(long id, CurrentUser user) {
        DrawView before = get(id, user);
        if (before.publishedAt() != null) {
            throw new org.qualitycity.platform.ConflictException(Texts.msg("spotcheck.draw.error.published",
                    before.drawNo()));
        }
        jdbc.sql("UPDATE spotcheck_draw SET published_at = :now WHERE id = :id AND published_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
        DrawView after = load(id);
        audit.record(MODULE, "draw", id, user.unitId(), "PUBLISH", Map.of("publishedAt", "-"),
                Map.of("publishedAt", after.publishedAt().toString()));
        return after;
    }

    /** An assigned inspector as the public sees them: by name, or only by their number in the pool (plan's rule). */
    public record PublicInspector(long id, String name) {
    }

    /**
     * A drawn enterprise with its inspectors and, once recorded, the result of its inspection: the first sampling
     * of the enterprise for the draw's category on or after the draw date (PASS, FAIL or REFUSED; null while pending).
     */
    public record PublicPick(int position, String enterpriseName, String creditCode, List<PublicInspector> inspectors,
                             String result, LocalDate resultOn) {
    }

    /**
     * A published draw for everyone (双随机一公开): the plan, the filter it used, the seed and the algorithm, the picks
     * with their results; {@code candidateCodes} (the sorted candidate list, to recompute the draw) only for one draw.
     */
    public record PublicDraw(long id, String drawNo, String title, String categoryName, LocalDate drawnOn,
                             Instant publishedAt, String unitName, String industry, String unitFilter,
                             String creditGrade, boolean excludeOwnDistrict, int sampleSize, int candidates,
                             String seed, String algorithm, String inspectorDisclosure, boolean demo,
                             List<PublicPick> picks, List<String> candidateCodes) {
    }

    /** Published draws, newest first; unpublished ones do not exist here. */
    public PageResult<PublicDraw> published(Integer year, String q, ListQuery query) {
        PageResult<Long> ids = ListSql.from("FROM spotcheck_draw d")
                .where("d.published_at IS NOT NULL")
                .when(year != null, "EXTRACT(YEAR FROM d.drawn_on) = :year").param("year", year)
                .contains("text", q, "d.title", "d.draw_no")
                .orderBy("d.drawn_on DESC, d.id DESC")
                .page(jdbc, "SELECT d.id FROM spotcheck_draw d", (rs, n) -> rs.getLong(1), query);
        return new PageResult<>(ids.items().stream().map(id -> publicView(load(id), false)).toList(), ids.page(),
                ids.size(), ids.total());
    }

    /** One published draw with its candidate list; an unpublished or unknown one answers 404. */
    public PublicDraw publishedDraw(long id) {
        boolean published = jdbc.sql("SELECT EXISTS (SELECT 1 FROM spotcheck_draw WHERE id = :id AND published_at IS NOT NULL)")
                .param("id", id).query(Boolean.class).single();
        if (!published) {
            throw new NotFoundException("draw " + id);
        }
        return publicView(load(id), true);
    }

    private PublicDraw publicView(DrawView v, boolean withCandidates) {
        Map<Integer, Object[]> results = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (p.position) p.position, s.sampled_on, s.refused, s.final_verdict
                        FROM spotcheck_draw_pick p JOIN spotcheck_draw d ON d.id = p.draw_id
                             JOIN spotcheck_sample s ON s.enterprise_id = p.enterprise_id
                              AND s.category_code = d.category_code AND s.sampled_on >= d.drawn_on
                        WHERE p.draw_id = :id AND (s.refused OR s.final_verdict IS NOT NULL)
                        ORDER BY p.position, s.sampled_on, s.id
                        """)
                .param("id", v.id())
                .query((rs, n) -> results.put(rs.getInt("position"), new Object[]{
                        rs.getBoolean("refused") ? "REFUSED" : rs.getString("final_verdict"),
                        rs.getObject("sampled_on", LocalDate.class)}))
                .list();
        boolean names = !"IDS".equals(v.inspectorDisclosure());
        List<PublicPick> picks = v.picks().stream().map(p -> {
            Object[] r = results.get(p.position());
            return new PublicPick(p.position(), p.name(), p.creditCode(), p.inspectors().stream()
                    .map(i -> new PublicInspector(i.id(), names ? i.name() : null)).toList(),
                    r == null ? null : (String) r[0], r == null ? null : (LocalDate) r[1]);
        }).toList();
        String unitFilter = v.unitFilter() == null ? null : units.byCode(v.unitFilter())
                .map(u -> u.name(Texts.locale())).orElse(v.unitFilter());
        return new PublicDraw(v.id(), v.drawNo(), v.title(), v.categoryName(), v.drawnOn(), v.publishedAt(),
                v.unitName(), v.industry(), unitFilter, v.creditGrade(), v.excludeOwnDistrict(), v.sampleSize(),
                v.candidates().size(), v.seed(), v.algorithm(), v.inspectorDisclosure(), v.demo(), picks,
                withCandidates ? v.candidates().stream().map(CandidateView::creditCode).toList() : null);
    }

    /** Recomputes the draw from its recorded seed, candidate list and inspector pool and compares with what it drew. */
    public Verification verify(long id, CurrentUser user) {
        DrawView v = get(id, user);
        List<RandomDraw.Pick> again = RandomDraw.draw(v.seed(), v.candidates().stream().map(DrawService::candidate).toList(),
                v.sampleSize(), v.inspectorPool().stream().map(i -> new RandomDraw.Inspector(i.id(), i.name(), i.district()))
                        .toList(), v.excludeOwnDistrict());
        List<PickView> recomputed = again.stream().map(p -> new PickView(p.position(), p.enterprise().id(),
                p.enterprise().creditCode(), p.enterprise().name(), p.inspectors().stream()
                .map(i -> new InspectorView(i.id(), i.name(), i.district())).toList())).toList();
        return new Verification(id, v.seed(), recomputed.equals(v.picks().stream()
                .map(p -> new PickView(p.position(), p.enterpriseId(), p.creditCode(), p.name(), p.inspectors())).toList()),
                recomputed);
    }
}
