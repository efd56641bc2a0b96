package org.qualitycity.enterprise.internal;

import org.qualitycity.enterprise.CreditCode;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Demo register: 40 enterprises per area (generated names, valid credit codes with the area's division
 * code and a GB 11714 organisation code), licences for food and electrical producers, declared standards.
 */
@Component
class EnterpriseDemoData implements DemoDataContributor {

    static final int PER_AREA = 40;
    private static final String[] WORDS = {"鑫源", "华丰", "金桥", "绿源", "楚天", "长江", "宏达", "恒通", "瑞丰", "新星",
            "汇通", "润泽", "三江", "鄂南", "香城", "万和", "福康", "聚源", "金鼎", "天成", "兴旺", "嘉禾", "丰泽", "银桂",
            "青砖", "竹乡", "温泉", "星火", "永兴", "宏盛"};
    /** Kind of business: name suffix, GB/T 4754 industry code. */
    private static final String[][] KINDS = {
            {"食品有限公司", "C1411"}, {"茶业有限公司", "C1530"}, {"电器有限公司", "C3857"}, {"建材有限公司", "C3021"},
            {"纺织有限公司", "C1713"}, {"乳业有限公司", "C1440"}, {"肉制品有限公司", "C1353"}, {"粮油有限公司", "C1331"},
            {"饮料有限公司", "C1523"}, {"水产养殖专业合作社", "A0412"}, {"果蔬专业合作社", "A0141"},
            {"畜禽养殖专业合作社", "A0313"}, {"化工有限公司", "C2625"}, {"日用品有限公司", "C2682"}};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高"};
    private static final String[] GIVEN = {"建国", "志强", "海涛", "红梅", "秀英", "卫东", "小平", "国华", "文斌", "丽娟",
            "德明", "春生", "桂香", "俊杰", "明辉"};
    private static final String[] ROADS = {"温泉路", "长江大道", "金桂路", "银泉大道", "贺胜路", "咸宁大道", "工业园路", "淦河大道"};

    private final NamedParameterJdbcTemplate named;
    private final Units units;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final java.time.Clock clock;

    private final org.qualitycity.platform.UserDirectory users;

    EnterpriseDemoData(NamedParameterJdbcTemplate named, Units units,
                       org.springframework.context.ApplicationEventPublisher events, java.time.Clock clock,
                       org.qualitycity.platform.UserDirectory users) {
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.named = named;
        this.units = units;
    }

    @Override
    public int order() {
        return 250;
    }

    /** The demo account "qiye" (platform demo data) becomes the user of the first demo enterprise of 通城县. */
    private void linkDemoEnterpriseUser() {
        users.idByUsername("qiye").ifPresent(userId -> named.update("""
                INSERT INTO enterprise_user (user_id, enterprise_id)
                SELECT :user, e.id FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id
                WHERE u.code = '421222' ORDER BY e.id LIMIT 1
                """, java.util.Map.of("user", userId)));
    }

    /**
     * Two supermarkets and a farmers' market (retail, F5212; the generated register has none), in the areas of the
     * first three active food businesses (C13–C15), so that traceability's demo shows a farm batch reaching a market
     * of the region. Inserted after the licences and standards, which retail does not hold.
     */
    private void markets(List<SqlParameterSource> register) {
        String[] names = {"惠民超市(演示)", "鲜生活超市(演示)", "温泉农贸市场(演示)"};
        List<SqlParameterSource> rows = new ArrayList<>();
        for (SqlParameterSource r : register) {
            String industry = (String) r.getValue("industry");
            if (rows.size() == names.length) {
                break;
            }
            if (!"ACTIVE".equals(r.getValue("status")) || !industry.matches("C1[345].*")) {
                continue;
            }
            int i = rows.size();
            String division = ((String) r.getValue("code")).substring(2, 8);
            String eight = String.format("%08d", 17_000_000 + i);
            rows.add(new MapSqlParameterSource().addValue("code", CreditCode.complete("91" + division + eight
                            + orgCheck(eight))).addValue("name", names[i]).addValue("unit", r.getValue("unit"))
                    .addValue("phone", "0715-8" + (266100 + i)));
        }
        named.batchUpdate("""
                INSERT INTO enterprise (credit_code, name, legal_rep, unit_id, industry, size, status, contact_phone, demo)
                VALUES (:code, :name, '-', :unit, 'F5212', 'MEDIUM', 'ACTIVE', :phone, true)
                ON CONFLICT (credit_code) DO NOTHING""", rows.toArray(SqlParameterSource[]::new));
    }

