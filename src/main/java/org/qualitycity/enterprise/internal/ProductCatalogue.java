package org.qualitycity.enterprise.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The product side of the register (issue 14): product categories and the licence catalogues with effective dates
 * (工业产品生产许可证, CCC), the categories an enterprise makes, and the two snapshots computed from them.
 *
 * <p><b>P6 coverage</b> at a date D: the required pairs are (enterprise, category) of active enterprises making the
 * category on D (declared since ≤ D, not stopped before D) whose category is in a catalogue in force on D; a pair is
 * covered when the enterprise holds a licence or certificate of a regime in force for that category on D, issued for
 * that category and valid on D ({@code valid_from ≤ D ≤ valid_to}: one that expired before D counts as missing).
 *
 * <p><b>P8 without standards</b> at D: active enterprises making at least one category on D for which they have
 * declared no standard (of any kind) for that category on or before D. The indicator's periods are quarters, each
 * counted at its last day (the current quarter: today), and the year is its last quarter, i.e. 31 December.
 */
@Service
public class ProductCatalogue {

    static final String P6_COVERED = "P6_COVERED";
    static final String P6_REQUIRED = "P6_REQUIRED";
    static final String P8 = "P8_NO_STANDARD";

    public record CatalogueEntry(long id, String regime, LocalDate effectiveFrom, LocalDate effectiveTo, String basis) {
    }

    public record CategoryView(String code, String nameZh, String nameEn, List<CatalogueEntry> entries) {
    }

