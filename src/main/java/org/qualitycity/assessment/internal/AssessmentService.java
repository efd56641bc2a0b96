package org.qualitycity.assessment.internal;

import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.calendar.CalendarCoverage;
import org.qualitycity.calendar.CalendarYearMissingException;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.indicator.Attainment;
import org.qualitycity.indicator.IndicatorResults;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.task.TaskPerformance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Computes, stores and publishes the annual assessment. Every line is rounded to two decimals before it is
 * added, so that the lines of a breakdown sum exactly to the total.
 */
@Service
public class AssessmentService {

    static final Set<Attainment> EVALUATED = Set.of(Attainment.MET, Attainment.NOT_MET, Attainment.AT_RISK);
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final JdbcClient jdbc;
    private final SchemeService schemes;
    private final Units units;
    private final Plans plans;
    private final IndicatorResults indicatorResults;
    private final TaskPerformance tasks;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final int objectionDays;
    private final MessageSource messages;
    private final CalendarCoverage coverage;
    private final org.qualitycity.platform.UserDirectory users;
    private final WorkflowSteps steps;

    AssessmentService(JdbcClient jdbc, SchemeService schemes, Units units, Plans plans,
                      IndicatorResults indicatorResults, TaskPerformance tasks, WorkingDayCalendar calendar,
                      Notifications notifications, AuditLog audit, Clock clock,
                      @Value("${qc.assessment.objection-working-days:5}") int objectionDays, MessageSource messages,
                      CalendarCoverage coverage, org.qualitycity.platform.UserDirectory users, WorkflowSteps steps) {
        this.users = users;
        this.steps = steps;
        this.coverage = coverage;
        this.messages = messages;
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.units = units;
        this.plans = plans;
        this.indicatorResults = indicatorResults;
        this.tasks = tasks;
        this.calendar = calendar;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.objectionDays = objectionDays;
    }

    String state(int year) {
        return jdbc.sql("SELECT state FROM assessment_run WHERE year = :y").param("y", year).query(String.class)
                .optional().orElse(null);
    }

    /** Refuses changes once published (409). */
    public void requireOpen(int year) {
        schemes.checkYear(year);
        if ("PUBLISHED".equals(state(year))) {
            throw new ConflictException(Texts.msg("assessment.error.published-locked", String.valueOf(year)));
        }
    }

    static List<Unit> assessed(Units units, String target) {
        return units.all().stream().filter(u -> u.active() && ("AREA".equals(target) ? u.isArea()
                : u.kind() == Unit.Kind.DEPARTMENT)).sorted(Comparator.comparingInt(Unit::sortOrder)).toList();
    }