    /** The GB 11714 organisation code check character for 8 digits. */
    static char orgCheck(String eight) {
        int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eight.charAt(i) - '0') * w[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        generateRecords(random);
        linkDemoEnterpriseUser();
        org.slf4j.LoggerFactory.getLogger(EnterpriseDemoData.class).info("Enterprise demo data in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private void generateRecords(Random random) {
        List<SqlParameterSource> rows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (Unit area : units.areas()) {
            String division = area.code().matches("\\d{6}") ? area.code() : "421200";
            String place = area.nameZh().replace("咸宁高新区", "咸宁");
            for (int i = 0; i < PER_AREA; i++) {
                String[] kind = KINDS[random.nextInt(KINDS.length)];
                String name;
                do {
                    name = place.replaceAll("[区县市]$", "") + WORDS[random.nextInt(WORDS.length)] + kind[0];
                } while (!names.add(name));
                String code;
                do {
                    String eight = String.format("%08d", random.nextInt(100_000_000));
                    String prefix = kind[0].contains("合作社") ? "93" : "91";
                    code = CreditCode.complete(prefix + division + eight + orgCheck(eight));
                } while (!codes.add(code));
                double s = random.nextDouble();
                String size = s < 0.05 ? "LARGE" : s < 0.2 ? "MEDIUM" : s < 0.6 ? "SMALL" : "MICRO";
                rows.add(new MapSqlParameterSource().addValue("code", code).addValue("name", name)
                        .addValue("rep", SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)])
                        .addValue("address", area.nameZh() + ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(300)) + "号")
                        .addValue("unit", area.id()).addValue("industry", kind[1]).addValue("size", size)
                        .addValue("status", random.nextDouble() < 0.03 ? "SUSPENDED" : "ACTIVE")
                        .addValue("phone", "0715-" + (8000000 + random.nextInt(999999))));
            }
        }
        named.batchUpdate("""
                INSERT INTO enterprise (credit_code, name, legal_rep, address, unit_id, industry, size, status,
                                        contact_phone, demo)
                VALUES (:code, :name, :rep, :address, :unit, :industry, :size, :status, :phone, true)""",
                rows.toArray(SqlParameterSource[]::new));
        // licences: food producers hold a production licence (SC), electrical producers a CCC certificate
        named.getJdbcTemplate().update("""
                INSERT INTO enterprise_licence (enterprise_id, kind, number, product_scope, valid_from, valid_to)
                SELECT id, CASE WHEN industry LIKE 'C38%' THEN 'CCC' ELSE 'PRODUCTION_LICENCE' END,
                       CASE WHEN industry LIKE 'C38%' THEN '2017' || lpad((id * 7919 % 1000000000)::text, 10, '0')
                            ELSE 'SC' || (10000 + id * 37 % 90000)::text || '4212' || lpad(id::text, 5, '0') END,
                       CASE WHEN industry LIKE 'C38%' THEN '家用电器' ELSE '食品生产' END,
                       DATE '2017-03-01' + (id % 300)::int, DATE '2022-03-01' + (id % 300)::int + 1826
                FROM enterprise WHERE demo AND (industry LIKE 'C14%' OR industry LIKE 'C13%' OR industry LIKE 'C15%'
                                                OR industry LIKE 'C38%')""");
        named.getJdbcTemplate().update("""
                INSERT INTO enterprise_standard (enterprise_id, product, kind, standard_no, declared_on)
                SELECT id, '主导产品', CASE WHEN id % 4 = 0 THEN 'INTERNATIONAL' WHEN id % 3 = 0 THEN 'ENTERPRISE'
                                          ELSE 'NATIONAL' END,
                       CASE WHEN id % 4 = 0 THEN 'IEC ' || (60000 + id % 900)::text WHEN id % 3 = 0
                            THEN 'Q/XN ' || lpad(id::text, 4, '0') || '-2018' ELSE 'GB ' || (2700 + id % 300)::text END,
                       DATE '2014-01-01' + ((id * 7919 + 104729) % greatest(1, CURRENT_DATE - DATE '2014-01-01'))::int
                FROM enterprise WHERE demo AND id % 11 <> 0""");
        markets(rows);
        // P7 is an average annual growth from 2016, a year the indicator demo does not recompute: once the demo
        // is committed, recompute P7 for 2016 (so that its base is stored) and every year after it, in order
        java.util.Set<Integer> years = new java.util.TreeSet<>();
        for (int y = 2016; y <= java.time.LocalDate.now(clock).getYear(); y++) {
            years.add(y);
        }
        events.publishEvent(new org.qualitycity.indicator.ComputedDataChanged(java.util.Set.of(EnterpriseElements.P7), years));
    }
}
