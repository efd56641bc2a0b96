package org.qualitycity.elevator.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo elevators (three per area) with their registration and 96333 codes, addresses, units and first use dates,
 * the examinations of past years (a few missing: overdue), maintenance visits (a few more than 15 days ago), a few
 * finished rescue orders and one running order opened at start-up, so that the rescue page shows its timers.
 */
@Component
class ElevatorDemoData implements DemoDataContributor {

    private static final String[] PLACES = {"温泉花园", "银泉大道", "金桂路", "香城国际", "书台街", "滨湖小区", "人民医院", "时代广场", "锦绣华府"};
    private static final String[] MAKES = {"通力电梯有限公司", "日立电梯（中国）有限公司", "奥的斯电梯（中国）有限公司", "迅达（中国）电梯有限公司", "康力电梯股份有限公司"};
    private static final String[] MAINTAINERS = {"咸宁市安达电梯工程有限公司", "湖北恒升电梯安装维修有限公司", "咸宁市顺达电梯服务有限公司"};

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ElevatorDemoData.class);

    private final Devices devices;
    private final Units units;
    private final JdbcClient jdbc;
    private final RescueOrders orders;
    private final Clock clock;

    ElevatorDemoData(Devices devices, Units units, JdbcClient jdbc, RescueOrders orders, Clock clock) {
        this.devices = devices;
        this.units = units;
        this.jdbc = jdbc;
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 470;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        // rows collected here and stored set-based (one INSERT ... SELECT FROM unnest per table), not row by row
        List<Object[]> exams = new java.util.ArrayList<>();
        List<Object[]> visits = new java.util.ArrayList<>();
        List<Object[]> rescues = new java.util.ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(ApplicationZone.ZONE));
        List<Unit> areas = units.areas();
        int n = 0;
        Device first = null;
        for (Unit u : areas) {
            for (int k = 0; k < 3; k++) {
                n++;
                String place = PLACES[(n * 7 + k) % PLACES.length];
                LocalDate firstUse = LocalDate.of(2006 + random.nextInt(18), 1 + random.nextInt(12), 1 + random.nextInt(28));
                String reg = "3110" + String.format("%016d", 5_000_000_000_000_000L + n * 7_919_000_003L);
                Device d = devices.register(DeviceProfile.ELEVATOR, "ELV-DEMO-" + String.format("%03d", n),
                        u.nameZh() + place + (k + 1) + "号梯（演示）", u.id(), "demo-elv-" + n, Map.of(
                                "registrationCode", reg, "code96333", String.format("%05d", 42000 + n),
                                "address", u.nameZh() + place + (k + 1) + "栋",
                                "lat", String.format(java.util.Locale.ROOT, "%.4f", 29.5 + random.nextDouble() * 0.6),
                                "lon", String.format(java.util.Locale.ROOT, "%.4f", 113.9 + random.nextDouble() * 0.8),
                                "userUnit", place + "物业服务有限公司", "maintenanceUnit", MAINTAINERS[n % MAINTAINERS.length],
                                "make", MAKES[n % MAKES.length], "firstUseDate", firstUse.toString()), true);
                if (first == null) {
                    first = d;
                }
                // examinations of the past years, the latest missing for about one car in six
                boolean lapsed = random.nextInt(6) == 0;
                for (var due : InspectionSchedule.between(firstUse, firstUse, today)) {
                    boolean latest = due.dueOn().plusYears(1).isAfter(today);
                    if (lapsed && latest) {
                        continue;
                    }
                    exams.add(new Object[]{d.id(), due.yearOfUse(), due.kind().name(),
                            Date.valueOf(due.dueOn().minusDays(random.nextInt(20)))});
                }
                // maintenance every 15 days or so; a few cars' last visit is overdue
                LocalDate last = today.minusDays(random.nextInt(random.nextInt(8) == 0 ? 30 : 14) + 1);
                for (int v = 0; v < 6; v++) {
                    visits.add(new Object[]{d.id(), Date.valueOf(last.minusDays(15L * v))});
                }
                // a finished rescue now and then
                if (k == 0 || random.nextInt(3) == 0) {
                    Instant opened = today.minusDays(1 + random.nextInt(200)).atTime(8 + random.nextInt(12), random.nextInt(60))
                            .atZone(ApplicationZone.ZONE).toInstant();
                    long respond = 40 + random.nextInt(200);
                    long arrive = respond + 600 + random.nextInt(1500);

                    rescues.add(new Object[]{d.id(), u.id(), Timestamp.from(opened), respond, arrive});
                }
            }
        }
        jdbc.sql("""
                        INSERT INTO elevator_examination (device_id, year_of_use, kind, done_on, passed, demo)
                        SELECT d, y, k, o, true, true
                        FROM unnest(CAST(:d AS bigint[]), CAST(:y AS int[]), CAST(:k AS varchar[]), CAST(:o AS date[]))
                             AS x(d, y, k, o)""")
                .param("d", column(exams, 0, Long[]::new)).param("y", column(exams, 1, Integer[]::new))
                .param("k", column(exams, 2, String[]::new)).param("o", column(exams, 3, Date[]::new)).update();
        jdbc.sql("""
                        INSERT INTO elevator_maintenance (device_id, done_on, demo)
                        SELECT d, o, true FROM unnest(CAST(:d AS bigint[]), CAST(:o AS date[])) AS x(d, o)
                        ON CONFLICT DO NOTHING""")
                .param("d", column(visits, 0, Long[]::new)).param("o", column(visits, 1, Date[]::new)).update();
        // finished orders: opened, responded (respond s later), arrived (arrive s), released 5 and closed 15 min after
        jdbc.sql("""
                        INSERT INTO elevator_rescue_order (device_id, unit_id, state, trapped_since, opened_at,
                            response_due, arrival_due, responded_at, arrived_at, released_at, closed_at, demo)
                        SELECT d, u, 'CLOSED', o - interval '70 seconds', o, o + interval '180 seconds',
                               o + interval '1800 seconds', o + r * interval '1 second', o + a * interval '1 second',
                               o + (a + 300) * interval '1 second', o + (a + 900) * interval '1 second', true
                        FROM unnest(CAST(:d AS bigint[]), CAST(:u AS bigint[]), CAST(:o AS timestamptz[]),
                                    CAST(:r AS bigint[]), CAST(:a AS bigint[])) AS x(d, u, o, r, a)""")
                .param("d", column(rescues, 0, Long[]::new)).param("u", column(rescues, 1, Long[]::new))
                .param("o", column(rescues, 2, Timestamp[]::new)).param("r", column(rescues, 3, Long[]::new))
                .param("a", column(rescues, 4, Long[]::new)).update();
        if (first != null) {
            // a running order for the rescue page's timers
            orders.open(first, clock.instant().minusSeconds(75), true);
        }
        log.info("Elevator demo data: {} elevators, {} examinations, {} maintenance visits, {} rescue orders in {} ms", n,
                exams.size(), visits.size(), rescues.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] column(List<Object[]> rows, int i, java.util.function.IntFunction<T[]> array) {
        return rows.stream().map(r -> (T) r[i]).toArray(array);
    }
}
