package org.qualitycity.environment.internal;

import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo energy meters of key energy users with hourly readings of the previous and the current month and the
 * enterprises' monthly figure of the previous month: the demo enterprise account's enterprise (qiye, 通城县) with an
 * electricity meter (complete, consistent) and a natural-gas meter whose monthly figure is 8 % above the days
 * (inconsistent); the first register enterprise of three other areas with an electricity meter, one of them missing
 * a fifth of its readings (incomplete) and one raw-coal meter (in tonnes) that stopped reporting ten hours ago (late).
 * The points go in as a few batches through the monitoring module's writer (set-based on its side). Own random
 * sequence, so that the other contributors' data stay as they were. Order 251: after the enterprise register and its
 * demo account link (250), so that its store overlaps the complaint, spot-check and other contributors.
 */
@Component
class EnergyDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EnergyDemoData.class);

    private final Devices devices;
    private final TelemetryWriter writer;
    private final Enterprises enterprises;
    private final UserDirectory users;
    private final Clock clock;
    private final EnvironmentDemoData environment;
    private volatile java.util.concurrent.CompletableFuture<Void> pending;

    EnergyDemoData(Devices devices, TelemetryWriter writer, Enterprises enterprises, UserDirectory users, Clock clock,
                   EnvironmentDemoData environment) {
        this.environment = environment;
        this.devices = devices;
        this.writer = writer;
        this.enterprises = enterprises;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 251;
    }

    private record Plan(EnterpriseRef enterprise, String code, String name, String type, String unit, double perHour,
                        double missing, double monthlyOffset, int silentHours) {
    }

    @Override
    public void generate(Random ignored) {
        long t0 = System.nanoTime();
        Random random = new Random(2026_16);
        List<Plan> plans = new ArrayList<>();
        EnterpriseRef own = users.idByUsername("qiye").flatMap(enterprises::linkedEnterprise).flatMap(enterprises::byId)
                .orElse(null);
        if (own != null) {
            plans.add(new Plan(own, "EM-DEMO-01", "总进线电能表（演示）", "ELECTRICITY", "kWh", 320, 0, 0.012, 0));
            plans.add(new Plan(own, "EM-DEMO-02", "锅炉房天然气表（演示）", "NATURAL_GAS", "m3", 45, 0, 0.08, 0));
        }
        // the first register enterprise of three other areas (one query)
        List<EnterpriseRef> others = enterprises.firstOfEachArea(4).stream()
                .filter(e -> own == null || e.unitId() != own.unitId()).limit(3).toList();
        int k = 3;
        for (EnterpriseRef e : others) {
            boolean gaps = k == 4;
            plans.add(new Plan(e, "EM-DEMO-0" + k, "生产线电能表（演示）", "ELECTRICITY", "MWh", 0.8, gaps ? 0.2 : 0,
                    -0.015, 0));
            if (k == 5) {
                plans.add(new Plan(e, "EM-DEMO-06", "燃煤锅炉给煤计量（演示）", "RAW_COAL", "t", 0.35, 0, 0.02, 10));
            }
            k++;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        YearMonth previous = YearMonth.now(clock.withZone(ApplicationZone.ZONE)).minusMonths(1);
        Instant from = previous.atDay(1).atStartOfDay(ApplicationZone.ZONE).toInstant();
        Instant monthEnd = previous.plusMonths(1).atDay(1).atStartOfDay(ApplicationZone.ZONE).toInstant();
        List<Point> points = new ArrayList<>();
        for (Plan p : plans) {
            Device d = devices.register(DeviceProfile.ENERGY_METER, p.code(), p.enterprise().name() + p.name(),
                    p.enterprise().unitId(), "demo-" + p.code(), Map.of("enterpriseCode", p.enterprise().creditCode(),
                            "energyType", p.type(), "unit", p.unit(), "readingsPerDay", "24", "noDataHours", "6",
                            // a meter that stopped reporting stays silent: the demo simulator leaves it alone
                            "demoSilent", String.valueOf(p.silentHours() > 0)), true);
            double previousMonth = 0;
            Instant last = now.minus(Duration.ofHours(1 + p.silentHours()));
            for (Instant t = from; !t.isAfter(last); t = t.plus(Duration.ofHours(1))) {
                if (p.missing() > 0 && random.nextDouble() < p.missing()) {
                    continue;
                }
                int hour = t.atZone(ApplicationZone.ZONE).getHour();
                double shift = hour >= 8 && hour < 20 ? 1.3 : 0.7;
                double v = Math.round(p.perHour() * shift * (0.9 + 0.2 * random.nextDouble()) * 1000) / 1000.0;
                points.add(new Point(d.id(), EnergyMeters.READING, t, v));
                if (t.isBefore(monthEnd)) {
                    previousMonth += v;
                }
            }
            points.add(new Point(d.id(), EnergyMeters.MONTHLY, from,
                    Math.round(previousMonth * (1 + p.monthlyOffset()) * 100) / 100.0));
        }
        // stored in the background while the later contributors run; EnergyDemoDataJoin (order 899) waits for it. After
        // the stations' store (it creates the months' partitions), and one meter first (a month's partition is created
        // by one writer; several creating the same month at once fail: monitoring's duplicate_table race)
        pending = java.util.concurrent.CompletableFuture.runAsync(() -> {
            environment.awaitStored();
            long s0 = System.nanoTime();
            if (!points.isEmpty()) {
                long firstMeter = points.get(0).deviceId();
                writer.write(points.stream().filter(p -> p.deviceId() == firstMeter).toList());
                writer.write(points.stream().filter(p -> p.deviceId() != firstMeter).toList());
            }
            log.info("Energy demo data: {} points stored in the background in {} ms", points.size(),
                    (System.nanoTime() - s0) / 1_000_000);
        }, r -> {
            Thread t = new Thread(r, "energy-demo-data");
            t.setDaemon(true);
            t.start();
        });
        log.info("Energy demo data: {} meters registered and {} points generated in {} ms (stored in the background)",
                plans.size(), points.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Waits until the points are stored (answers the milliseconds waited); rethrows a failure of the writer. */
    long awaitStored() {
        long t0 = System.nanoTime();
        if (pending != null) {
            pending.join();
            pending = null;
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
