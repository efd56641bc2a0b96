package org.qualitycity.survey.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.survey.internal.Dtos.AnswerIn;
import org.qualitycity.survey.internal.Dtos.NewQuestion;
import org.qualitycity.survey.internal.Dtos.NewSurvey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
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

    @Override
    public void generate(Random random) {
        LocalDate today = LocalDate.now(clock);
        List<Unit> areas = units.areas();
        Unit owner = units.withRole(Unit.Role.QUALITY_OFFICE).orElse(units.city());
        String city = units.city().nameZh();
        Map<String, List<String>> byIndicator = new LinkedHashMap<>();
        service.sectors().forEach(s -> byIndicator.computeIfAbsent(s.indicator(), k -> new ArrayList<>()).add(s.code()));
        // the level of each indicator in 2017 (0–100) and its yearly gain
        Map<String, double[]> level = Map.of("S1", new double[]{71, 1.1}, "S2", new double[]{76, 1.0},
                "W3", new double[]{72, 1.0});
        Map<String, String> titles = Map.of("S1", "生活性服务业顾客满意度测评", "S2", "重点生产性服务业顾客满意度测评",
                "W3", "群众和企业对政府工作质量满意度测评");
        Map<String, String> objects = Map.of("S1", "该行业服务", "S2", "该行业服务", "W3", "政府部门工作");
        Map<Long, Double> districtEffect = new LinkedHashMap<>();
        areas.forEach(a -> districtEffect.put(a.id(), random.nextGaussian() * 2.5));
        int responses = 0;
        for (int year = FIRST_YEAR; year < today.getYear(); year++) {
            for (String indicator : List.of("S1", "S2", "W3")) {
                List<String> sectors = byIndicator.getOrDefault(indicator, List.of());
                if (sectors.isEmpty()) {
                    continue;
                }
                LocalDate from = LocalDate.of(year, 10, 8);
                LocalDate to = LocalDate.of(year, 11, 30);
                NewSurvey req = new NewSurvey("【演示】" + year + "年" + city + titles.get(indicator), year, null,
                        "【演示】第三方调查咨询有限公司", "统计调查资质（演示）", LocalDate.of(year, 9, 1),
                        LocalDate.of(year, 12, 31), from, to, 10.0, null, questionnaire(objects.get(indicator)), null);
                long id = service.insertSurvey(req, owner.id(), null, true);
                jdbc.sql("INSERT INTO survey_weight (survey_id, latent, weight) SELECT :s, code, default_weight "
                        + "FROM survey_latent").param("s", id).update();
                service.insertQuestions(id, 1, req.questions());
                SurveyService.SurveyRow row = service.row(id);
                var questions = service.questions(id, 1);
                List<SurveyService.NewResponse> batch = new ArrayList<>();
                int perStratum = indicator.equals("W3") ? PER_STRATUM * 3 : PER_STRATUM;
                for (Unit area : areas) {
                    for (String sector : sectors) {
                        double share = 0.5 + random.nextDouble();
                        jdbc.sql("INSERT INTO survey_stratum (survey_id, district_unit_id, sector_code, population_share, "
                                        + "quota) VALUES (:s, :d, :c, :p, :q)")
                                .param("s", id).param("d", area.id()).param("c", sector)
                                .param("p", Math.round(share * 1000) / 1000.0).param("q", perStratum).update();
                        double[] l = level.get(indicator);
                        double mean = l[0] + l[1] * (year - FIRST_YEAR) + districtEffect.get(area.id())
                                + random.nextGaussian() * 1.5;
                        for (int k = 0; k < perStratum; k++) {
                            double person = mean + random.nextGaussian() * 8;
                            Map<Long, AnswerIn> answers = new LinkedHashMap<>();
                            for (var q : questions) {
                                switch (q.kind()) {
                                    case "SCALE" -> {
                                        double x = 1 + 9 * person / 100 + random.nextGaussian() * 0.8;
                                        int score = (int) Math.max(1, Math.min(10, Math.round(x)));
                                        answers.put(q.id(), new AnswerIn(q.code(), score, null, null));
                                    }
                                    case "SINGLE" -> answers.put(q.id(), new AnswerIn(q.code(), null,
                                            List.of(q.options().get(random.nextInt(q.options().size()))), null));
                                    default -> {
                                        // free text is left empty in the demo
                                    }
                                }
                            }
                            LocalDate day = from.plusDays(random.nextInt(50));
                            boolean phone = random.nextInt(3) == 0;
                            batch.add(new SurveyService.NewResponse(id, 1, area.id(), sector, phone ? "PHONE" : "FACE",
                                    phone ? "【演示】访员" + (1 + random.nextInt(6)) : null,
                                    phone ? "COMPLETED" : null, "D" + year + "-" + (batch.size() + 1),
                                    day.atTime(10, 0).atZone(ZoneId.of(clock.getZone().getId())).toInstant(), answers,
                                    true));
                        }
                    }
                }
                responses += service.store(batch).size();
                if (row.year() < today.getYear()) {
                    jdbc.sql("UPDATE survey SET status = 'CLOSED' WHERE id = :id").param("id", id).update();
                }
            }
        }
        log.info("Survey demo data: {} responses", responses);
    }
}
