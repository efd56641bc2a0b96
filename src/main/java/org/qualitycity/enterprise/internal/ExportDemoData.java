package org.qualitycity.enterprise.internal;

import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Demo export records for P5 (issue 14): export batches per area and year since 2017 and now and then a notification
 * abroad against one of the area's demo enterprises. Demo records only (absent with QC_DEMO=false).
 */
@Component
class ExportDemoData implements DemoDataContributor {

    private static final String[] COUNTRIES = {"美国", "欧盟", "日本", "韩国", "澳大利亚", "加拿大"};
    private static final String[][] CASES = {{"茶叶", "农药残留超标（草甘膦）"}, {"电热水壶", "不符合电气安全要求"},
            {"纺织面料", "偶氮染料超标"}, {"竹木制品", "霉变"}, {"水产品", "兽药残留（孔雀石绿）"}};

    private final JdbcClient jdbc;
    private final Units units;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExportDemoData(JdbcClient jdbc, Units units, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 256;
    }

    @Override
    public void generate(Random random) {
        LocalDate today = LocalDate.now(clock);
        Set<Integer> years = new TreeSet<>();
        for (Unit area : units.areas()) {
            List<Long> enterprises = jdbc.sql("SELECT id FROM enterprise WHERE demo AND unit_id = :u ORDER BY id")
                    .param("u", area.id()).query(Long.class).list();
            for (int year = 2017; year < today.getYear(); year++) {
                years.add(year);
                int batches = 80 + random.nextInt(160);
                jdbc.sql("INSERT INTO enterprise_export_batches (unit_id, year, batches, source, demo) "
                                + "VALUES (:u, :y, :b, :s, true)")
                        .param("u", area.id()).param("y", year).param("b", batches).param("s", "咸宁海关出口统计（演示）")
                        .update();
                int notified = random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(2);
                for (int i = 0; i < notified && !enterprises.isEmpty(); i++) {
                    String[] c = CASES[random.nextInt(CASES.length)];
                    jdbc.sql("""
                                    INSERT INTO enterprise_export_notification (notified_on, country, product, enterprise_id,
                                                                                unit_id, reason, demo)
                                    VALUES (:on, :country, :product, :e, :u, :reason, true)
                                    """)
                            .param("on", LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)))
                            .param("country", COUNTRIES[random.nextInt(COUNTRIES.length)]).param("product", c[0])
                            .param("e", enterprises.get(random.nextInt(enterprises.size()))).param("u", area.id())
                            .param("reason", c[1]).update();
                }
            }
        }
        events.publishEvent(new ComputedDataChanged(Set.of(ExportRecords.P5_NOTIFIED, ExportRecords.P5_EXPORTED), years));
    }
}
