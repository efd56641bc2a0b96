package org.qualitycity.spotcheck.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Demo 双随机一公开 (issue 14): three inspectors in each area's market regulator and one city-wide random draw per year
 * (in April, ten enterprises, inspectors of other districts), made by the draw service itself so that each is
 * reproducible from its seed. Demo records only (absent with QC_DEMO=false).
 */
@Component
class DrawDemoData implements DemoDataContributor {

    private static final String[] NAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"海军", "晓红", "建华", "立新", "雪梅", "国庆", "伟", "芳", "静", "勇"};
    private static final String[] CATEGORIES = {"IND-ELEC", "IND-BUILD", "IND-TEXTILE", "IND-DAILY", "FOOD-CAKE"};

    private final DrawService draws;
    private final Units units;
    private final Clock clock;

    DrawDemoData(DrawService draws, Units units, Clock clock) {
        this.draws = draws;
        this.units = units;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 265;
    }

    @Override
    public void generate(Random random) {
        int n = 0;
        for (Unit area : units.areas()) {
            Unit regulator = units.withRole(Unit.Role.MARKET_REGULATOR, area).orElse(area);
            for (int i = 0; i < 3; i++) {
                draws.addInspector(area.nameZh() + " " + NAMES[random.nextInt(NAMES.length)]
                        + GIVEN[random.nextInt(GIVEN.length)], regulator.id(), "ZF" + (420000 + n++), true);
            }
        }
        Unit city = units.city();
        Unit office = units.withRole(Unit.Role.MARKET_REGULATOR).orElse(city);
        CurrentUser system = new CurrentUser(0, "demo", "demo", office.id(), office.code(), office.nameZh(),
                office.path(), DataScope.Kind.ALL, Set.of(), Set.of());
        LocalDate today = LocalDate.now(clock);
        for (int year = 2017; year <= today.getYear(); year++) {
            LocalDate on = LocalDate.of(year, 4, 15);
            if (on.isAfter(today)) {
                break;
            }
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            draws.create(new DrawService.NewDraw(year + "年度双随机一公开抽查（演示）", category, null, null, null, 10, true,
                    null, "demo-" + year + "-" + Integer.toHexString(random.nextInt()), List.of()), system, on, true);
        }
    }
}