    /** Runs the assessment of the year (the job calls this); answers the number of units scored. */
    @Transactional
    public int compute(int year) {
        requireOpen(year);
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('assessment_scheme'))").query().listOfRows();
        AssessmentWorkflow.State from = AssessmentWorkflow.of(state(year));
        AssessmentViews.Scheme area = schemes.current(year, "AREA");
        AssessmentViews.Scheme dept = schemes.current(year, "DEPARTMENT");
        LocalDate today = LocalDate.now(clock);
        jdbc.sql("""
                        INSERT INTO assessment_run (year, state, area_scheme_id, dept_scheme_id, computed_at, computed_on,
                               objection_until)
                        VALUES (:y, 'DRAFT', :a, :d, :now, :today, :until)
                        ON CONFLICT (year) DO UPDATE SET area_scheme_id = :a, dept_scheme_id = :d, computed_at = :now,
                               computed_on = :today, objection_until = :until""")
                .param("y", year).param("a", area.id()).param("d", dept.id()).param("now", Timestamp.from(clock.instant()))
                .param("today", today).param("until", objectionUntil(today)).update();
        jdbc.sql("DELETE FROM assessment_score WHERE year = :y").param("y", year).update();
        LocalDate asOf = today.isBefore(LocalDate.of(year, 12, 31)) ? today : LocalDate.of(year, 12, 31);
        Context ctx = context(year);
        int n = 0;
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String target : SchemeService.TARGETS) {
            AssessmentViews.Scheme scheme = "AREA".equals(target) ? area : dept;
            List<Unit> list = assessed(units, target);
            Map<Unit, Scored> lines = new LinkedHashMap<>();
            for (Unit u : list) {
                lines.put(u, lines(u, target, scheme, year, asOf, ctx));
            }
            // ranked units by total, highest first; equal totals share a rank and the next rank skips (1, 1, 3);
            // units to which no scored item applied are not ranked and come last
            List<Map.Entry<Unit, BigDecimal>> totals = new ArrayList<>();
            lines.forEach((u, l) -> totals.add(Map.entry(u, l.total())));
            totals.sort(Comparator.<Map.Entry<Unit, BigDecimal>, Boolean>comparing(e -> !lines.get(e.getKey()).ranked())
                    .thenComparing(Map.Entry.<Unit, BigDecimal>comparingByValue().reversed())
                    .thenComparing(e -> e.getKey().sortOrder()));
            int rank = 0;
            BigDecimal prev = null;
            for (int i = 0; i < totals.size(); i++) {
                Unit u = totals.get(i).getKey();
                BigDecimal total = totals.get(i).getValue();
                boolean ranked = lines.get(u).ranked();
                if (ranked && (prev == null || total.compareTo(prev) != 0)) {
                    rank = i + 1;
                }
                prev = total;
                long scoreId = jdbc.sql("""
                                INSERT INTO assessment_score (year, unit_id, target, total, rank)
                                VALUES (:y, :u, :t, :total, :rank) RETURNING id""")
                        .param("y", year).param("u", u.id()).param("t", target).param("total", total)
                        .param("rank", ranked ? rank : null).query(Long.class).single();
                for (Computed c : lines.get(u).lines()) {
                    AssessmentViews.Line l = c.line();
                    jdbc.sql("""
                                    INSERT INTO assessment_line (score_id, line_no, code, category, label, max_points,
                                           points, detail, detail_key, detail_args, category_en, label_en)
                                    VALUES (:s, :no, :code, :cat, :label, :max, :points, :detail, :key, :args,
                                            :catEn, :labelEn)""")
                            .param("s", scoreId).param("no", l.lineNo()).param("code", l.code())
                            .param("cat", l.category()).param("label", l.label()).param("max", l.maxPoints())
                            .param("points", l.points()).param("detail", l.detail()).param("key", c.key())
                            .param("args", c.args() == null ? null : c.args().toArray(new String[0]))
                            .param("catEn", c.categoryEn()).param("labelEn", c.labelEn()).update();
                }
                n++;
            }
            summary.put(target, list.size());
        }
        summary.put("areaScheme", area.id());
        summary.put("deptScheme", dept.id());
        steps.apply(AssessmentWorkflow.TABLE, year, null, from, AssessmentWorkflow.Step.COMPUTE, null,
                t -> new WorkflowSteps.Change(null, summary));
        return n;
    }

    /** The end of the objection period from {@code computedOn}, or null (pending) when the calendar lacks a year. */
    private LocalDate objectionUntil(LocalDate computedOn) {
        try {
            return calendar.addWorkingDays(computedOn, objectionDays);
        } catch (CalendarYearMissingException e) {
            coverage.warnMissing(e.year(), "calendar.coverage.reason.deadline");
            return null;
        }
    }

    /**
     * Recomputes the objection period of unpublished runs that the arrangement of {@code year} decides (or that was
     * pending for it); a moved period is stored, audited and posted to every assessed unit. Idempotent.
     *
     * @return the number of runs whose objection period moved
     */
    @Transactional
    public int recomputeObjectionPeriods(int year) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('assessment.calendar'))").query().listOfRows();
        List<Map<String, Object>> runs = jdbc.sql("""
                        SELECT year, computed_on, objection_until FROM assessment_run
                        WHERE state = 'DRAFT' AND computed_on IS NOT NULL
                          AND (objection_until IS NULL
                               OR :y BETWEEN extract(year FROM computed_on) AND extract(year FROM objection_until))
                        ORDER BY year FOR UPDATE""").param("y", year).query().listOfRows();
        int moved = 0;
        for (Map<String, Object> r : runs) {
            int runYear = ((Number) r.get("year")).intValue();
            LocalDate computedOn = ((java.sql.Date) r.get("computed_on")).toLocalDate();
            LocalDate before = r.get("objection_until") == null ? null
                    : ((java.sql.Date) r.get("objection_until")).toLocalDate();
            LocalDate after;
            try {
                after = calendar.addWorkingDays(computedOn, objectionDays);
            } catch (CalendarYearMissingException e) {
                continue;
            }
            if (after.equals(before)) {
                continue;
            }
            jdbc.sql("UPDATE assessment_run SET objection_until = :u WHERE year = :y").param("u", after)
                    .param("y", runYear).update();
            audit.record("assessment", "run", runYear, null, "DEADLINE_RECALCULATED",
                    Map.of("objectionUntil", before == null ? "" : before.toString()),
                    Map.of("objectionUntil", after.toString(), "calendarYear", year));
            Object[] args = {runYear, before == null ? Text.of("assessment.objection.pending") : before, after, year};
            Notice notice = Notice.warn("assessment.due.moved", Text.of("assessment.objection.moved.title", args),
                    Text.of("assessment.objection.moved.body", args), "/assessments/" + runYear);
            for (String t : SchemeService.TARGETS) {
                for (Unit u : assessed(units, t)) {
                    notifications.toUnit(u.id(), notice);
                }
            }
            moved++;
        }
        return moved;
    }

    static BigDecimal sum(List<AssessmentViews.Line> lines) {
        return lines.stream().map(AssessmentViews.Line::points).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    record Context(List<String> indicators, Map<String, Set<String>> deptIndicators,
                   Map<String, Map<String, Attainment>> attainment,
                   Map<String, IndicatorResults.ReportingRate> reporting) {
    }

    private Context context(int year) {
        PlanInfo plan = plans.current();
        List<String> codes = plans.indicators(plan.id()).stream().map(IndicatorDefinition::code).toList();
        Map<String, Set<String>> byDept = new HashMap<>();
        for (MeasureGroup g : plans.measureGroups(plan.id())) {
            for (Measure m : g.measures()) {
                if (m.leadUnit() != null && m.indicators() != null) {
                    byDept.computeIfAbsent(m.leadUnit(), k -> new LinkedHashSet<>()).addAll(m.indicators());
                }
            }
        }
        for (IndicatorDefinition d : plans.indicators(plan.id())) {
            if (d.measureCodes() == null) {
                continue;
            }
            for (MeasureGroup g : plans.measureGroups(plan.id())) {
                for (Measure m : g.measures()) {
                    if (d.measureCodes().contains(m.code()) && m.leadUnit() != null) {
                        byDept.computeIfAbsent(m.leadUnit(), k -> new LinkedHashSet<>()).add(d.code());
                    }
                }
            }
        }
        List<String> unitCodes = new ArrayList<>(assessed(units, "AREA").stream().map(Unit::code).toList());
        unitCodes.add(units.city().code());
        Map<String, Map<String, Attainment>> att = new HashMap<>();
        if (!codes.isEmpty()) {
            for (IndicatorResults.Result r : indicatorResults.results(codes, unitCodes, List.of(String.valueOf(year)))) {
                if (r.attainment() != null) {
                    att.computeIfAbsent(r.unitCode(), k -> new HashMap<>()).put(r.indicator(), r.attainment());
                }
            }
        }
        // reporting completeness and timeliness per responsible unit, from the indicator module's public API
        Map<String, IndicatorResults.ReportingRate> reporting = new HashMap<>();
        indicatorResults.reporting(year).forEach(r -> reporting.put(r.unitCode(), r));
        return new Context(codes, byDept, att, reporting);
    }

    /** A computed line with its explanation as a message key and arguments (rendered in the reader's language). */
    record Computed(AssessmentViews.Line line, String key, List<String> args, String categoryEn, String labelEn) {

        Computed(AssessmentViews.Line line, String key, List<String> args) {
            this(line, key, args, null, null);
        }

        /** The line with the English category and label of its scheme item, shown to English readers. */
        Computed withEnglish(String category, String label) {
            return new Computed(line, key, args, category, label);
        }
    }

    /** A unit's lines; {@code ranked} is false when none of the scored items applied to it. */
    record Scored(List<Computed> lines, boolean ranked) {
        BigDecimal total() {
            return sum(lines.stream().map(Computed::line).toList());
        }
    }

    static final Set<String> SCORED_KINDS = Set.of("INDICATOR", "TASK", "REPORTING");

    private Scored lines(Unit u, String target, AssessmentViews.Scheme scheme, int year, LocalDate asOf, Context ctx) {
        List<Computed> out = new ArrayList<>();
        int no = 0;
        // scored items (indicators, tasks, reporting) that do not apply are left out, and the points earned on the
        // applicable ones are scaled to the full maximum of the scored items: nothing to do earns nothing
        BigDecimal scoredMax = BigDecimal.ZERO;
        BigDecimal applicableMax = BigDecimal.ZERO;
        BigDecimal earned = BigDecimal.ZERO.setScale(2);
        for (AssessmentViews.SchemeItem item : scheme.items()) {
            BigDecimal max = item.maxPoints();
            BigDecimal points;
            String key;
            List<String> args;
            boolean applicable = true;
            switch (item.kind()) {
                case "INDICATOR" -> {
                    boolean area = "AREA".equals(target);
                    Map<String, Attainment> att = ctx.attainment().getOrDefault(area ? u.code() : units.city().code(), Map.of());
                    List<String> scope = area ? ctx.indicators()
                            : new ArrayList<>(ctx.deptIndicators().getOrDefault(u.code(), Set.of()));
                    long evaluated = scope.stream().filter(c -> att.get(c) != null && EVALUATED.contains(att.get(c))).count();
                    long met = scope.stream().filter(c -> att.get(c) == Attainment.MET).count();
                    if (evaluated == 0) {
                        applicable = false;
                        points = BigDecimal.ZERO.setScale(2);
                        key = "assessment.detail.indicator.na";
                        args = List.of(max.toPlainString());
                    } else {
                        points = ratio(max, BigDecimal.valueOf(met), BigDecimal.valueOf(evaluated));
                        key = area ? "assessment.detail.indicator" : "assessment.detail.indicator.city";
                        args = List.of(String.valueOf(met), String.valueOf(evaluated));
                    }
                }
                case "TASK" -> {
                    TaskPerformance.Record r = tasks.performance(u.id(), year, asOf);
                    if (r.due() == 0) {
                        applicable = false;
                        points = BigDecimal.ZERO.setScale(2);
                        key = "assessment.detail.task.na";
                        args = List.of(max.toPlainString());
                    } else {
                        BigDecimal credit = BigDecimal.valueOf(r.onTime()).add(HALF.multiply(BigDecimal.valueOf(r.late())));
                        points = ratio(max, credit, BigDecimal.valueOf(r.due()));
                        key = "assessment.detail.task";
                        args = List.of(String.valueOf(r.onTime()), String.valueOf(r.late()), String.valueOf(r.overdue()));
                    }
                }
                case "REPORTING" -> {
                    IndicatorResults.ReportingRate rate = ctx.reporting().get(u.code());
                    int[] c = rate == null ? new int[3] : new int[]{rate.expected(), rate.reported(), rate.onTime()};
                    int total = c[0];
                    int submitted = c[1];
                    int onTime = c[2];
                    if (total == 0) {
                        applicable = false;
                        points = BigDecimal.ZERO.setScale(2);
                        key = "assessment.detail.reporting.na";
                        args = List.of(max.toPlainString());
                    } else {
                        // half for completeness (submitted of all rows), half for timeliness (on time of submitted)
                        BigDecimal completeness = BigDecimal.valueOf(submitted);
                        BigDecimal half = max.multiply(HALF);
                        BigDecimal p1 = ratio(half, completeness, BigDecimal.valueOf(total));
                        BigDecimal p2 = submitted == 0 ? BigDecimal.ZERO.setScale(2)
                                : ratio(half, BigDecimal.valueOf(onTime), BigDecimal.valueOf(submitted));
                        points = p1.add(p2);
                        key = "assessment.detail.reporting";
                        args = List.of(String.valueOf(total), String.valueOf(submitted), String.valueOf(onTime));
                    }
                }
                case "BONUS" -> {
                    BigDecimal sum = entries(u.id(), year, "BONUS");
                    points = sum.min(max).setScale(2, RoundingMode.HALF_UP);
                    key = "assessment.detail.bonus";
                    args = List.of(sum.toPlainString(), max.toPlainString());
                }
                case "DEDUCTION" -> {
                    int red = tasks.redNotices(u.id(), year);
                    BigDecimal per = item.perItem() == null ? BigDecimal.ZERO : item.perItem();
                    BigDecimal other = entries(u.id(), year, "DEDUCTION");
                    BigDecimal sum = per.multiply(BigDecimal.valueOf(red)).add(other);
                    points = sum.min(max).negate().setScale(2, RoundingMode.HALF_UP);
                    key = "assessment.detail.deduction";
                    args = List.of(String.valueOf(red), per.toPlainString(), other.toPlainString(), max.toPlainString());
                }
                default -> throw new IllegalStateException("unknown item kind " + item.kind());
            }
            if (SCORED_KINDS.contains(item.kind())) {
                scoredMax = scoredMax.add(max);
                if (applicable) {
                    applicableMax = applicableMax.add(max);
                    earned = earned.add(points);
                }
            }
            out.add(computed(++no, item.code(), item.categoryZh(), item.nameZh(), max, points, key, args)
                    .withEnglish(item.categoryEn(), item.nameEn()));
        }
        boolean ranked = applicableMax.signum() > 0 || scoredMax.signum() == 0;
        if (applicableMax.signum() > 0 && applicableMax.compareTo(scoredMax) < 0) {
            BigDecimal scaled = earned.multiply(scoredMax).divide(applicableMax, 2, RoundingMode.HALF_UP);
            out.add(computed(++no, SCALE, message(SCALE_LABEL, Locale.SIMPLIFIED_CHINESE),
                    message(SCALE_LABEL, Locale.SIMPLIFIED_CHINESE), null, scaled.subtract(earned), "assessment.detail.scale",
                    List.of(earned.toPlainString(), applicableMax.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                            scaled.toPlainString(), scoredMax.setScale(2, RoundingMode.HALF_UP).toPlainString())));
        } else if (!ranked) {
            out.add(computed(++no, SCALE, message(SCALE_LABEL, Locale.SIMPLIFIED_CHINESE),
                    message(SCALE_LABEL, Locale.SIMPLIFIED_CHINESE), null, BigDecimal.ZERO.setScale(2),
                    "assessment.detail.none", List.of(scoredMax.setScale(2, RoundingMode.HALF_UP).toPlainString())));
        }
        List<Map<String, Object>> adjustments = jdbc.sql("""
                        SELECT points, reason FROM assessment_adjustment WHERE year = :y AND unit_id = :u ORDER BY id""")
                .param("y", year).param("u", u.id()).query().listOfRows();
        for (Map<String, Object> a : adjustments) {
            String adjusted = message(ADJ_LABEL, Locale.SIMPLIFIED_CHINESE, a.get("reason")); // the stored fallback
            out.add(new Computed(new AssessmentViews.Line(++no, ADJ, message(ADJ_CATEGORY, Locale.SIMPLIFIED_CHINESE),
                    adjusted, null,
                    ((BigDecimal) a.get("points")).setScale(2, RoundingMode.HALF_UP), (String) a.get("reason")), null, null));
        }
        return new Scored(out, ranked);
    }

    static final String SCALE = "SCALE";
    static final String SCALE_LABEL = "assessment.line.scale";
    static final String ADJ = "ADJ";
    static final String ADJ_CATEGORY = "assessment.line.adjustment";
    static final String ADJ_LABEL = "assessment.line.adjustment.label";

    private Computed computed(int no, String code, String category, String label, BigDecimal max, BigDecimal points,
                              String key, List<String> args) {
        String zh = message(key, Locale.SIMPLIFIED_CHINESE, args.toArray());
        return new Computed(new AssessmentViews.Line(no, code, category, label, max, points, zh), key, args);
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    static BigDecimal ratio(BigDecimal max, BigDecimal part, BigDecimal whole) {
        return max.multiply(part).divide(whole, 2, RoundingMode.HALF_UP);
    }

    private BigDecimal entries(long unit, int year, String kind) {
        return jdbc.sql("SELECT coalesce(sum(points), 0) FROM assessment_entry WHERE unit_id = :u AND year = :y AND kind = :k")
                .param("u", unit).param("y", year).param("k", kind).query(BigDecimal.class).single();
    }

    // ---- reading ----

    @Transactional(readOnly = true)
    public AssessmentViews.Assessment get(int year, CurrentUser user) {
        schemes.checkYear(year);
        Map<String, Object> run = jdbc.sql("SELECT * FROM assessment_run WHERE year = :y").param("y", year).query()
                .listOfRows().stream().findFirst().orElseThrow(() -> new NotFoundException("assessment " + year));
        Map<String, Object> p = new HashMap<>(user.scope().params());
        p.put("y", year);
        Locale locale = LocaleContextHolder.getLocale();
        // ties are a property of the whole ranking, not of the caller's scope
        Set<String> tiedRanks = new java.util.HashSet<>(jdbc.sql("""
                        SELECT target || ':' || rank FROM assessment_score WHERE year = :y AND rank IS NOT NULL
                        GROUP BY target, rank HAVING count(*) > 1""").param("y", year).query(String.class).list());
        List<AssessmentViews.Score> scores = jdbc.sql("""
                        SELECT s.id, s.target, s.total, s.rank, u.code, u.name_zh, u.name_en FROM assessment_score s
                        JOIN platform_unit u ON u.id = s.unit_id
                        WHERE s.year = :y AND """ + " " + user.scope().predicate("s.unit_id", null)
                        + " ORDER BY s.target, s.rank NULLS LAST, u.sort_order")
                .params(p).query((rs, n) -> {
                    Integer rank = rs.getObject("rank") == null ? null : rs.getInt("rank");
                    boolean tied = rank != null && tiedRanks.contains(rs.getString("target") + ":" + rank);
                    String note = rank == null ? message("assessment.rank.none", locale)
                            : tied ? message("assessment.rank.tied", locale) : "";
                    return new AssessmentViews.Score(rs.getString("code"), rs.getString("name_zh"),
                            rs.getString("name_en"), rs.getString("target"), rs.getBigDecimal("total"), rank, tied, note,
                            lines(rs.getLong("id"), locale));
                }).list();
        List<Map<String, Object>> objectionRows = jdbc.sql("""
                        SELECT o.*, u.code FROM assessment_objection o JOIN platform_unit u ON u.id = o.unit_id
                        WHERE o.year = :y AND """ + " " + user.scope().predicate("o.unit_id", null) + " ORDER BY o.id")
                .params(p).query().listOfRows();
        // who objected: names through the platform's user directory, not its table
        Map<Long, String> names = users.displayNames(objectionRows.stream().map(r -> r.get("created_by"))
                .filter(java.util.Objects::nonNull).map(v -> ((Number) v).longValue()).collect(java.util.stream.Collectors.toSet()));
        List<AssessmentViews.Objection> objections = objectionRows.stream().map(r -> new AssessmentViews.Objection(
                ((Number) r.get("id")).longValue(), (String) r.get("code"), (String) r.get("text"),
                r.get("created_by") == null ? null : names.get(((Number) r.get("created_by")).longValue()),
                ((Timestamp) r.get("created_at")).toInstant(), (String) r.get("reply"))).toList();
        return new AssessmentViews.Assessment(year, (String) run.get("state"),
                run.get("area_scheme_id") == null ? null : ((Number) run.get("area_scheme_id")).longValue(),
                run.get("dept_scheme_id") == null ? null : ((Number) run.get("dept_scheme_id")).longValue(),
                run.get("computed_at") == null ? null : ((Timestamp) run.get("computed_at")).toInstant(),
                run.get("objection_until") == null ? null : ((java.sql.Date) run.get("objection_until")).toLocalDate(),
                run.get("published_at") == null ? null : ((Timestamp) run.get("published_at")).toInstant(),
                scores.stream().filter(s -> "AREA".equals(s.target())).toList(),
                scores.stream().filter(s -> "DEPARTMENT".equals(s.target())).toList(), objections);
    }

    private List<AssessmentViews.Line> lines(long scoreId, Locale locale) {
        return jdbc.sql("SELECT * FROM assessment_line WHERE score_id = :s ORDER BY line_no").param("s", scoreId)
                .query((rs, n) -> {
                    String key = rs.getString("detail_key");
                    java.sql.Array arr = rs.getArray("detail_args");
                    Object[] args = arr == null ? new Object[0] : (Object[]) arr.getArray();
                    String detail = key == null ? rs.getString("detail") : message(key, locale, args);
                    boolean scale = SCALE.equals(rs.getString("code"));
                    boolean english = "en".equals(locale.getLanguage());
                    String category = english && rs.getString("category_en") != null ? rs.getString("category_en")
                            : rs.getString("category");
                    String label = english && rs.getString("label_en") != null ? rs.getString("label_en")
                            : rs.getString("label");
                    if (ADJ.equals(rs.getString("code"))) {
                        category = message(ADJ_CATEGORY, locale);
                        label = message(ADJ_LABEL, locale, rs.getString("detail"));
                    }
                    return new AssessmentViews.Line(rs.getInt("line_no"), rs.getString("code"),
                            scale ? message(SCALE_LABEL, locale) : category,
                            scale ? message(SCALE_LABEL, locale) : label, rs.getBigDecimal("max_points"),
                            rs.getBigDecimal("points"), detail);
                }).list();
    }

    public List<Integer> years() {
        return jdbc.sql("SELECT year FROM assessment_run ORDER BY year DESC").query(Integer.class).list();
    }

    // ---- changes ----

    private Unit requireAssessed(String code, String field) {
        return units.byCode(code == null ? "" : code.trim()).filter(u -> u.active()
                        && (u.isArea() || u.kind() == Unit.Kind.DEPARTMENT))
                .orElseThrow(() -> new ValidationException(field, Texts.msg("assessment.error.not-assessed-unit")));
    }

    private void requireRun(int year) {
        if (state(year) == null) {
            throw new NotFoundException("assessment " + year);
        }
    }

    /** A unit objects to its result within the objection period. */
    @Transactional
    public long object(int year, String text, CurrentUser user) {
        requireOpen(year);
        requireRun(year);
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw new ValidationException("text", Texts.msg("error.required-max-chars", 4000));
        }
        Unit unit = units.byId(user.unitId()).filter(u -> u.isArea() || u.kind() == Unit.Kind.DEPARTMENT)
                .orElseThrow(() -> new ValidationException("unit", Texts.msg("assessment.error.only-assessed-unit-objects")));
        LocalDate until = jdbc.sql("SELECT objection_until FROM assessment_run WHERE year = :y").param("y", year)
                .query(LocalDate.class).optional().orElse(null);
        // a period still pending for the calendar has not ended: it runs at least until the year is loaded
        if (until != null && LocalDate.now(clock).isAfter(until)) {
            throw new ConflictException(Texts.msg("assessment.error.objection-period-ended", String.valueOf(until)));
        }
        long id = jdbc.sql("""
                        INSERT INTO assessment_objection (year, unit_id, text, created_by, created_at)
                        VALUES (:y, :u, :text, :by, :at) RETURNING id""")
                .param("y", year).param("u", unit.id()).param("text", text.trim()).param("by", user.id())
                .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        audit.record("assessment", "objection", id, unit.id(), "OBJECT", null, Map.of("year", year, "text", text.trim()));
        return id;
    }

    /** The administrator adjusts a unit's score with a recorded reason; the year is recomputed. */
    @Transactional
    public void adjust(int year, String unitCode, BigDecimal points, String reason, Long objectionId, CurrentUser user) {
        requireOpen(year);
        requireRun(year);
        Unit unit = requireAssessed(unitCode, "unitCode");
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        if (points == null || points.signum() == 0 || points.abs().compareTo(new BigDecimal("100")) > 0 || points.scale() > 2) {
            problems.add(new ValidationException.FieldProblem("points", Texts.msg("assessment.error.adjustment-points")));
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            problems.add(new ValidationException.FieldProblem("reason", Texts.msg("error.required-max-chars", 1000)));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO assessment_adjustment (year, unit_id, points, reason, created_by)
                        VALUES (:y, :u, :p, :r, :by) RETURNING id""")
                .param("y", year).param("u", unit.id()).param("p", points).param("r", reason.trim()).param("by", user.id())
                .query(Long.class).single();
        if (objectionId != null) {
            jdbc.sql("UPDATE assessment_objection SET reply = :r, replied_at = now() WHERE id = :id AND year = :y")
                    .param("r", reason.trim()).param("id", objectionId).param("y", year).update();
        }
        audit.record("assessment", "adjustment", id, unit.id(), "ADJUST", null,
                Map.of("year", year, "points", points, "reason", reason.trim()));
        compute(year);
    }

    /** A bonus item or deduction with its reason (evidence described), counted at the next run. */
    @Transactional
    public long entry(int year, String unitCode, String kind, BigDecimal points, String reason, CurrentUser user) {
        requireOpen(year);
        Unit unit = requireAssessed(unitCode, "unitCode");
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        if (!"BONUS".equals(kind) && !"DEDUCTION".equals(kind)) {
            problems.add(new ValidationException.FieldProblem("kind", Texts.msg("assessment.error.bonus-or-deduction")));
        }
        if (points == null || points.signum() <= 0 || points.compareTo(new BigDecimal("100")) > 0 || points.scale() > 2) {
            problems.add(new ValidationException.FieldProblem("points", Texts.msg("error.range", "0.01", "100")));
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            problems.add(new ValidationException.FieldProblem("reason", Texts.msg("assessment.error.bonus-reason")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO assessment_entry (year, unit_id, kind, points, reason, created_by)
                        VALUES (:y, :u, :k, :p, :r, :by) RETURNING id""")
                .param("y", year).param("u", unit.id()).param("k", kind).param("p", points).param("r", reason.trim())
                .param("by", user.id()).query(Long.class).single();
        audit.record("assessment", "entry", id, unit.id(), "CREATE", null,
                Map.of("year", year, "kind", kind, "points", points, "reason", reason.trim()));
        return id;
    }

    @Transactional
    public void publish(int year, CurrentUser user) {
        requireOpen(year);
        requireRun(year);
        steps.apply(AssessmentWorkflow.TABLE, year, null, AssessmentWorkflow.of(state(year)),
                AssessmentWorkflow.Step.PUBLISH, null, t -> {
                    jdbc.sql("UPDATE assessment_run SET state = :to, published_at = :at, published_by = :by WHERE year = :y")
                            .param("to", t.to().name()).param("at", Timestamp.from(clock.instant()))
                            .param("by", user.id()).param("y", year).update();
                    return new WorkflowSteps.Change(Map.of("state", t.from().name()), Map.of("state", t.to().name()));
                });
        for (String t : SchemeService.TARGETS) {
            for (Unit u : assessed(units, t)) {
                notifications.toUnit(u.id(), Notice.info("assessment", Text.of("assessment.message.published", year),
                        null, "/assessments/" + year));
            }
        }
    }
}
