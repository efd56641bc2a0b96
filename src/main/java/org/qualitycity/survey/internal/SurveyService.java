package org.qualitycity.survey.internal;

import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.qualitycity.survey.internal.Dtos.AnswerIn;
import org.qualitycity.survey.internal.Dtos.AnswerSheet;
import org.qualitycity.survey.internal.Dtos.Interview;
import org.qualitycity.survey.internal.Dtos.Invitation;
import org.qualitycity.survey.internal.Dtos.NewInvitations;
import org.qualitycity.survey.internal.Dtos.NewQuestion;
import org.qualitycity.survey.internal.Dtos.NewStratum;
import org.qualitycity.survey.internal.Dtos.NewSurvey;
import org.qualitycity.survey.internal.Dtos.Option;
import org.qualitycity.survey.internal.Dtos.PublicSurvey;
import org.qualitycity.survey.internal.Dtos.QuestionView;
import org.qualitycity.survey.internal.Dtos.Receipt;
import org.qualitycity.survey.internal.Dtos.StratumView;
import org.qualitycity.survey.internal.Dtos.Submission;
import org.qualitycity.survey.internal.Dtos.SurveySummary;
import org.qualitycity.survey.internal.Dtos.SurveyView;
import org.qualitycity.survey.internal.Dtos.Weight;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Surveys, their questionnaires and sample designs, and every way an answer comes in (public link or invitation,
 * interviewer, a firm's upload). A response's latent variables (the mean of their items) and its index score are
 * computed in the database when it is stored (see {@link #score(long, boolean)}).
 */
@Service
public class SurveyService {

    /** The latent variables of the CCSI model, in order, with the response column that holds each one's mean. */
    static final Map<String, String> LATENT_COLUMNS = latentColumns();
    static final Set<String> KINDS = Set.of("SCALE", "SINGLE", "MULTIPLE", "TEXT");
    static final Set<String> INTERVIEW_CHANNELS = Set.of("PHONE", "FACE");
    static final Set<String> CALL_OUTCOMES = Set.of("COMPLETED", "REFUSED", "NO_ANSWER", "BUSY", "CALL_BACK");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Units units;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SurveyService(JdbcClient jdbc, NamedParameterJdbcTemplate named, Units units, AuditLog audit, Clock clock,
                  ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.named = named;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    private static Map<String, String> latentColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("BRAND", "lv_brand");
        m.put("EXPECTED", "lv_expected");
        m.put("QUALITY", "lv_quality");
        m.put("VALUE", "lv_value");
        m.put("SATISFACTION", "lv_satisfaction");
        m.put("COMPLAINT", "lv_complaint");
        m.put("LOYALTY", "lv_loyalty");
        return m;
    }

    /** A survey's row as the service needs it. */
    record SurveyRow(long id, String title, long ownerUnitId, int year, String status, int version, String publicToken,
                     double maxCiWidth, boolean demo) {
    }

    /** A sector or object of the data (survey_sector). */
    public record Sector(String code, String kind, String indicator, String nameZh, String nameEn) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    // ---------------------------------------------------------------- reference data

    public List<Sector> sectors() {
        return jdbc.sql("SELECT code, kind, indicator, name_zh, name_en FROM survey_sector ORDER BY sort")
                .query((rs, i) -> new Sector(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    Map<String, Sector> sectorMap() {
        Map<String, Sector> m = new LinkedHashMap<>();
        sectors().forEach(s -> m.put(s.code(), s));
        return m;
    }

    Map<String, Double> defaultWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        jdbc.sql("SELECT code, default_weight FROM survey_latent ORDER BY sort")
                .query(rs -> {
                    m.put(rs.getString(1), rs.getDouble(2));
                });
        return m;
    }

    // ---------------------------------------------------------------- surveys

    @Transactional
    public SurveyView create(NewSurvey req, CurrentUser user) {
        List<FieldProblem> problems = new ArrayList<>();
        Unit owner;
        if (req.ownerUnitCode() == null || req.ownerUnitCode().isBlank()) {
            owner = units.byId(user.unitId()).orElseThrow();
        } else {
            owner = units.byCode(req.ownerUnitCode()).filter(u -> units.isVisible(u.id(), user)).orElse(null);
            if (owner == null) {
                problems.add(new FieldProblem("ownerUnitCode", Texts.msg("survey.error.unknown-unit", req.ownerUnitCode())));
            }
        }
        Map<String, Double> weights = defaultWeights();
        if (req.weights() != null && !req.weights().isEmpty()) {
            weights.replaceAll((k, v) -> 0.0);
            for (int i = 0; i < req.weights().size(); i++) {
                Weight w = req.weights().get(i);
                if (!weights.containsKey(w.latent())) {
                    problems.add(new FieldProblem("weights[" + i + "].latent",
                            Texts.msg("survey.error.unknown-latent", w.latent())));
                } else {
                    weights.put(w.latent(), w.weight());
                }
            }
            if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                problems.add(new FieldProblem("weights", Texts.msg("survey.error.weights-zero")));
            }
        }
        checkQuestions(req.questions(), weights.keySet(), problems);
        Map<String, Sector> sectors = sectorMap();
        Set<String> cells = new HashSet<>();
        List<NewStratum> strata = req.strata() == null ? List.of() : req.strata();
        List<Long> stratumDistricts = new ArrayList<>();
        for (int i = 0; i < strata.size(); i++) {
            NewStratum s = strata.get(i);
            String f = "strata[" + i + "].";
            Unit d = area(s.districtCode());
            if (d == null) {
                problems.add(new FieldProblem(f + "districtCode", Texts.msg("survey.error.unknown-district", s.districtCode())));
            }
            stratumDistricts.add(d == null ? null : d.id());
            if (!sectors.containsKey(s.sectorCode())) {
                problems.add(new FieldProblem(f + "sectorCode", Texts.msg("survey.error.unknown-sector", s.sectorCode())));
            }
            if (s.populationShare() == null || !(s.populationShare() > 0)) {
                problems.add(new FieldProblem(f + "populationShare", Texts.msg("survey.error.share-positive")));
            }
            if (!cells.add(s.districtCode() + "|" + s.sectorCode())) {
                problems.add(new FieldProblem(f + "sectorCode", Texts.msg("survey.error.duplicate-stratum")));
            }
        }
        if (req.fieldFrom() != null && req.fieldTo() != null && req.fieldTo().isBefore(req.fieldFrom())) {
            problems.add(new FieldProblem("fieldTo", Texts.msg("survey.error.period-order")));
        }
        if (req.contractFrom() != null && req.contractTo() != null && req.contractTo().isBefore(req.contractFrom())) {
            problems.add(new FieldProblem("contractTo", Texts.msg("survey.error.period-order")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = insertSurvey(req, owner.id(), user.id(), false);
        weights.forEach((latent, w) -> jdbc.sql("INSERT INTO survey_weight (survey_id, latent, weight) VALUES (:s, :l, :w)")
                .param("s", id).param("l", latent).param("w", w).update());
        insertQuestions(id, 1, req.questions());
        for (int i = 0; i < strata.size(); i++) {
            NewStratum s = strata.get(i);
            jdbc.sql("INSERT INTO survey_stratum (survey_id, district_unit_id, sector_code, population_share, quota) "
                            + "VALUES (:s, :d, :c, :p, :q)")
                    .param("s", id).param("d", stratumDistricts.get(i)).param("c", s.sectorCode())
                    .param("p", s.populationShare()).param("q", s.quota()).update();
        }
        SurveyView view = view(row(id));
        audit.record("survey", "survey", id, owner.id(), "CREATE", null, view);
        return view;
    }

    /** Problems of a questionnaire: kinds, unique codes, a known latent variable for (and only for) scale items. */
    private static void checkQuestions(List<NewQuestion> questions, Set<String> latents, List<FieldProblem> problems) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            NewQuestion q = questions.get(i);
            String f = "questions[" + i + "].";
            if (q == null) {
                problems.add(new FieldProblem("questions[" + i + "]", Texts.msg("error.required")));
                continue;
            }
            if (!KINDS.contains(q.kind())) {
                problems.add(new FieldProblem(f + "kind", Texts.msg("survey.error.unknown-kind", q.kind())));
                continue;
            }
            if (!codes.add(q.code())) {
                problems.add(new FieldProblem(f + "code", Texts.msg("survey.error.duplicate-question", q.code())));
            }
            if (q.kind().equals("SCALE")) {
                if (q.latent() == null || !latents.contains(q.latent())) {
                    problems.add(new FieldProblem(f + "latent", Texts.msg("survey.error.unknown-latent", q.latent())));
                }
            } else if (q.latent() != null) {
                problems.add(new FieldProblem(f + "latent", Texts.msg("survey.error.latent-only-for-scale")));
            }
            boolean choice = q.kind().equals("SINGLE") || q.kind().equals("MULTIPLE");
            if (choice && (q.options() == null || q.options().size() < 2)) {
                problems.add(new FieldProblem(f + "options", Texts.msg("survey.error.options-needed")));
            }
        }
    }

    /**
     * Replaces the survey's weights of the latent variables (a variable left out weighs 0) and scores every response
     * again under them; audited with the weights before and after.
     */
    @Transactional
    public SurveyView updateWeights(long surveyId, List<Weight> weights, CurrentUser user) {
        SurveyRow survey = requireVisible(surveyId, user);
        Map<String, Double> next = defaultWeights();
        next.replaceAll((k, v) -> 0.0);
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Weight w = weights.get(i);
            if (w == null || !next.containsKey(w.latent())) {
                problems.add(new FieldProblem("weights[" + i + "].latent",
                        Texts.msg("survey.error.unknown-latent", w == null ? null : w.latent())));
            } else if (w.weight() == null || w.weight() < 0 || w.weight().isNaN()) {
                problems.add(new FieldProblem("weights[" + i + "].weight", Texts.msg("survey.error.weight-negative")));
            } else {
                next.put(w.latent(), w.weight());
            }
        }
        if (problems.isEmpty() && next.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            problems.add(new FieldProblem("weights", Texts.msg("survey.error.weights-zero")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        SurveyView before = view(survey);
        next.forEach((latent, w) -> jdbc.sql("INSERT INTO survey_weight (survey_id, latent, weight) VALUES (:s, :l, :w) "
                        + "ON CONFLICT (survey_id, latent) DO UPDATE SET weight = EXCLUDED.weight")
                .param("s", surveyId).param("l", latent).param("w", w).update());
        score(surveyId, true);
        SurveyView after = view(survey);
        audit.record("survey", "survey", surveyId, survey.ownerUnitId(), "WEIGHTS", before.weights(), after.weights());
        changed(survey.year());
        return after;
    }

    /**
     * A new version of the questionnaire: its questions are stored under the next version number, which new answers
     * use; the answers given to an earlier version keep their version, questions and scores.
     */
    @Transactional
    public SurveyView newVersion(long surveyId, List<NewQuestion> questions, CurrentUser user) {
        SurveyRow survey = requireVisible(surveyId, user);
        List<FieldProblem> problems = new ArrayList<>();
        checkQuestions(questions, defaultWeights().keySet(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int version = survey.version() + 1;
        insertQuestions(surveyId, version, questions);
        jdbc.sql("UPDATE survey SET version = :v WHERE id = :id").param("v", version).param("id", surveyId).update();
        SurveyView after = view(row(surveyId));
        audit.record("survey", "survey", surveyId, survey.ownerUnitId(), "NEW_VERSION",
                Map.of("version", survey.version()), Map.of("version", version, "questions", after.questions()));
        return after;
    }

    long insertSurvey(NewSurvey req, long ownerUnitId, Long createdBy, boolean demo) {
        return jdbc.sql("""
                        INSERT INTO survey (title, owner_unit_id, year, public_token, firm_name, firm_qualification,
                                            contract_from, contract_to, field_from, field_to, max_ci_width, demo, created_by)
                        VALUES (:title, :owner, :year, :token, :firm, :qual, :cf, :ct, :ff, :ft, :w, :demo, :by)
                        RETURNING id""")
                .param("title", req.title().trim()).param("owner", ownerUnitId).param("year", req.year())
                .param("token", token()).param("firm", req.firmName()).param("qual", req.firmQualification())
                .param("cf", req.contractFrom()).param("ct", req.contractTo()).param("ff", req.fieldFrom())
                .param("ft", req.fieldTo()).param("w", req.maxCiWidth() == null ? 10.0 : req.maxCiWidth())
                .param("demo", demo).param("by", createdBy).query(Long.class).single();
    }

    void insertQuestions(long surveyId, int version, List<NewQuestion> questions) {
        for (int i = 0; i < questions.size(); i++) {
            NewQuestion q = questions.get(i);
            jdbc.sql("INSERT INTO survey_question (survey_id, version, code, section, sort, kind, text, options, latent) "
                            + "VALUES (:s, :v, :code, :section, :sort, :kind, :text, COALESCE(string_to_array(:options, chr(31)), '{}'), :latent)")
                    .param("s", surveyId).param("v", version).param("code", q.code()).param("section", q.section())
                    .param("sort", i + 1).param("kind", q.kind()).param("text", q.text())
                    .param("options", q.options() == null || q.options().isEmpty() ? null
                            : String.join("\u001f", q.options()))
                    .param("latent", q.latent()).update();
        }
    }

    static String token() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Unit area(String code) {
        if (code == null) {
            return null;
        }
        return units.areas().stream().filter(u -> u.code().equals(code)).findFirst().orElse(null);
    }

    private static final String SURVEY_SELECT = "SELECT v.id, v.title, v.owner_unit_id, v.year, v.status, v.version, "
            + "v.public_token, v.max_ci_width, v.demo FROM survey v";

    private static SurveyRow mapRow(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new SurveyRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getInt(6),
                rs.getString(7), rs.getDouble(8), rs.getBoolean(9));
    }

    SurveyRow row(long id) {
        return jdbc.sql(SURVEY_SELECT + " WHERE v.id = :id").param("id", id).query(SurveyService::mapRow).optional()
                .orElseThrow(() -> new NotFoundException("survey " + id));
    }

    /** The survey if the user's data scope covers its owning unit; 404 otherwise (as if it did not exist). */
    SurveyRow requireVisible(long id, CurrentUser user) {
        SurveyRow r = row(id);
        if (!units.isVisible(r.ownerUnitId(), user)) {
            throw new NotFoundException("survey " + id);
        }
        return r;
    }

    public SurveyView get(long id, CurrentUser user) {
        return view(requireVisible(id, user));
    }

    public List<SurveySummary> list(CurrentUser user, Integer year, String indicator) {
        return ListSql.from(" FROM survey v")
                .scope(user.scope(), "v.owner_unit_id", "v.created_by")
                .equal("v.year", "year", year)
                .when(indicator != null, "EXISTS (SELECT 1 FROM survey_response r JOIN survey_sector s ON s.code = "
                        + "r.sector_code WHERE r.survey_id = v.id AND s.indicator = :indicator)")
                .param("indicator", indicator)
                .orderBy("v.year DESC, v.id DESC")
                .rows(jdbc, "SELECT v.id, v.title, v.year, v.status, v.owner_unit_id, v.firm_name, v.field_from, "
                        + "v.field_to, v.demo, (SELECT count(*) FROM survey_response r WHERE r.survey_id = v.id "
                        + "AND r.score IS NOT NULL), v.public_token FROM survey v", (rs, i) -> new SurveySummary(
                        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        units.byId(rs.getLong(5)).map(Unit::code).orElse(null), rs.getString(6),
                        rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getBoolean(9),
                        rs.getLong(10), rs.getString(11)), 1000, 0);
    }

    /** Open surveys for the public page: title, year, field period and the public link's token. */
    public List<SurveySummary> openSurveys() {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("SELECT v.id, v.title, v.year, v.status, v.owner_unit_id, v.firm_name, v.field_from, v.field_to, "
                        + "v.demo, v.public_token FROM survey v WHERE v.status = 'OPEN' "
                        + "AND (v.field_from IS NULL OR v.field_from <= :today) AND (v.field_to IS NULL OR v.field_to >= :today) "
                        + "ORDER BY v.year DESC, v.id DESC LIMIT 100")
                .param("today", today)
                .query((rs, i) -> new SurveySummary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), null,
                        rs.getString(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                        rs.getBoolean(9), 0, rs.getString(10))).list();
    }

    SurveyView view(SurveyRow r) {
        var detail = jdbc.sql("SELECT firm_name, firm_qualification, contract_from, contract_to, field_from, field_to, "
                        + "(SELECT count(*) FROM survey_response x WHERE x.survey_id = v.id AND x.score IS NOT NULL) "
                        + "FROM survey v WHERE id = :id")
                .param("id", r.id()).query((rs, i) -> new Object[]{rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class), rs.getLong(7)}).single();
        List<Weight> weights = jdbc.sql("SELECT w.latent, w.weight FROM survey_weight w JOIN survey_latent l ON "
                        + "l.code = w.latent WHERE w.survey_id = :id ORDER BY l.sort").param("id", r.id())
                .query((rs, i) -> new Weight(rs.getString(1), rs.getDouble(2))).list();
        return new SurveyView(r.id(), r.title(), units.byId(r.ownerUnitId()).map(Unit::code).orElse(null), r.year(),
                r.status(), r.version(), r.publicToken(), (String) detail[0], (String) detail[1], (LocalDate) detail[2],
                (LocalDate) detail[3], (LocalDate) detail[4], (LocalDate) detail[5], r.maxCiWidth(), r.demo(),
                (Long) detail[6], weights, questions(r.id(), r.version()), strata(r.id()));
    }

    List<QuestionView> questions(long surveyId, int version) {
        return jdbc.sql("SELECT id, code, section, sort, kind, text, options, latent FROM survey_question "
                        + "WHERE survey_id = :s AND version = :v ORDER BY sort")
                .param("s", surveyId).param("v", version)
                .query((rs, i) -> new QuestionView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), strings(rs.getArray(7)), rs.getString(8))).list();
    }

    private static List<String> strings(Array a) throws java.sql.SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    List<StratumView> strata(long surveyId) {
        Locale locale = Texts.locale();
        Map<String, Sector> sectors = sectorMap();
        return jdbc.sql("SELECT st.id, st.district_unit_id, st.sector_code, st.population_share, st.quota, "
                        + "(SELECT count(*) FROM survey_response r WHERE r.survey_id = st.survey_id AND r.score IS NOT NULL "
                        + "AND r.district_unit_id = st.district_unit_id AND r.sector_code = st.sector_code) "
                        + "FROM survey_stratum st WHERE st.survey_id = :s ORDER BY st.district_unit_id, st.sector_code")
                .param("s", surveyId)
                .query((rs, i) -> {
                    Unit d = units.byId(rs.getLong(2)).orElseThrow();
                    Sector s = sectors.get(rs.getString(3));
                    return new StratumView(rs.getLong(1), d.code(), d.name(locale), s.code(), s.name(locale),
                            rs.getDouble(4), (Integer) rs.getObject(5), rs.getLong(6));
                }).list();
    }

    // ---------------------------------------------------------------- answers

    /** A response ready to store (validated). */
    record NewResponse(long surveyId, int version, long districtId, String sectorCode, String channel,
                       String interviewer, String callOutcome, String respondentRef, Instant answeredAt,
                       Map<Long, AnswerIn> answers, boolean demo) {
    }

    /** Checks a respondent's district, sector and answers against the survey; problems are added, nothing thrown. */
    final class Checker {
        final SurveyRow survey;
        final Map<String, QuestionView> questions = new LinkedHashMap<>();
        final Map<String, Sector> sectors;
        final Set<String> strata = new HashSet<>();
        final Set<String> designedSectors = new HashSet<>();

        Checker(SurveyRow survey) {
            this.survey = survey;
            questions(survey.id(), survey.version()).forEach(q -> questions.put(q.code(), q));
            this.sectors = sectorMap();
            jdbc.sql("SELECT district_unit_id, sector_code FROM survey_stratum WHERE survey_id = :s")
                    .param("s", survey.id()).query(rs -> {
                        strata.add(rs.getLong(1) + "|" + rs.getString(2));
                        designedSectors.add(rs.getString(2));
                    });
        }

        /** The district's unit id, or null with a problem added. */
        Long district(String code, String field, List<FieldProblem> problems) {
            Unit u = area(code);
            if (u == null) {
                problems.add(new FieldProblem(field, Texts.msg("survey.error.unknown-district", code)));
                return null;
            }
            return u.id();
        }

        boolean sector(String code, String field, List<FieldProblem> problems) {
            if (code == null || !sectors.containsKey(code)
                    || (!designedSectors.isEmpty() && !designedSectors.contains(code))) {
                problems.add(new FieldProblem(field, Texts.msg("survey.error.unknown-sector", code)));
                return false;
            }
            return true;
        }

        void stratum(Long district, String sector, String field, List<FieldProblem> problems) {
            if (district != null && !strata.isEmpty() && !strata.contains(district + "|" + sector)) {
                problems.add(new FieldProblem(field, Texts.msg("survey.error.outside-design")));
            }
        }

        /** The answers by question id; {@code field} names the problem's field for an answer's question and part. */
        Map<Long, AnswerIn> answers(List<AnswerIn> in, Function<String, String> field, List<FieldProblem> problems,
                                    boolean scaleRequired) {
            Map<Long, AnswerIn> out = new LinkedHashMap<>();
            boolean scale = false;
            for (AnswerIn a : in == null ? List.<AnswerIn>of() : in) {
                if (a == null) {
                    continue;
                }
                QuestionView q = a.question() == null ? null : questions.get(a.question());
                if (q == null) {
                    problems.add(new FieldProblem(field.apply(a.question() + ".question"),
                            Texts.msg("survey.error.unknown-question", a.question())));
                    continue;
                }
                String f = field.apply(q.code());
                switch (q.kind()) {
                    case "SCALE" -> {
                        if (a.score() == null) {
                            continue;
                        }
                        if (a.score() < 1 || a.score() > 10) {
                            problems.add(new FieldProblem(f, Texts.msg("survey.error.score-range", a.score())));
                            continue;
                        }
                        scale = true;
                    }
                    case "SINGLE", "MULTIPLE" -> {
                        List<String> ch = a.choices() == null ? List.of() : a.choices();
                        if (ch.isEmpty()) {
                            continue;
                        }
                        if ((q.kind().equals("SINGLE") && ch.size() != 1) || !q.options().containsAll(ch)) {
                            problems.add(new FieldProblem(f, Texts.msg("survey.error.unknown-option", String.join(",", ch))));
                            continue;
                        }
                    }
                    default -> {
                        if (a.text() == null || a.text().isBlank()) {
                            continue;
                        }
                    }
                }
                out.put(q.id(), a);
            }
            if (scaleRequired && !scale) {
                problems.add(new FieldProblem(field.apply("answers"), Texts.msg("survey.error.no-scale-answer")));
            }
            return out;
        }
    }

    Checker checker(SurveyRow survey) {
        return new Checker(survey);
    }

    /** The period of an answer: the survey year's quarter in which it was given (the first or last outside the year). */
    static String period(int year, LocalDate answered) {
        int quarter = answered.getYear() < year ? 1 : answered.getYear() > year ? 4 : (answered.getMonthValue() + 2) / 3;
        return year + "Q" + quarter;
    }

    /** Stores responses and their answers in batches, then computes their latent variables and scores. */
    List<Long> store(List<NewResponse> responses) {
        if (responses.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("SELECT nextval('survey_response_id_seq') FROM generate_series(1, :n)")
                .param("n", responses.size()).query(Long.class).list();
        List<SqlParameterSource> rows = new ArrayList<>();
        List<SqlParameterSource> answers = new ArrayList<>();
        Map<Long, Integer> years = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            NewResponse r = responses.get(i);
            long id = ids.get(i);
            int year = years.computeIfAbsent(r.surveyId(), s -> row(s).year());
            rows.add(new MapSqlParameterSource().addValue("id", id).addValue("s", r.surveyId()).addValue("v", r.version())
                    .addValue("d", r.districtId()).addValue("c", r.sectorCode())
                    .addValue("p", period(year, LocalDate.ofInstant(r.answeredAt(), clock.getZone())))
                    .addValue("ch", r.channel()).addValue("iv", r.interviewer()).addValue("co", r.callOutcome())
                    .addValue("ref", r.respondentRef()).addValue("at", Timestamp.from(r.answeredAt()))
                    .addValue("demo", r.demo()));
            r.answers().forEach((q, a) -> answers.add(new MapSqlParameterSource().addValue("r", id).addValue("q", q)
                    .addValue("score", a.score()).addValue("choices", a.choices() == null || a.choices().isEmpty()
                            ? null : String.join("\u001f", a.choices()))
                    .addValue("text", a.text() == null || a.text().isBlank() ? null : a.text().trim())));
        }
        named.batchUpdate("""
                INSERT INTO survey_response (id, survey_id, version, district_unit_id, sector_code, period, channel,
                                             interviewer, call_outcome, respondent_ref, answered_at, demo)
                VALUES (:id, :s, :v, :d, :c, :p, :ch, :iv, :co, :ref, :at, :demo)""", rows.toArray(SqlParameterSource[]::new));
        named.batchUpdate("INSERT INTO survey_answer (response_id, question_id, score, choices, text) "
                        + "VALUES (:r, :q, :score, string_to_array(:choices, chr(31)), :text)",
                answers.toArray(SqlParameterSource[]::new));
        for (long surveyId : years.keySet()) {
            score(surveyId, false);
        }
        return ids;
    }

    /**
     * Each response's latent variables (the mean of its scale items per variable) and its index score
     * Σ wᵢ·(x̄ᵢ − 1)/9 × 100 / Σ wᵢ over the variables it answered with a positive weight; all of the survey's
     * responses ({@code all}, after a change of weights) or those not scored yet. Two set-based updates.
     */
    void score(long surveyId, boolean all) {
        score(List.of(surveyId), all);
    }

    /** {@link #score(long, boolean)} for several surveys at once (the demo data's). */
    void score(List<Long> surveyIds, boolean all) {
        String ids = "{" + String.join(",", surveyIds.stream().map(String::valueOf).toList()) + "}";
        jdbc.sql("""
                UPDATE survey_response r SET lv_brand = a.brand, lv_expected = a.expected, lv_quality = a.quality,
                       lv_value = a.value, lv_satisfaction = a.satisfaction, lv_complaint = a.complaint, lv_loyalty = a.loyalty
                FROM (SELECT a.response_id,
                             avg(a.score) FILTER (WHERE q.latent = 'BRAND') AS brand,
                             avg(a.score) FILTER (WHERE q.latent = 'EXPECTED') AS expected,
                             avg(a.score) FILTER (WHERE q.latent = 'QUALITY') AS quality,
                             avg(a.score) FILTER (WHERE q.latent = 'VALUE') AS value,
                             avg(a.score) FILTER (WHERE q.latent = 'SATISFACTION') AS satisfaction,
                             avg(a.score) FILTER (WHERE q.latent = 'COMPLAINT') AS complaint,
                             avg(a.score) FILTER (WHERE q.latent = 'LOYALTY') AS loyalty
                      FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                      JOIN survey_response r0 ON r0.id = a.response_id
                      WHERE r0.survey_id = ANY (:s::bigint[]) AND (:all OR r0.score IS NULL) AND a.score IS NOT NULL
                      GROUP BY a.response_id) a
                WHERE r.id = a.response_id""").param("s", ids).param("all", all).update();
        jdbc.sql("""
                UPDATE survey_response r SET score = x.score
                FROM (SELECT r0.id, sum(w.weight * (v.lv - 1) / 9 * 100) / sum(w.weight) AS score
                      FROM survey_response r0
                      CROSS JOIN LATERAL (VALUES ('BRAND', r0.lv_brand), ('EXPECTED', r0.lv_expected),
                                                 ('QUALITY', r0.lv_quality), ('VALUE', r0.lv_value),
                                                 ('SATISFACTION', r0.lv_satisfaction), ('COMPLAINT', r0.lv_complaint),
                                                 ('LOYALTY', r0.lv_loyalty)) v (latent, lv)
                      JOIN survey_weight w ON w.survey_id = r0.survey_id AND w.latent = v.latent
                      WHERE r0.survey_id = ANY (:s::bigint[]) AND (:all OR r0.score IS NULL) AND v.lv IS NOT NULL AND w.weight > 0
                      GROUP BY r0.id) x
                WHERE r.id = x.id""").param("s", ids).param("all", all).update();
    }

    private void changed(int year) {
        events.publishEvent(new ComputedDataChanged(SurveyElements.ELEMENTS, Set.of(year)));
    }

    private Double scoreOf(long responseId) {
        return jdbc.sql("SELECT score FROM survey_response WHERE id = :id").param("id", responseId)
                .query(Double.class).optional().orElse(null);
    }

    // ---------------------------------------------------------------- public answering

    record Target(SurveyRow survey, String invitation, Long districtId, String sectorCode, boolean used) {
    }

    /** The survey a token opens: its public link's token or an invitation's; 404 for an unknown token. */
    Target target(String token) {
        if (token == null || token.length() > 40) {
            throw new NotFoundException("survey token");
        }
        var survey = jdbc.sql(SURVEY_SELECT + " WHERE v.public_token = :t").param("t", token)
                .query(SurveyService::mapRow).optional();
        if (survey.isPresent()) {
            return new Target(survey.get(), null, null, null, false);
        }
        return jdbc.sql("SELECT survey_id, district_unit_id, sector_code, used_at IS NOT NULL FROM survey_invitation "
                        + "WHERE token = :t").param("t", token)
                .query((rs, i) -> new Target(row(rs.getLong(1)), token, (Long) rs.getObject(2), rs.getString(3),
                        rs.getBoolean(4))).optional()
                .orElseThrow(() -> new NotFoundException("survey token"));
    }

    public PublicSurvey publicSurvey(String token) {
        Target t = target(token);
        Locale locale = Texts.locale();
        Checker c = checker(t.survey());
        List<Option> districts = units.areas().stream()
                .filter(u -> c.strata.isEmpty() || c.strata.stream().anyMatch(s -> s.startsWith(u.id() + "|")))
                .map(u -> new Option(u.code(), u.name(locale))).toList();
        List<Option> sectors = c.sectors.values().stream()
                .filter(s -> c.designedSectors.isEmpty() || c.designedSectors.contains(s.code()))
                .map(s -> new Option(s.code(), s.name(locale))).toList();
        return new PublicSurvey(token, t.survey().title(), t.invitation() != null, t.used(),
                t.districtId() == null ? null : units.byId(t.districtId()).map(Unit::code).orElse(null), t.sectorCode(),
                new ArrayList<>(c.questions.values()), districts, sectors);
    }

    /** Whether the survey takes answers today: open, and inside its field period. */
    private void requireOpen(SurveyRow s) {
        LocalDate today = LocalDate.now(clock);
        var period = jdbc.sql("SELECT field_from, field_to FROM survey WHERE id = :id").param("id", s.id())
                .query((rs, i) -> new LocalDate[]{rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
        if (!"OPEN".equals(s.status()) || (period[0] != null && today.isBefore(period[0]))
                || (period[1] != null && today.isAfter(period[1]))) {
            throw new ConflictException(Texts.msg("survey.error.closed"));
        }
    }

    /**
     * A citizen's answers by the survey's public link or an invitation token. An invitation answers once: it is
     * claimed by one conditional update, so a second answer (also a concurrent one) is a 409.
     */
    @Transactional
    Receipt submitPublic(String token, Submission s, Target t) {
        requireOpen(t.survey());
        List<FieldProblem> problems = new ArrayList<>();
        if (s == null) {
            throw new ValidationException("answers", Texts.msg("survey.error.no-scale-answer"));
        }
        if (s.website() != null && !s.website().isEmpty()) {
            problems.add(new FieldProblem("website", Texts.msg("survey.error.must-be-empty")));
        }
        Checker c = checker(t.survey());
        String districtCode = t.districtId() != null ? units.byId(t.districtId()).map(Unit::code).orElse(null)
                : s.districtCode();
        String sectorCode = t.sectorCode() != null ? t.sectorCode() : s.sectorCode();
        Long district = c.district(districtCode, "districtCode", problems);
        boolean sectorOk = c.sector(sectorCode, "sectorCode", problems);
        if (sectorOk) {
            c.stratum(district, sectorCode, "districtCode", problems);
        }
        List<AnswerIn> in = s.answers() == null ? List.of() : s.answers();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) != null) {
                index.putIfAbsent(in.get(i).question(), i);
            }
        }
        Map<Long, AnswerIn> answers = c.answers(in, f -> f.equals("answers") ? "answers"
                : "answers[" + index.getOrDefault(f.replace(".question", ""), 0) + "]"
                + (f.endsWith(".question") ? ".question" : ""), problems, true);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (t.invitation() != null) {
            int claimed = jdbc.sql("UPDATE survey_invitation SET used_at = :now WHERE token = :t AND used_at IS NULL")
                    .param("now", Timestamp.from(clock.instant())).param("t", token).update();
            if (claimed == 0) {
                throw new ConflictException(Texts.msg("survey.error.token-used"));
            }
        }
        long id = store(List.of(new NewResponse(t.survey().id(), t.survey().version(), district, sectorCode, "WEB", null,
                null, null, clock.instant(), answers, false))).get(0);
        if (t.invitation() != null) {
            jdbc.sql("UPDATE survey_invitation SET response_id = :r WHERE token = :t").param("r", id)
                    .param("t", token).update();
        }
        audit.record("survey", "response", id, t.survey().ownerUnitId(), "ANSWER", null,
                Map.of("survey", t.survey().id(), "channel", "WEB", "invitation", t.invitation() != null));
        changed(t.survey().year());
        return new Receipt(id, scoreOf(id));
    }

    /** An interviewer's entry; an interview that did not take place (refused, no answer) records only its outcome. */
    @Transactional
    public Receipt interview(long surveyId, Interview req, CurrentUser user) {
        SurveyRow survey = requireVisible(surveyId, user);
        requireOpen(survey);
        List<FieldProblem> problems = new ArrayList<>();
        if (!INTERVIEW_CHANNELS.contains(req.channel())) {
            problems.add(new FieldProblem("channel", Texts.msg("survey.error.unknown-channel", req.channel())));
        }
        if (!CALL_OUTCOMES.contains(req.callOutcome())) {
            problems.add(new FieldProblem("callOutcome", Texts.msg("survey.error.unknown-outcome", req.callOutcome())));
        }
        boolean completed = "COMPLETED".equals(req.callOutcome());
        Checker c = checker(survey);
        Long district = c.district(req.districtCode(), "districtCode", problems);
        if (c.sector(req.sectorCode(), "sectorCode", problems)) {
            c.stratum(district, req.sectorCode(), "districtCode", problems);
        }
        Map<Long, AnswerIn> answers = c.answers(completed ? req.answers() : List.of(),
                f -> f.equals("answers") ? "answers" : "answers." + f, problems, completed);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long id = store(List.of(new NewResponse(survey.id(), survey.version(), district, req.sectorCode(), req.channel(),
                req.interviewer().trim(), req.callOutcome(), null, clock.instant(), answers, false))).get(0);
        audit.record("survey", "response", id, survey.ownerUnitId(), "INTERVIEW", null,
                Map.of("survey", survey.id(), "channel", req.channel(), "interviewer", req.interviewer(),
                        "callOutcome", req.callOutcome()));
        changed(survey.year());
        return new Receipt(id, scoreOf(id));
    }

    @Transactional
    public List<Invitation> invite(long surveyId, NewInvitations req, CurrentUser user) {
        SurveyRow survey = requireVisible(surveyId, user);
        List<FieldProblem> problems = new ArrayList<>();
        Checker c = checker(survey);
        Long district = req.districtCode() == null ? null : c.district(req.districtCode(), "districtCode", problems);
        if (req.sectorCode() != null && c.sector(req.sectorCode(), "sectorCode", problems) && district != null) {
            c.stratum(district, req.sectorCode(), "districtCode", problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<Invitation> out = new ArrayList<>();
        for (int i = 0; i < req.count(); i++) {
            String t = token();
            jdbc.sql("INSERT INTO survey_invitation (token, survey_id, district_unit_id, sector_code) VALUES (:t, :s, :d, :c)")
                    .param("t", t).param("s", surveyId).param("d", district).param("c", req.sectorCode()).update();
            out.add(new Invitation(t, "/public/surveys/" + t));
        }
        audit.record("survey", "invitation", surveyId, survey.ownerUnitId(), "INVITE", null, Map.of("count", req.count()));
        return out;
    }

    /** De-identified answer sheets of a survey (optionally of one stratum), newest first, at most 200. */
    public List<AnswerSheet> sheets(long surveyId, String districtCode, String sectorCode, CurrentUser user) {
        requireVisible(surveyId, user);
        Locale locale = Texts.locale();
        Map<String, Sector> sectors = sectorMap();
        Long district = districtCode == null ? null : units.byCode(districtCode).map(Unit::id).orElse(-1L);
        return jdbc.sql("SELECT id, district_unit_id, sector_code, period, channel, score FROM survey_response "
                        + "WHERE survey_id = :s AND score IS NOT NULL AND (CAST(:d AS bigint) IS NULL OR district_unit_id = :d) "
                        + "AND (CAST(:c AS varchar) IS NULL OR sector_code = :c) ORDER BY id DESC LIMIT 200")
                .param("s", surveyId).param("d", district).param("c", sectorCode)
                .query((rs, i) -> new AnswerSheet(rs.getLong(1),
                        units.byId(rs.getLong(2)).map(u -> u.name(locale)).orElse(null),
                        sectors.get(rs.getString(3)).name(locale), rs.getString(4), rs.getString(5),
                        rs.getDouble(6))).list();
    }
}
