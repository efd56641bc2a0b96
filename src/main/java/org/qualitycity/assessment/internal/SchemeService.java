package org.qualitycity.assessment.internal;

import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scoring schemes per year and target group, versioned: the first read of a year seeds version 1 from the
 * defaults below (the national scoring table is not public: every weight is editable); an edit writes a new version.
 */
@Service
public class SchemeService {

    public static final List<String> TARGETS = List.of("AREA", "DEPARTMENT");

    public record ItemChange(String code, BigDecimal maxPoints, BigDecimal perItem) {
    }

    /** The default scheme of a target, its names from the bundles in both languages (stored with the scheme). */
    static List<AssessmentViews.SchemeItem> defaults(String target) {
        return "AREA".equals(target) ? List.of(
                item("IND", "AREA", "INDICATOR", new BigDecimal("50"), null, 1),
                item("TASK", "AREA", "TASK", new BigDecimal("25"), null, 2),
                item("REP", "AREA", "REPORTING", new BigDecimal("15"), null, 3),
                item("BONUS", "AREA", "BONUS", new BigDecimal("10"), null, 4),
                item("DED", "AREA", "DEDUCTION", new BigDecimal("10"), new BigDecimal("2"), 5))
                : List.of(
                item("IND", "DEPARTMENT", "INDICATOR", new BigDecimal("30"), null, 1),
                item("TASK", "DEPARTMENT", "TASK", new BigDecimal("60"), null, 2),
                item("BONUS", "DEPARTMENT", "BONUS", new BigDecimal("10"), null, 3),
                item("DED", "DEPARTMENT", "DEDUCTION", new BigDecimal("10"), new BigDecimal("2"), 4));
    }

    private static AssessmentViews.SchemeItem item(String code, String target, String kind, BigDecimal max,
                                                   BigDecimal perItem, int order) {
        Text category = Text.of("assessment.scheme.default.category." + code);
        Text name = Text.of("assessment.scheme.default." + target + "." + code);
        return new AssessmentViews.SchemeItem(code, Texts.render(category, Texts.DEFAULT),
                Texts.render(category, Locale.ENGLISH), Texts.render(name, Texts.DEFAULT),
                Texts.render(name, Locale.ENGLISH), kind, max, perItem, order);
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final org.qualitycity.plan.Plans plans;

    SchemeService(JdbcClient jdbc, AuditLog audit, org.qualitycity.plan.Plans plans) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.plans = plans;
    }

    static void checkTarget(String target) {
        if (!TARGETS.contains(target)) {
            throw new ValidationException("target", Texts.msg("assessment.error.area-or-department"));
        }
    }

    /** Years of the current plan's programme: from its start year (no assessment before the programme began). */
    void checkYear(int year) {
        int first = plans.current().startDate().getYear();
        if (year < first || year > 2100) {
            throw new ValidationException("year", Texts.msg("error.range", String.valueOf(first), "2100"));
        }
    }

