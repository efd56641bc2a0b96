package org.qualitycity.survey.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.survey.internal.Dtos.NewQuestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo surveys, labelled 【演示】: per complete year since 2017 one consumer-services survey (S1), one producer-services
 * survey (S2) and one government-work survey (W3), each with a questionnaire, strata over every area and sector, a
 * survey firm and a field period in October and November, and generated answers, so that S1, S2 and W3 come from
 * answers. Order 280: before the indicator demo (300), which recomputes and then pulls them.
 */
@Component
class SurveyDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(SurveyDemoData.class);
    static final int FIRST_YEAR = 2017;
    private static final int PER_STRATUM = 4;

    private final SurveyService service;
    private final JdbcClient jdbc;
    private final Units units;
    private final Clock clock;

    SurveyDemoData(SurveyService service, JdbcClient jdbc, Units units, Clock clock) {
        this.service = service;
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 280;
    }

    static List<NewQuestion> questionnaire(String object) {
        String s1 = "一、" + object + "评价";
        String s2 = "二、基本情况";
        return List.of(
                new NewQuestion("Q1", s1, "SCALE", "您对" + object + "的总体印象如何？（1分最差，10分最好）", null, "BRAND"),
                new NewQuestion("Q2", s1, "SCALE", "接受服务前，您对" + object + "质量的预期如何？", null, "EXPECTED"),
                new NewQuestion("Q3", s1, "SCALE", "您实际感受到的服务质量如何？", null, "QUALITY"),
                new NewQuestion("Q4", s1, "SCALE", "服务的规范性和可靠性如何？", null, "QUALITY"),
                new NewQuestion("Q5", s1, "SCALE", "与所付出的费用或时间相比，服务是否物有所值？", null, "VALUE"),
                new NewQuestion("Q6", s1, "SCALE", "总体而言，您对" + object + "的满意程度如何？", null, "SATISFACTION"),
                new NewQuestion("Q7", s1, "SCALE", "与您心目中理想的服务相比，满意程度如何？", null, "SATISFACTION"),
                new NewQuestion("Q8", s1, "SCALE", "遇到问题时，您对投诉处理的满意程度如何？", null, "COMPLAINT"),
                new NewQuestion("Q9", s1, "SCALE", "您是否愿意再次选择或向亲友推荐？", null, "LOYALTY"),
                new NewQuestion("Q10", s2, "SINGLE", "您的年龄段", List.of("18–29岁", "30–44岁", "45–59岁", "60岁及以上"), null),
                new NewQuestion("Q11", s2, "TEXT", "您对改进服务质量有什么意见和建议？", null, null));
    }

    /** A PostgreSQL array literal of texts (quoted, so commas and spaces are safe), for a ::text[] parameter. */
    static String textArray(List<String> items) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            String v = items.get(i);
            b.append(i == 0 ? "" : ",");
            b.append(v == null ? "NULL" : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return b.append('}').toString();
    }

    static String numberArray(List<? extends Number> items) {
        return "{" + String.join(",", items.stream().map(String::valueOf).toList()) + "}";
    }

    /**
     * Set-based: one statement each for the surveys, their weights, questionnaires and strata, one for all responses
     * with their answers (INSERT … SELECT generate_series, random_normal() seeded from the demo seed), and the
     * scoring's two updates over all demo surveys.
     */
    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        int last = LocalDate.now(clock).getYear() - 1;
        List<Unit> areas = units.areas();
        if (last < FIRST_YEAR || areas.isEmpty()) {
            return;
        }
        Unit owner = units.withRole(Unit.Role.QUALITY_OFFICE).orElse(units.city());
        String zone = clock.getZone().getId();
        jdbc.sql("SELECT setseed(:seed)").param("seed", random.nextDouble() * 2 - 1).query(Object.class).single();
        Map<String, List<String>> byIndicator = new LinkedHashMap<>();
        service.sectors().forEach(s -> byIndicator.computeIfAbsent(s.indicator(), k -> new ArrayList<>()).add(s.code()));
        // the indicators, their titles, objects, level in 2017 (0–100) and yearly gain, answers per stratum
        List<String> indicators = new ArrayList<>(List.of("S1", "S2", "W3"));
        indicators.removeIf(i -> !byIndicator.containsKey(i));
        Map<String, String> titles = Map.of("S1", "生活性服务业顾客满意度测评", "S2", "重点生产性服务业顾客满意度测评",
                "W3", "群众和企业对政府工作质量满意度测评");
        Map<String, String> objects = Map.of("S1", "该行业服务", "S2", "该行业服务", "W3", "政府部门工作");
        Map<String, double[]> level = Map.of("S1", new double[]{71, 1.1}, "S2", new double[]{76, 1.0},
                "W3", new double[]{72, 1.0});
        List<Double> effects = areas.stream().map(a -> random.nextGaussian() * 2.5).toList();

        // the surveys, closed (every demo year is over); ids drawn first so that each is known with its indicator
        List<Object[]> created = jdbc.sql("""
                        WITH src AS MATERIALIZED (
                            SELECT nextval('survey_id_seq') AS id, y, t.ind, t.title, t.o
                            FROM generate_series(:first, :last) y
                            CROSS JOIN unnest(:inds::text[], :titles::text[]) WITH ORDINALITY t (ind, title, o)
                            ORDER BY y, t.o),
                        ins AS (
                            INSERT INTO survey (id, title, owner_unit_id, year, status, public_token, firm_name,
                                                firm_qualification, contract_from, contract_to, field_from, field_to,
                                                max_ci_width, demo)
                            SELECT id, '【演示】' || y || '年' || :city || title, :owner, y, 'CLOSED',
                                   replace(gen_random_uuid()::text, '-', ''), '【演示】第三方调查咨询有限公司',
                                   '统计调查资质（演示）', make_date(y, 9, 1), make_date(y, 12, 31), make_date(y, 10, 8),
                                   make_date(y, 11, 30), 10, true
                            FROM src RETURNING id)
                        SELECT src.id, src.ind, src.y FROM src JOIN ins ON ins.id = src.id ORDER BY src.id""")
                .param("first", FIRST_YEAR).param("last", last).param("inds", textArray(indicators))
                .param("titles", textArray(indicators.stream().map(titles::get).toList()))
                .param("city", units.city().nameZh()).param("owner", owner.id())
                .query((rs, i) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getInt(3)}).list();
        String ids = numberArray(created.stream().map(r -> (Long) r[0]).toList());
        String inds = textArray(created.stream().map(r -> (String) r[1]).toList());
        String years = numberArray(created.stream().map(r -> (Integer) r[2]).toList());
        jdbc.sql("INSERT INTO survey_weight (survey_id, latent, weight) SELECT sv.id, l.code, l.default_weight "
                + "FROM unnest(:ids::bigint[]) sv (id) CROSS JOIN survey_latent l").param("ids", ids).update();

        // the questionnaire of each indicator (version 1), for all its surveys in one statement
        List<String> qInd = new ArrayList<>();
        List<String> qCode = new ArrayList<>();
        List<String> qSection = new ArrayList<>();
        List<Integer> qSort = new ArrayList<>();
        List<String> qKind = new ArrayList<>();
        List<String> qText = new ArrayList<>();
        List<String> qOptions = new ArrayList<>();
        List<String> qLatent = new ArrayList<>();
        for (String indicator : indicators) {
            List<NewQuestion> qs = questionnaire(objects.get(indicator));
            for (int i = 0; i < qs.size(); i++) {
                NewQuestion q = qs.get(i);
                qInd.add(indicator);
                qCode.add(q.code());
                qSection.add(q.section());
                qSort.add(i + 1);
                qKind.add(q.kind());
                qText.add(q.text());
                qOptions.add(q.options() == null ? null : String.join("\u001f", q.options()));
                qLatent.add(q.latent());
            }
        }
        jdbc.sql("""
                        INSERT INTO survey_question (survey_id, version, code, section, sort, kind, text, options, latent)
                        SELECT sv.id, 1, q.code, q.section, q.sort, q.kind, q.text,
                               COALESCE(string_to_array(q.options, chr(31)), '{}'), q.latent
                        FROM unnest(:ids::bigint[], :inds::text[]) sv (id, ind)
                        JOIN unnest(:qind::text[], :qcode::text[], :qsection::text[], :qsort::int[], :qkind::text[],
                                    :qtext::text[], :qoptions::text[], :qlatent::text[])
                             q (ind, code, section, sort, kind, text, options, latent) ON q.ind = sv.ind
                        ORDER BY sv.id, q.sort""")
                .param("ids", ids).param("inds", inds).param("qind", textArray(qInd)).param("qcode", textArray(qCode))
                .param("qsection", textArray(qSection)).param("qsort", numberArray(qSort))
                .param("qkind", textArray(qKind)).param("qtext", textArray(qText))
                .param("qoptions", textArray(qOptions)).param("qlatent", textArray(qLatent)).update();

        // strata: every area × every sector of the indicator, a population share and the quota
        jdbc.sql("""
                        INSERT INTO survey_stratum (survey_id, district_unit_id, sector_code, population_share, quota)
                        SELECT sv.id, a.id, sc.code, round((0.5 + random())::numeric, 3),
                               CASE sv.ind WHEN 'W3' THEN :per * 3 ELSE :per END
                        FROM unnest(:ids::bigint[], :inds::text[]) sv (id, ind)
                        CROSS JOIN unnest(:areas::bigint[]) WITH ORDINALITY a (id, o)
                        JOIN survey_sector sc ON sc.indicator = sv.ind
                        ORDER BY sv.id, a.o, sc.sort""")
                .param("ids", ids).param("inds", inds).param("per", PER_STRATUM)
                .param("areas", numberArray(areas.stream().map(Unit::id).toList())).update();

        // the responses (quota per stratum) and their answers: a stratum's mean from the indicator's level, the year's
        // gain and the district's effect; a person around it; each scale item around the person; one statement
        int responses = jdbc.sql("""
                        WITH lvl AS MATERIALIZED (
                            SELECT st.survey_id, st.district_unit_id AS d, st.sector_code AS s, st.quota, sv.year,
                                   l.base + l.gain * (sv.year - :first) + e.effect + random_normal() * 1.5 AS mean
                            FROM survey_stratum st
                            JOIN unnest(:ids::bigint[], :inds::text[], :years::int[]) sv (id, ind, year) ON sv.id = st.survey_id
                            JOIN unnest(:linds::text[], :lbase::float8[], :lgain::float8[]) l (ind, base, gain) ON l.ind = sv.ind
                            JOIN unnest(:areas::bigint[], :effects::float8[]) e (d, effect) ON e.d = st.district_unit_id
                            ORDER BY st.id),
                        p AS MATERIALIZED (
                            SELECT nextval('survey_response_id_seq') AS id, lvl.survey_id, lvl.d, lvl.s, lvl.year,
                                   lvl.mean + random_normal() * 8 AS person, random() < 1.0 / 3 AS phone,
                                   1 + floor(random() * 6)::int AS iv,
                                   make_timestamptz(lvl.year, 10, 8, 10, 0, 0, :zone)
                                       + floor(random() * 50)::int * interval '1 day' AS at,
                                   row_number() OVER (PARTITION BY lvl.survey_id ORDER BY lvl.d, lvl.s, k) AS ref
                            FROM lvl CROSS JOIN generate_series(1, lvl.quota) k),
                        ins AS (
                            INSERT INTO survey_response (id, survey_id, version, district_unit_id, sector_code, period,
                                                         channel, interviewer, call_outcome, respondent_ref, answered_at, demo)
                            SELECT id, survey_id, 1, d, s, year || 'Q' || to_char(at AT TIME ZONE :zone, 'Q'),
                                   CASE WHEN phone THEN 'PHONE' ELSE 'FACE' END,
                                   CASE WHEN phone THEN '【演示】访员' || iv END, CASE WHEN phone THEN 'COMPLETED' END,
                                   'D' || year || '-' || ref, at, true
                            FROM p RETURNING id),
                        ans AS (
                            INSERT INTO survey_answer (response_id, question_id, score, choices)
                            SELECT p.id, q.id,
                                   CASE WHEN q.kind = 'SCALE' THEN greatest(1, least(10,
                                       round(1 + 9 * p.person / 100 + random_normal() * 0.8)))::smallint END,
                                   CASE WHEN q.kind = 'SINGLE' THEN
                                       ARRAY[q.options[1 + floor(random() * cardinality(q.options))::int]] END
                            FROM p JOIN ins ON ins.id = p.id
                            JOIN survey_question q ON q.survey_id = p.survey_id AND q.kind IN ('SCALE', 'SINGLE'))
                        SELECT count(*) FROM ins""")
                .param("first", FIRST_YEAR).param("ids", ids).param("inds", inds).param("years", years)
                .param("linds", textArray(List.of("S1", "S2", "W3")))
                .param("lbase", numberArray(List.of(level.get("S1")[0], level.get("S2")[0], level.get("W3")[0])))
                .param("lgain", numberArray(List.of(level.get("S1")[1], level.get("S2")[1], level.get("W3")[1])))
                .param("areas", numberArray(areas.stream().map(Unit::id).toList())).param("effects", numberArray(effects))
                .param("zone", zone).query(Integer.class).single();
        service.score(created.stream().map(r -> (Long) r[0]).toList(), false);
        log.info("Survey demo data: {} surveys, {} responses in {} ms", created.size(), responses,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