    public record NewCategory(@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,19}", message = "{enterprise.catalogue.error.code}")
                              String code,
                              @NotBlank @Size(max = 200) String nameZh, @NotBlank @Size(max = 200) String nameEn) {
    }

    public record NewEntry(@NotBlank @Size(max = 20) String categoryCode,
                           @NotBlank @Pattern(regexp = "PRODUCTION_LICENCE|CCC", message = "{enterprise.catalogue.error.regime}")
                           String regime,
                           @NotNull LocalDate effectiveFrom, LocalDate effectiveTo, @Size(max = 200) String basis) {
    }

    public record EntryChange(@NotNull LocalDate effectiveFrom, LocalDate effectiveTo, @Size(max = 200) String basis) {
    }

    public record NewProduct(@NotBlank @Size(max = 20) String categoryCode, @NotNull LocalDate since, LocalDate until) {
    }

    public record ProductView(long id, String categoryCode, String categoryName, LocalDate since, LocalDate until) {
    }

    /** A required (enterprise, category) pair and whether it is covered on the date. */
    public record Pair(String creditCode, String enterpriseName, String unitCode, String categoryCode,
                       String categoryName, String regimes, boolean covered, LocalDate lastValidTo) {
    }

    public record Coverage(LocalDate date, String unitCode, long required, long covered, List<Pair> uncovered) {
    }

    /** An active enterprise making categories without a declared standard on the date. */
    public record WithoutStandard(String creditCode, String enterpriseName, String unitCode, List<String> categories) {
    }

    private final JdbcClient jdbc;
    private final EnterpriseService enterprises;
    private final Units units;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductCatalogue(JdbcClient jdbc, EnterpriseService enterprises, Units units, AuditLog audit,
                     ApplicationEventPublisher events, Clock clock) {
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

    // ------------------------------------------------------------------ catalogue

    public List<CategoryView> categories() {
        Map<String, List<CatalogueEntry>> entries = new HashMap<>();
        jdbc.sql("SELECT id, category_code, regime, effective_from, effective_to, basis FROM enterprise_licence_catalogue "
                        + "ORDER BY category_code, effective_from, id")
                .query((rs, n) -> entries.computeIfAbsent(rs.getString("category_code"), k -> new ArrayList<>())
                        .add(new CatalogueEntry(rs.getLong("id"), rs.getString("regime"),
                                rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
                                rs.getString("basis"))))
                .list();
        return jdbc.sql("SELECT code, name_zh, name_en FROM enterprise_product_category ORDER BY code")
                .query((rs, n) -> new CategoryView(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                        entries.getOrDefault(rs.getString("code"), List.of())))
                .list();
    }

    public CategoryView category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("category " + code));
    }

    private boolean categoryExists(String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM enterprise_product_category WHERE code = :c)").param("c", code)
                .query(Boolean.class).single();
    }

    @Transactional
    public CategoryView addCategory(NewCategory req) {
        if (categoryExists(req.code())) {
            throw new ValidationException("code", Texts.msg("enterprise.catalogue.error.code-taken", req.code()));
        }
        jdbc.sql("INSERT INTO enterprise_product_category (code, name_zh, name_en) VALUES (:c, :zh, :en)")
                .param("c", req.code()).param("zh", req.nameZh().trim()).param("en", req.nameEn().trim()).update();
        CategoryView v = category(req.code());
        audit.record("enterprise", "product-category", req.code(), null, "CREATE", null, v);
        return v;
    }

    @Transactional
    public CatalogueEntry addEntry(NewEntry req) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        if (!categoryExists(req.categoryCode())) {
            problems.add(new ValidationException.FieldProblem("categoryCode",
                    Texts.msg("enterprise.catalogue.error.no-category", req.categoryCode())));
        }
        if (req.effectiveTo() != null && req.effectiveTo().isBefore(req.effectiveFrom())) {
            problems.add(new ValidationException.FieldProblem("effectiveTo",
                    Texts.msg("enterprise.catalogue.error.to-before-from")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO enterprise_licence_catalogue (category_code, regime, effective_from, effective_to, basis)
                        VALUES (:c, :r, :f, :t, :b) RETURNING id
                        """)
                .param("c", req.categoryCode()).param("r", req.regime()).param("f", req.effectiveFrom())
                .param("t", req.effectiveTo()).param("b", req.basis()).query(Long.class).single();
        CatalogueEntry v = entry(id);
        audit.record("enterprise", "licence-catalogue", id, null, "CREATE", null, v);
        changed(req.effectiveFrom());
        return v;
    }

    @Transactional
    public CatalogueEntry changeEntry(long id, EntryChange req) {
        CatalogueEntry before = entry(id);
        if (req.effectiveTo() != null && req.effectiveTo().isBefore(req.effectiveFrom())) {
            throw new ValidationException("effectiveTo", Texts.msg("enterprise.catalogue.error.to-before-from"));
        }
        jdbc.sql("""
                        UPDATE enterprise_licence_catalogue SET effective_from = :f, effective_to = :t, basis = :b,
                               updated_at = now() WHERE id = :id
                        """)
                .param("f", req.effectiveFrom()).param("t", req.effectiveTo()).param("b", req.basis()).param("id", id)
                .update();
        CatalogueEntry after = entry(id);
        audit.record("enterprise", "licence-catalogue", id, null, "UPDATE", before, after);
        changed(before.effectiveFrom().isBefore(after.effectiveFrom()) ? before.effectiveFrom() : after.effectiveFrom());
        return after;
    }

    private CatalogueEntry entry(long id) {
        return jdbc.sql("SELECT id, regime, effective_from, effective_to, basis FROM enterprise_licence_catalogue WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new CatalogueEntry(rs.getLong("id"), rs.getString("regime"),
                        rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
                        rs.getString("basis")))
                .optional().orElseThrow(() -> new NotFoundException("catalogue entry " + id));
    }

    // ------------------------------------------------------------------ an enterprise's products

    public List<ProductView> products(long enterpriseId) {
        return jdbc.sql("""
                        SELECT p.id, p.category_code, c.name_zh, c.name_en, p.since, p.until FROM enterprise_product p
                        JOIN enterprise_product_category c ON c.code = p.category_code
                        WHERE p.enterprise_id = :e ORDER BY p.since, p.id
                        """)
                .param("e", enterpriseId)
                .query((rs, n) -> new ProductView(rs.getLong("id"), rs.getString("category_code"), name(rs),
                        rs.getObject("since", LocalDate.class), rs.getObject("until", LocalDate.class)))
                .list();
    }

    @Transactional
    public ProductView declareProduct(String creditCode, NewProduct req, CurrentUser user) {
        EnterpriseRef ref = enterprises.requireVisible(creditCode, user);
        return declareProduct(ref, req, false);
    }

    ProductView declareProduct(EnterpriseRef ref, NewProduct req, boolean demo) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        if (!categoryExists(req.categoryCode())) {
            problems.add(new ValidationException.FieldProblem("categoryCode",
                    Texts.msg("enterprise.catalogue.error.no-category", req.categoryCode())));
        }
        if (req.until() != null && req.until().isBefore(req.since())) {
            problems.add(new ValidationException.FieldProblem("until", Texts.msg("enterprise.catalogue.error.to-before-from")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO enterprise_product (enterprise_id, category_code, since, until, demo)
                        VALUES (:e, :c, :s, :u, :demo) RETURNING id
                        """)
                .param("e", ref.id()).param("c", req.categoryCode()).param("s", req.since()).param("u", req.until())
                .param("demo", demo).query(Long.class).single();
        ProductView v = products(ref.id()).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        if (!demo) {
            audit.record("enterprise", "product", id, ref.unitId(), "CREATE", null, v);
            changed(req.since());
        }
        return v;
    }

    /** Records behind P6 and P8 changed from this date on: their values of every later year change. */
    void changed(LocalDate from) {
        Set<Integer> years = new TreeSet<>();
        for (int y = from.getYear(); y <= Math.max(from.getYear(), today().getYear()); y++) {
            years.add(y);
        }
        events.publishEvent(new ComputedDataChanged(Set.of(P6_COVERED, P6_REQUIRED, P8), years));
    }

    private static String name(ResultSet rs) throws SQLException {
        String en = rs.getString("name_en");
        return "en".equals(Texts.locale().getLanguage()) && en != null && !en.isBlank() ? en : rs.getString("name_zh");
    }

    // ------------------------------------------------------------------ snapshots

    /** The required pairs on :d, with their units and demo flags (constants only; bind :d). */
    static final String REQUIRED = """
            SELECT DISTINCT e.id AS enterprise_id, e.unit_id, e.demo, p.category_code
            FROM enterprise e
            JOIN enterprise_product p ON p.enterprise_id = e.id AND p.since <= :d AND (p.until IS NULL OR p.until >= :d)
            JOIN enterprise_licence_catalogue c ON c.category_code = p.category_code AND c.effective_from <= :d
                 AND (c.effective_to IS NULL OR c.effective_to >= :d)
            WHERE e.status = 'ACTIVE'
            """;

    /** Whether the pair r holds a licence or certificate valid on :d of a regime in force for its category. */
    static final String COVERED = """
            EXISTS (SELECT 1 FROM enterprise_licence l
                    JOIN enterprise_licence_catalogue lc ON lc.category_code = l.category_code AND lc.regime = l.kind
                         AND lc.effective_from <= :d AND (lc.effective_to IS NULL OR lc.effective_to >= :d)
                    WHERE l.enterprise_id = r.enterprise_id AND l.category_code = r.category_code
                      AND l.valid_from <= :d AND l.valid_to >= :d)
            """;

    /** Active enterprises making a category on :d without a standard declared for it by :d. */
    static final String WITHOUT_STANDARD = """
            SELECT e.id AS enterprise_id, e.unit_id, e.demo, p.category_code
            FROM enterprise e
            JOIN enterprise_product p ON p.enterprise_id = e.id AND p.since <= :d AND (p.until IS NULL OR p.until >= :d)
            WHERE e.status = 'ACTIVE'
              AND NOT EXISTS (SELECT 1 FROM enterprise_standard s WHERE s.enterprise_id = e.id
                              AND s.category_code = p.category_code AND s.declared_on <= :d)
            """;

    /** P6 at a date for the caller's scope (and a unit and below): the counts and the uncovered pairs. */
    public Coverage coverage(String unitCode, LocalDate date, CurrentUser user) {
        LocalDate d = date == null ? today() : date;
        String path = unitCode == null || unitCode.isBlank() ? null
                : units.requireVisible(unitCode.trim(), user, EnterpriseService.MODULE).path();
        EnterpriseScope scope = enterprises.scope(user);
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("d", d);
        p.put("path", path == null ? "/" : path);
        String base = "WITH r AS (" + REQUIRED + ") SELECT r.*, e.credit_code, e.name, u.code AS unit_code, "
                + "c.name_zh, c.name_en, " + COVERED + " AS covered, "
                + "(SELECT string_agg(DISTINCT rc.regime, ',') FROM enterprise_licence_catalogue rc WHERE rc.category_code = r.category_code "
                + " AND rc.effective_from <= :d AND (rc.effective_to IS NULL OR rc.effective_to >= :d)) AS regimes, "
                + "(SELECT max(l.valid_to) FROM enterprise_licence l WHERE l.enterprise_id = r.enterprise_id "
                + " AND l.category_code = r.category_code) AS last_valid_to "
                + "FROM r JOIN enterprise e ON e.id = r.enterprise_id JOIN platform_unit u ON u.id = r.unit_id "
                + "JOIN enterprise_product_category c ON c.code = r.category_code "
                + "WHERE u.path LIKE CAST(:path AS varchar) || '%' AND " + scope.predicate("e.id", "e.unit_id")
                + " ORDER BY u.path, e.credit_code, r.category_code";
        List<Pair> all = jdbc.sql(base).params(p)
                .query((rs, n) -> new Pair(rs.getString("credit_code"), rs.getString("name"), rs.getString("unit_code"),
                        rs.getString("category_code"), name(rs), rs.getString("regimes"), rs.getBoolean("covered"),
                        rs.getObject("last_valid_to", LocalDate.class)))
                .list();
        List<Pair> uncovered = all.stream().filter(x -> !x.covered()).toList();
        return new Coverage(d, unitCode, all.size(), all.size() - uncovered.size(), uncovered);
    }

    /** P8 at a date for the caller's scope (and a unit and below): the enterprises and their categories without a standard. */
    public List<WithoutStandard> withoutStandards(String unitCode, LocalDate date, CurrentUser user) {
        LocalDate d = date == null ? today() : date;
        String path = unitCode == null || unitCode.isBlank() ? null
                : units.requireVisible(unitCode.trim(), user, EnterpriseService.MODULE).path();
        EnterpriseScope scope = enterprises.scope(user);
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("d", d);
        p.put("path", path == null ? "/" : path);
        Map<String, WithoutStandard> out = new LinkedHashMap<>();
        jdbc.sql("WITH r AS (" + WITHOUT_STANDARD + ") SELECT e.credit_code, e.name, u.code AS unit_code, c.name_zh, c.name_en "
                        + "FROM r JOIN enterprise e ON e.id = r.enterprise_id JOIN platform_unit u ON u.id = r.unit_id "
                        + "JOIN enterprise_product_category c ON c.code = r.category_code "
                        + "WHERE u.path LIKE CAST(:path AS varchar) || '%' AND " + scope.predicate("e.id", "e.unit_id")
                        + " ORDER BY u.path, e.credit_code, r.category_code")
                .params(p)
                .query((rs, n) -> {
                    String code = rs.getString("credit_code");
                    String category = name(rs);
                    out.computeIfAbsent(code, k -> {
                        try {
                            return new WithoutStandard(k, rs.getString("name"), rs.getString("unit_code"), new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).categories().add(category);
                    return code;
                })
                .list();
        return List.copyOf(out.values());
    }
}
