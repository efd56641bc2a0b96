package org.qualitycity.spotcheck.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo samples from 2017-01 to the last complete month in every area (8–20 a month per area), drawn
 * from the demo register: pass probabilities near the plan's targets with a slow improvement and a
 * weaker 通城县, objections with re-tests, follow-ups of failed batches (some late), a published
 * announcement per year. Per-item results are generated for failed batches.
 */
@Component
class SpotcheckDemoData implements DemoDataContributor {

    /** Industry code prefix → categories sampled from such an enterprise. */
    private static final Map<String, String[]> CATEGORIES = new LinkedHashMap<>();
    private static final Map<String, String[]> PRODUCTS = new HashMap<>();
    private static final Map<String, String[]> FAILED_ITEMS = Map.of(
            "INDUSTRIAL", new String[]{"标志和说明", "输入功率和电流", "甲醛释放量", "纤维含量", "总养分", "耐热和耐燃"},
            "FOOD", new String[]{"菌落总数", "大肠菌群", "酸价", "过氧化值", "苯甲酸及其钠盐", "铅(以Pb计)"},
            "AGRICULTURAL", new String[]{"毒死蜱", "克百威", "氧乐果", "腐霉利", "恩诺沙星", "镉(以Cd计)"});
    private static final String[] SAMPLERS = {"陈明", "刘洋", "王芳", "李强", "张敏", "周杰", "吴磊", "郑丽", "孙涛", "胡静"};
    private static final String[] LABS = {"咸宁市产品质量监督检验所", "湖北省产品质量监督检验研究院", "咸宁市食品药品检验所",
            "湖北省食品质量安全监督检验研究院"};