    /** The newest version for the year and target, seeded from the defaults on first use. */
    @Transactional
    public AssessmentViews.Scheme current(int year, String target) {
        checkYear(year);
        checkTarget(target);
        Long id = jdbc.sql("SELECT id FROM assessment_scheme WHERE year = :y AND target = :t ORDER BY version DESC LIMIT 1")
                .param("y", year).param("t", target).query(Long.class).optional().orElse(null);
        if (id == null) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('assessment_scheme'))").query().listOfRows();
            id = jdbc.sql("SELECT id FROM assessment_scheme WHERE year = :y AND target = :t ORDER BY version DESC LIMIT 1")
                    .param("y", year).param("t", target).query(Long.class).optional().orElse(null);
            if (id == null) {
                id = insert(year, target, 1, "assessment.scheme.default-note", null, defaults(target));
            }
        }
        return byId(id);
    }

    public List<AssessmentViews.Scheme> versions(int year, String target) {
        current(year, target);
        return jdbc.sql("SELECT id FROM assessment_scheme WHERE year = :y AND target = :t ORDER BY version DESC")
                .param("y", year).param("t", target).query(Long.class).list().stream().map(this::byId).toList();
    }

    public AssessmentViews.Scheme byId(long id) {
        List<AssessmentViews.SchemeItem> items = jdbc.sql(
                        "SELECT * FROM assessment_scheme_item WHERE scheme_id = :id ORDER BY sort_order")
                .param("id", id).query((rs, n) -> new AssessmentViews.SchemeItem(rs.getString("code"),
                        rs.getString("category_zh"), rs.getString("category_en"), rs.getString("name_zh"),
                        rs.getString("name_en"), rs.getString("kind"), rs.getBigDecimal("max_points"),
                        rs.getBigDecimal("per_item"), rs.getInt("sort_order"))).list();
        return jdbc.sql("SELECT * FROM assessment_scheme WHERE id = :id").param("id", id)
                .query((rs, n) -> new AssessmentViews.Scheme(rs.getLong("id"), rs.getInt("year"), rs.getString("target"),
                        rs.getInt("version"), Texts.renderStored(rs.getString("note")), rs.getTimestamp("created_at").toInstant(), items))
                .single();
    }

    /** Changes weights: writes a new version (refused once the year's assessment is published). */
    @Transactional
    public AssessmentViews.Scheme update(int year, String target, List<ItemChange> changes, String note,
                                         CurrentUser user) {
        AssessmentViews.Scheme cur = current(year, target);
        String state = jdbc.sql("SELECT state FROM assessment_run WHERE year = :y").param("y", year)
                .query(String.class).optional().orElse(null);
        if ("PUBLISHED".equals(state)) {
            throw new ConflictException(Texts.msg("assessment.error.schemes-locked", String.valueOf(year)));
        }
        Map<String, ItemChange> byCode = new HashMap<>();
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        int i = 0;
        for (ItemChange c : changes == null ? List.<ItemChange>of() : changes) {
            String f = "items[" + i++ + "]";
            if (c == null || c.code() == null || cur.items().stream().noneMatch(x -> x.code().equals(c.code()))) {
                problems.add(new ValidationException.FieldProblem(f + ".code", Texts.msg("assessment.error.unknown-item")));
                continue;
            }
            if (c.maxPoints() == null || c.maxPoints().signum() < 0 || c.maxPoints().compareTo(new BigDecimal("1000")) > 0
                    || c.maxPoints().scale() > 2) {
                problems.add(new ValidationException.FieldProblem(f + ".maxPoints", Texts.msg("assessment.error.max-points")));
            }
            if (c.perItem() != null && (c.perItem().signum() < 0 || c.perItem().compareTo(new BigDecimal("1000")) > 0)) {
                problems.add(new ValidationException.FieldProblem(f + ".perItem", Texts.msg("error.range", "0", "1000")));
            }
            byCode.put(c.code(), c);
        }
        if (byCode.isEmpty() && problems.isEmpty()) {
            problems.add(new ValidationException.FieldProblem("items", Texts.msg("assessment.error.change-one-item")));
        }
        if (note != null && note.length() > 500) {
            problems.add(new ValidationException.FieldProblem("note", Texts.msg("error.max-chars", 500)));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<AssessmentViews.SchemeItem> items = cur.items().stream().map(x -> {
            ItemChange c = byCode.get(x.code());
            return c == null ? x : new AssessmentViews.SchemeItem(x.code(), x.categoryZh(), x.categoryEn(), x.nameZh(),
                    x.nameEn(), x.kind(), c.maxPoints(), c.perItem() != null ? c.perItem() : x.perItem(), x.sortOrder());
        }).toList();
        long id = insert(year, target, cur.version() + 1, note, user.id(), items);
        AssessmentViews.Scheme next = byId(id);
        audit.record("assessment", "scheme", id, null, "UPDATE", cur, next);
        return next;
    }

    private long insert(int year, String target, int version, String note, Long user,
                        List<AssessmentViews.SchemeItem> items) {
        long id = jdbc.sql("""
                        INSERT INTO assessment_scheme (year, target, version, note, created_by)
                        VALUES (:y, :t, :v, :note, :user) RETURNING id""")
                .param("y", year).param("t", target).param("v", version).param("note", note).param("user", user)
                .query(Long.class).single();
        for (AssessmentViews.SchemeItem x : items) {
            jdbc.sql("""
                            INSERT INTO assessment_scheme_item (scheme_id, code, category_zh, category_en, name_zh, name_en,
                                   kind, max_points, per_item, sort_order)
                            VALUES (:id, :code, :cz, :ce, :nz, :ne, :kind, :max, :per, :sort)""")
                    .param("id", id).param("code", x.code()).param("cz", x.categoryZh()).param("ce", x.categoryEn())
                    .param("nz", x.nameZh()).param("ne", x.nameEn()).param("kind", x.kind())
                    .param("max", x.maxPoints()).param("per", x.perItem()).param("sort", x.sortOrder()).update();
        }
        return id;
    }
}
