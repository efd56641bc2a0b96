package org.qualitycity.survey.internal;

import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.qualitycity.survey.internal.PanelDtos.CriterionScore;
import org.qualitycity.survey.internal.PanelDtos.CriterionView;
import org.qualitycity.survey.internal.PanelDtos.ExpertScores;
import org.qualitycity.survey.internal.PanelDtos.ExpertView;
import org.qualitycity.survey.internal.PanelDtos.NewCriterion;
import org.qualitycity.survey.internal.PanelDtos.NewExpert;
import org.qualitycity.survey.internal.PanelDtos.NewPanel;
import org.qualitycity.survey.internal.PanelDtos.PanelSummary;
import org.qualitycity.survey.internal.PanelDtos.PanelView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expert panels for the assessed indicators (S3, G1b): criteria with weights, experts, each expert's 0–100 score per
 * criterion. The documented rule (docs/modules/module-survey.adoc):
 * <ul>
 * <li>an expert's total = Σ weight·score / Σ weight over the panel's criteria, once every criterion is scored;</li>
 * <li>the panel's result = the mean of the totals after dropping one highest and one lowest total (at least three
 * complete experts; fewer: no result);</li>
 * <li>the rating's rank on the plan's four-level scale: 1 (excellent) from {@code excellent_from}, 2 (good) from
 * {@code good_from}, 3 (fair) from {@code fair_from}, else 4 (poor).</li>
 * </ul>
 * The rank is what the indicator engine gets (the plan's QUALITATIVE target compares ranks, 1 = best).
 */
@Service
public class SurveyPanels {

    static final String ATTACHMENT_TYPE = "survey-panel";

    private final JdbcClient jdbc;
    private final Units units;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    SurveyPanels(JdbcClient jdbc, Units units, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
        this.events = events;
    }

    /** Indicator → element of the assessed indicators a panel may assess. */
    Map<String, String> targets() {
        Map<String, String> m = new LinkedHashMap<>();
        jdbc.sql("SELECT indicator, element FROM survey_panel_target ORDER BY indicator")
                .query(rs -> {
                    m.put(rs.getString(1), rs.getString(2));
                });
        return m;
    }

    public List<String> indicators() {
        return List.copyOf(targets().keySet());
    }

    @Transactional
    public PanelView create(NewPanel req, CurrentUser user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!targets().containsKey(req.indicator())) {
            problems.add(new FieldProblem("indicator", Texts.msg("survey.error.unknown-indicator", req.indicator())));
        }
        for (int i = 0; i < req.criteria().size(); i++) {
            NewCriterion c = req.criteria().get(i);
            if (c == null || c.weight() == null || !(c.weight() > 0)) {
                problems.add(new FieldProblem("criteria[" + i + "].weight", Texts.msg("survey.error.weight-positive")));
            }
        }
        for (int i = 0; i < req.experts().size(); i++) {
            if (req.experts().get(i) == null) {
                problems.add(new FieldProblem("experts[" + i + "]", Texts.msg("error.required")));
            }
        }
        double excellent = req.excellentFrom() == null ? 90 : req.excellentFrom();
        double good = req.goodFrom() == null ? 75 : req.goodFrom();
        double fair = req.fairFrom() == null ? 60 : req.fairFrom();
        if (!(excellent >= good && good >= fair)) {
            problems.add(new FieldProblem("goodFrom", Texts.msg("survey.error.level-order")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long unit = units.city().id();
        long id = jdbc.sql("INSERT INTO survey_panel (indicator, year, title, unit_id, excellent_from, good_from, fair_from, "
                        + "created_by) VALUES (:i, :y, :t, :u, :e, :g, :f, :by) RETURNING id")
                .param("i", req.indicator()).param("y", req.year()).param("t", req.title().trim()).param("u", unit)
                .param("e", excellent).param("g", good).param("f", fair).param("by", user.id())
                .query(Long.class).single();
        for (int i = 0; i < req.criteria().size(); i++) {
            NewCriterion c = req.criteria().get(i);
            jdbc.sql("INSERT INTO survey_panel_criterion (panel_id, sort, name, weight) VALUES (:p, :s, :n, :w)")
                    .param("p", id).param("s", i + 1).param("n", c.name().trim()).param("w", c.weight()).update();
        }
        for (int i = 0; i < req.experts().size(); i++) {
            NewExpert e = req.experts().get(i);
            jdbc.sql("INSERT INTO survey_panel_expert (panel_id, sort, name, affiliation) VALUES (:p, :s, :n, :a)")
                    .param("p", id).param("s", i + 1).param("n", e.name().trim())
                    .param("a", e.affiliation() == null || e.affiliation().isBlank() ? null : e.affiliation().trim())
                    .update();
        }
        PanelView view = view(id);
        audit.record("survey", "panel", id, unit, "CREATE", null, view);
        return view;
    }

    /** Records (or replaces) one expert's scores; the panel's result and the indicator follow. */
    @Transactional
    public PanelView score(long panelId, long expertId, ExpertScores req, CurrentUser user) {
        PanelView before = get(panelId, user);
        if (before.experts().stream().noneMatch(e -> e.id() == expertId)) {
            throw new NotFoundException("expert " + expertId);
        }
        Set<Long> criteria = new HashSet<>(before.criteria().stream().map(CriterionView::id).toList());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < req.scores().size(); i++) {
            CriterionScore s = req.scores().get(i);
            if (s == null || s.criterionId() == null || !criteria.contains(s.criterionId())) {
                problems.add(new FieldProblem("scores[" + i + "].criterionId",
                        Texts.msg("survey.error.unknown-criterion", s == null ? null : s.criterionId())));
            } else if (s.score() == null || s.score() < 0 || s.score() > 100 || s.score().isNaN()) {
                problems.add(new FieldProblem("scores[" + i + "].score",
                        Texts.msg("survey.error.panel-score-range", s.score())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        for (CriterionScore s : req.scores()) {
            jdbc.sql("INSERT INTO survey_panel_score (expert_id, criterion_id, score) VALUES (:e, :c, :s) "
                            + "ON CONFLICT (expert_id, criterion_id) DO UPDATE SET score = EXCLUDED.score")
                    .param("e", expertId).param("c", s.criterionId()).param("s", s.score()).update();
        }
        PanelView after = view(panelId);
        audit.record("survey", "panel", panelId, unitOf(panelId), "SCORE", before, after);
        events.publishEvent(new ComputedDataChanged(Set.of(targets().get(after.indicator())), Set.of(after.year())));
        return after;
    }

    public PanelView get(long panelId, CurrentUser user) {
        if (!visible(panelId, user)) {
            throw new NotFoundException("panel " + panelId);
        }
        return view(panelId);
    }

    boolean visible(long panelId, CurrentUser user) {
        Long unit = unitOf(panelId);
        return unit != null && units.isVisible(unit, user);
    }

    Long unitOf(long panelId) {
        return jdbc.sql("SELECT unit_id FROM survey_panel WHERE id = :id").param("id", panelId).query(Long.class)
                .optional().orElse(null);
    }

    public List<PanelSummary> list(Integer year, String indicator, CurrentUser user) {
        List<Long> ids = jdbc.sql("SELECT id, unit_id FROM survey_panel WHERE (CAST(:y AS int) IS NULL OR year = :y) "
                        + "AND (CAST(:i AS varchar) IS NULL OR indicator = :i) ORDER BY year DESC, id DESC LIMIT 200")
                .param("y", year).param("i", indicator == null || indicator.isBlank() ? null : indicator)
                .query((rs, n) -> units.isVisible(rs.getLong(2), user) ? rs.getLong(1) : null).list()
                .stream().filter(java.util.Objects::nonNull).toList();
        return ids.stream().map(this::view)
                .map(v -> new PanelSummary(v.id(), v.indicator(), v.year(), v.title(), v.result(), v.ratingRank()))
                .toList();
    }

    /** The newest panel of an element and year that has a result (what the indicator engine takes), or null. */
    PanelView latestWithResult(String element, int year) {
        return jdbc.sql("SELECT p.id FROM survey_panel p JOIN survey_panel_target t ON t.indicator = p.indicator "
                        + "WHERE t.element = :e AND p.year = :y ORDER BY p.id DESC")
                .param("e", element).param("y", year).query(Long.class).list().stream()
                .map(this::view).filter(v -> v.result() != null).findFirst().orElse(null);
    }

    PanelView view(long id) {
        record Head(String indicator, int year, String title, long unit, double e, double g, double f) {
        }
        Head h = jdbc.sql("SELECT indicator, year, title, unit_id, excellent_from, good_from, fair_from FROM survey_panel "
                        + "WHERE id = :id").param("id", id)
                .query((rs, i) -> new Head(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7))).optional()
                .orElseThrow(() -> new NotFoundException("panel " + id));
        List<CriterionView> criteria = jdbc.sql("SELECT id, name, weight FROM survey_panel_criterion WHERE panel_id = :p "
                        + "ORDER BY sort").param("p", id)
                .query((rs, i) -> new CriterionView(rs.getLong(1), rs.getString(2), rs.getDouble(3))).list();
        Map<Long, Map<Long, Double>> scores = new HashMap<>();
        jdbc.sql("SELECT s.expert_id, s.criterion_id, s.score FROM survey_panel_score s JOIN survey_panel_expert e "
                        + "ON e.id = s.expert_id WHERE e.panel_id = :p").param("p", id)
                .query(rs -> {
                    scores.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getDouble(3));
                });
        record Expert(long id, String name, String affiliation) {
        }
        List<Expert> experts = jdbc.sql("SELECT id, name, affiliation FROM survey_panel_expert WHERE panel_id = :p "
                        + "ORDER BY sort").param("p", id)
                .query((rs, i) -> new Expert(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        double[] totals = new double[experts.size()];
        boolean[] complete = new boolean[experts.size()];
        for (int k = 0; k < experts.size(); k++) {
            Map<Long, Double> mine = scores.getOrDefault(experts.get(k).id(), Map.of());
            complete[k] = !criteria.isEmpty() && criteria.stream().allMatch(c -> mine.containsKey(c.id()));
            if (complete[k]) {
                double sw = 0;
                double s = 0;
                for (CriterionView c : criteria) {
                    sw += c.weight();
                    s += c.weight() * mine.get(c.id());
                }
                totals[k] = s / sw;
            }
        }
        Rule rule = result(totals, complete);
        List<ExpertView> out = new ArrayList<>();
        for (int k = 0; k < experts.size(); k++) {
            Map<Long, Double> mine = scores.getOrDefault(experts.get(k).id(), Map.of());
            out.add(new ExpertView(experts.get(k).id(), experts.get(k).name(), experts.get(k).affiliation(),
                    criteria.stream().map(c -> mine.get(c.id())).toList(), complete[k] ? totals[k] : null,
                    k == rule.droppedHigh() || k == rule.droppedLow()));
        }
        Integer rank = rule.result() == null ? null : rank(rule.result(), h.e(), h.g(), h.f());
        String unitCode = units.byId(h.unit()).map(Unit::code).orElse(null);
        return new PanelView(id, h.indicator(), targets().get(h.indicator()), h.year(), h.title(), unitCode, h.e(),
                h.g(), h.f(), criteria, out, rule.result(), rank);
    }

    /** The result and the indices of the dropped highest and lowest totals (-1: none). */
    record Rule(Double result, int droppedHigh, int droppedLow) {
    }

    /** Mean of the complete totals after dropping one highest and one lowest; needs three complete totals. */
    static Rule result(double[] totals, boolean[] complete) {
        int high = -1;
        int low = -1;
        int n = 0;
        double sum = 0;
        for (int k = 0; k < totals.length; k++) {
            if (!complete[k]) {
                continue;
            }
            n++;
            sum += totals[k];
            if (high < 0 || totals[k] > totals[high]) {
                high = k;
            }
            if (low < 0 || totals[k] < totals[low]) {
                low = k;
            }
        }
        if (n < 3) {
            return new Rule(null, -1, -1);
        }
        if (low == high) {
            // all totals equal: drop two different experts
            low = firstOther(complete, high);
        }
        return new Rule((sum - totals[high] - totals[low]) / (n - 2), high, low);
    }

    private static int firstOther(boolean[] complete, int not) {
        for (int k = 0; k < complete.length; k++) {
            if (complete[k] && k != not) {
                return k;
            }
        }
        return -1;
    }

    static int rank(double result, double excellentFrom, double goodFrom, double fairFrom) {
        return result >= excellentFrom ? 1 : result >= goodFrom ? 2 : result >= fairFrom ? 3 : 4;
    }
}