    static {
        // the plan's key foods (四.(五).2) among them: 特色食品, 酒类, 保健食品, 食品添加剂 besides dairy, oil and meat
        CATEGORIES.put("C1411", new String[]{"FOOD-CAKE", "FOOD-LOCAL"});
        CATEGORIES.put("C1440", new String[]{"FOOD-DAIRY", "FOOD-HEALTH"});
        CATEGORIES.put("C1353", new String[]{"FOOD-MEAT"});
        CATEGORIES.put("C1331", new String[]{"FOOD-OIL", "FOOD-ADDITIVE"});
        CATEGORIES.put("C1523", new String[]{"FOOD-DRINK", "FOOD-LIQUOR"});
        CATEGORIES.put("C1530", new String[]{"AGR-TEA"});
        CATEGORIES.put("A0412", new String[]{"AGR-AQUA"});
        CATEGORIES.put("A0141", new String[]{"AGR-VEG", "AGR-FRUIT"});
        CATEGORIES.put("A0313", new String[]{"AGR-LIVESTOCK"});
        CATEGORIES.put("C3857", new String[]{"IND-ELEC"});
        CATEGORIES.put("C3021", new String[]{"IND-BUILD"});
        CATEGORIES.put("C1713", new String[]{"IND-TEXTILE"});
        CATEGORIES.put("C2625", new String[]{"IND-CHEM"});
        CATEGORIES.put("C2682", new String[]{"IND-DAILY"});
        PRODUCTS.put("FOOD-CAKE", new String[]{"蛋糕", "月饼", "桂花糕"});
        PRODUCTS.put("FOOD-DAIRY", new String[]{"纯牛奶", "酸奶", "乳饮料"});
        PRODUCTS.put("FOOD-MEAT", new String[]{"腊肉", "香肠", "卤制品"});
        PRODUCTS.put("FOOD-OIL", new String[]{"菜籽油", "大豆油", "芝麻油"});
        PRODUCTS.put("FOOD-DRINK", new String[]{"包装饮用水", "果汁饮料", "茶饮料"});
        PRODUCTS.put("FOOD-LOCAL", new String[]{"桂花糕", "麻塘米酥", "咸宁砖茶饼"});
        PRODUCTS.put("FOOD-HEALTH", new String[]{"蛋白粉", "益生菌粉"});
        PRODUCTS.put("FOOD-ADDITIVE", new String[]{"食用香精", "复配增稠剂"});
        PRODUCTS.put("FOOD-LIQUOR", new String[]{"米酒", "白酒", "黄酒"});
        PRODUCTS.put("AGR-TEA", new String[]{"青砖茶", "绿茶", "红茶"});
        PRODUCTS.put("AGR-AQUA", new String[]{"鲫鱼", "小龙虾", "草鱼"});
        PRODUCTS.put("AGR-VEG", new String[]{"白菜", "豇豆", "芹菜", "韭菜"});
        PRODUCTS.put("AGR-FRUIT", new String[]{"猕猴桃", "柑橘", "桃"});
        PRODUCTS.put("AGR-LIVESTOCK", new String[]{"猪肉", "鸡肉", "鸡蛋"});
        PRODUCTS.put("IND-ELEC", new String[]{"电热水壶", "电饭锅", "插座"});
        PRODUCTS.put("IND-BUILD", new String[]{"人造板", "陶瓷砖", "水泥"});
        PRODUCTS.put("IND-TEXTILE", new String[]{"T恤衫", "床上用品", "苎麻布"});
        PRODUCTS.put("IND-CHEM", new String[]{"复合肥料", "有机肥料"});
        PRODUCTS.put("IND-DAILY", new String[]{"洗洁精", "洗衣液"});
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    SpotcheckDemoData(JdbcClient jdbc, NamedParameterJdbcTemplate named, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 260;
    }

    private record Ent(long id, long unitId, String unitCode, String industry) {
    }

    /** Two different samplers. */
    private static String samplers(Random r) {
        int a = r.nextInt(SAMPLERS.length);
        int b = (a + 1 + r.nextInt(SAMPLERS.length - 1)) % SAMPLERS.length;
        return SAMPLERS[a] + "|" + SAMPLERS[b];
    }

    private static String pick(String[] a, Random r) {
        return a[r.nextInt(a.length)];
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        generateRecords(random);
        org.slf4j.LoggerFactory.getLogger(SpotcheckDemoData.class).info("Spot-check demo data in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private void generateRecords(Random random) {
        LocalDate today = LocalDate.now(clock);
        YearMonth last = YearMonth.from(today).minusMonths(1);
        Map<Long, List<Ent>> byUnit = new LinkedHashMap<>();
        jdbc.sql("SELECT e.id, e.unit_id, u.code, e.industry FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id "
                        + "WHERE e.demo ORDER BY e.id")
                .query((rs, i) -> new Ent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list()
                .forEach(e -> byUnit.computeIfAbsent(e.unitId(), k -> new ArrayList<>()).add(e));
        if (byUnit.isEmpty()) {
            return;
        }
        Map<String, String> kinds = new HashMap<>();
        jdbc.sql("SELECT code, kind FROM spotcheck_category").query((rs, i) -> kinds.put(rs.getString(1), rs.getString(2)))
                .list();
        List<SqlParameterSource> samples = new ArrayList<>();
        List<String[]> failedItems = new ArrayList<>(); // sample no, item, retest flag
        List<Object[]> followUps = new ArrayList<>();
        Map<Integer, Integer> seq = new HashMap<>();
        for (YearMonth ym = YearMonth.of(2017, 1); !ym.isAfter(last); ym = ym.plusMonths(1)) {
            for (List<Ent> ents : byUnit.values()) {
                boolean weak = ents.get(0).unitCode().equals("421222");
                int n = 8 + random.nextInt(13);
                for (int k = 0; k < n; k++) {
                    Ent e = ents.get(random.nextInt(ents.size()));
                    String[] cats = CATEGORIES.getOrDefault(e.industry(), new String[]{"IND-DAILY"});
                    String cat = pick(cats, random);
                    String kind = kinds.get(cat);
                    double t = random.nextDouble();
                    String type = t < 0.7 ? "SUPERVISION" : t < 0.95 ? "ROUTINE" : "RISK";
                    LocalDate sampled = ym.atDay(1 + random.nextInt(ym.lengthOfMonth()));
                    int year = sampled.getYear();
                    int no = seq.merge(year, 1, Integer::sum);
                    String sampleNo = String.format("SC%d-%06d", year, no);
                    boolean refused = random.nextDouble() < 0.01;
                    double pass = switch (kind) {
                        case "AGRICULTURAL" -> 0.984;
                        case "FOOD" -> 0.968;
                        default -> 0.962;
                    } + 0.0005 * (year - 2017) - (weak ? 0.018 : 0.0);
                    LocalDate notice = sampled.plusDays(10 + random.nextInt(16));
                    boolean hasResult = !refused && !notice.isAfter(today);
                    String first = hasResult ? (random.nextDouble() < Math.min(0.998, pass) ? "PASS" : "FAIL") : null;
                    String retest = null;
                    LocalDate objection = null;
                    LocalDate retestOn = null;
                    String lab = hasResult ? LABS[random.nextInt(LABS.length)] : null;
                    String retestLab = null;
                    if ("FAIL".equals(first) && random.nextDouble() < 0.25) {
                        objection = notice.plusDays(2 + random.nextInt(12));
                        retestOn = objection.plusDays(10 + random.nextInt(10));
                        if (!retestOn.isAfter(today) && !objection.isAfter(today)) {
                            retest = random.nextDouble() < 0.4 ? "PASS" : "FAIL";
                            retestLab = LABS[(java.util.Arrays.asList(LABS).indexOf(lab) + 1) % LABS.length];
                        } else {
                            retestOn = null;
                            if (objection.isAfter(today)) {
                                objection = null;
                            }
                        }
                    }
                    if ("FAIL".equals(first)) {
                        String[] items = FAILED_ITEMS.get(kind);
                        failedItems.add(new String[]{sampleNo, pick(items, random), "false"});
                        if (retest != null) {
                            failedItems.add(new String[]{sampleNo, pick(items, random), "true"});
                        }
                        // follow-up: most report within 60 days and are re-inspected within 75; some are late
                        LocalDate reported = notice.plusDays(random.nextDouble() < 0.9 ? 20 + random.nextInt(40)
                                : 61 + random.nextInt(30));
                        LocalDate reinspected = notice.plusDays(random.nextDouble() < 0.92 ? 62 + random.nextInt(13)
                                : 76 + random.nextInt(20));
                        String reVerdict = random.nextDouble() < 0.9 ? "PASS" : "FAIL";
                        followUps.add(new Object[]{sampleNo, notice, "PASS".equals(retest),
                                reported.isAfter(today) ? null : reported,
                                reinspected.isAfter(today) || reported.isAfter(today) ? null : reinspected,
                                reinspected.isAfter(today) || reported.isAfter(today) ? null : reVerdict});
                    }
                    samples.add(new MapSqlParameterSource().addValue("no", sampleNo).addValue("ent", e.id())
                            .addValue("unit", e.unitId()).addValue("type", type).addValue("cat", cat)
                            .addValue("stage", random.nextDouble() < 0.8 ? "PRODUCTION" : "CIRCULATION")
                            .addValue("product", pick(PRODUCTS.getOrDefault(cat, new String[]{"产品"}), random))
                            .addValue("batch", String.format("%tY%<tm%<td-%03d", sampled.minusDays(3 + random.nextInt(30)),
                                    random.nextInt(1000)))
                            .addValue("pd", sampled.minusDays(3 + random.nextInt(30)))
                            .addValue("qty", (2 + random.nextInt(6)) + " 件")
                            .addValue("samplers", samplers(random))
                            .addValue("on", sampled).addValue("refused", refused)
                            .addValue("reason", refused ? "企业负责人拒绝在抽样单上签字,拒绝抽样" : null)
                            .addValue("lab", lab).addValue("first", first).addValue("notice", hasResult ? notice : null)
                            .addValue("objOn", objection)
                            .addValue("objReason", objection == null ? null : "对检验结论有异议,申请复检备样")
                            .addValue("rlab", retestLab).addValue("retest", retest).addValue("retestOn", retestOn));
                }
            }
        }
        named.batchUpdate("""
                INSERT INTO spotcheck_sample (sample_no, enterprise_id, unit_id, inspection_type, category_code, stage,
                    product, batch_no, production_date, quantity, samplers, sampled_on, refused, refusal_reason, lab,
                    first_verdict, notice_date, objection_on, objection_reason, retest_lab, retest_verdict, retest_on, demo,
                    local_origin)
                VALUES (:no, :ent, :unit, :type, :cat, :stage, :product, :batch, :pd, :qty,
                    string_to_array(:samplers, '|'), :on, :refused, :reason, :lab, :first, :notice, :objOn, :objReason,
                    :rlab, :retest, :retestOn, true, abs(hashtext(:no)) % 5 <> 0)""", samples.toArray(SqlParameterSource[]::new));
        named.batchUpdate("""
                INSERT INTO spotcheck_result_item (sample_id, retest, item, clause, requirement, measured, verdict)
                SELECT id, :retest, :item, 'GB 标准 ' || :item, '符合标准要求', '不符合', 'FAIL'
                FROM spotcheck_sample WHERE sample_no = :no""", failedItems.stream().map(f -> new MapSqlParameterSource()
                .addValue("no", f[0]).addValue("item", f[1]).addValue("retest", Boolean.parseBoolean(f[2])))
                .toArray(SqlParameterSource[]::new));
        // the items that passed, for every tested demo sample (two per category kind)
        jdbc.sql("""
                INSERT INTO spotcheck_result_item (sample_id, retest, item, clause, requirement, measured, verdict)
                SELECT s.id, false, i.item, i.clause, i.requirement, i.measured, 'PASS'
                FROM spotcheck_sample s JOIN spotcheck_category c ON c.code = s.category_code
                JOIN (VALUES ('INDUSTRIAL', '标志和说明', 'GB 4706.1-2005 第7章', '符合标准要求', '符合'),
                             ('INDUSTRIAL', '外观质量', '产品标准 5.1', '无明显缺陷', '无缺陷'),
                             ('FOOD', '感官要求', 'GB 2762-2017', '无异味、无异物', '符合'),
                             ('FOOD', '铅(以Pb计)', 'GB 2762-2017 3.1', '≤0.5 mg/kg', '0.05 mg/kg'),
                             ('AGRICULTURAL', '敌敌畏', 'GB 2763-2021', '≤0.2 mg/kg', '未检出'),
                             ('AGRICULTURAL', '镉(以Cd计)', 'GB 2762-2017 3.2', '≤0.2 mg/kg', '0.02 mg/kg'))
                     AS i(kind, item, clause, requirement, measured) ON i.kind = c.kind
                WHERE s.demo AND s.first_verdict IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM spotcheck_result_item f WHERE f.sample_id = s.id AND f.item = i.item)""")
                .update();
        named.batchUpdate("""
                INSERT INTO spotcheck_rectification (sample_id, started_on, cancelled, report, reported_on,
                    reinspected_on, reinspection_verdict, flagged_public)
                SELECT id, :started, :cancelled, CASE WHEN :reported::date IS NULL THEN NULL
                       ELSE '已停止生产销售不合格批次,查明原因并完成整改,附整改报告和自检报告。' END,
                       :reported, :reinspected, :verdict, coalesce(:verdict = 'FAIL', false)
                FROM spotcheck_sample WHERE sample_no = :no""", followUps.stream().map(f -> new MapSqlParameterSource()
                .addValue("no", f[0]).addValue("started", f[1]).addValue("cancelled", f[2])
                .addValue("reported", f[3], java.sql.Types.DATE).addValue("reinspected", f[4], java.sql.Types.DATE)
                .addValue("verdict", f[5], java.sql.Types.VARCHAR)).toArray(SqlParameterSource[]::new));
        // one published announcement per complete year with its failed supervision batches
        for (int year = 2017; year < today.getYear(); year++) {
            long id = jdbc.sql("INSERT INTO spotcheck_announcement (title, body, published_at) VALUES (:t, :b, :p) "
                            + "RETURNING id").param("t", "咸宁市" + year + "年产品质量监督抽查不合格产品公告")
                    .param("b", "根据产品质量监督抽查结果,现将不合格产品及其生产企业公告如下(演示数据)。")
                    .param("p", java.time.OffsetDateTime.of(year + 1, 1, 20, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(8)))
                    .query(Long.class).single();
            jdbc.sql("INSERT INTO spotcheck_announcement_sample (announcement_id, sample_id) SELECT :a, id "
                            + "FROM spotcheck_sample WHERE final_verdict = 'FAIL' AND inspection_type = 'SUPERVISION' "
                            + "AND extract(year FROM sampled_on) = :y").param("a", id).param("y", year).update();
        }
    }
}
