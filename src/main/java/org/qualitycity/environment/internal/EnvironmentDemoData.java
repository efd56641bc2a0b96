package org.qualitycity.environment.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryWriter;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo stations with generated measurements from January 2017 to yesterday, written through the monitoring
 * module's {@link TelemetryWriter}: three air stations (two in the central district, one in 赤壁市) with one daily
 * value per pollutant (the stations' own daily figures, HJ 212 CN 2031; PM seasonal, winter worse, improving over
 * the years), one surface-water section and one drinking-water source per area with a monthly sample of their
 * parameters (one section drifts to class IV in some summers) and the water drawn each month. Order 250: before the
 * indicator demo (300) pulls G1a's days, G2 and G5.
 */
@Component
class EnvironmentDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentDemoData.class);
    private static final int FIRST_YEAR = 2017;
    private static final String[] RIVERS = {"淦河", "陆水河", "隽水河", "金沙河", "富水河", "长江赤壁段", "温泉河"};
    private static final String[] SOURCES = {"南川水库", "三湖连江水库", "黄龙水库", "青山水库", "富水水库", "陆水水库", "凤凰山水库"};

    private final Devices devices;
    private final TelemetryWriter writer;
    private final Units units;
    private final Clock clock;
    private volatile java.util.concurrent.CompletableFuture<Void> pending;

    EnvironmentDemoData(Devices devices, TelemetryWriter writer, Units units, Clock clock) {
        this.devices = devices;
        this.writer = writer;
        this.units = units;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 250;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        ZoneId zone = ApplicationZone.ZONE;
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = LocalDate.of(FIRST_YEAR, 1, 1);
        List<Unit> areas = units.areas();
        if (areas.isEmpty()) {
            return;
        }
        List<Point> points = new ArrayList<>();
        // air: two stations in the first area (the central district), one in the area whose name says 赤壁
        Unit central = areas.get(0);
        Unit chibi = areas.stream().filter(u -> u.nameZh().contains("赤壁")).findFirst().orElse(areas.get(areas.size() - 1));
        Object[][] air = {{central, "AIR-DEMO-01", "市环境监测站（演示）", 1.0}, {central, "AIR-DEMO-02", "市二中监测点（演示）", 1.08},
                {chibi, "AIR-DEMO-03", chibi.nameZh() + "监测站（演示）", 0.95}};
        for (Object[] a : air) {
            Unit u = (Unit) a[0];
            Device d = devices.register(DeviceProfile.AIR_STATION, (String) a[1], (String) a[2], u.id(),
                    "demo-" + a[1], Map.of("lat", "29.84", "lon", "114.32"), true);
            double level = (Double) a[3];
            for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
                var t = day.atTime(12, 0).atZone(zone).toInstant();
                double season = Math.cos(2 * Math.PI * (day.getDayOfYear() - 15) / 365.0); // 1 in January
                double trend = 1 - 0.04 * (day.getYear() - FIRST_YEAR);
                double pm25 = Math.max(5, (38 + 26 * season) * trend * level + 14 * random.nextGaussian());
                double summer = Math.cos(2 * Math.PI * (day.getDayOfYear() - 196) / 365.0);
                points.add(new Point(d.id(), "a34004", t, round(pm25)));
                points.add(new Point(d.id(), "a34002", t, round(Math.max(10, pm25 * 1.55 + 10 * random.nextGaussian()))));
                points.add(new Point(d.id(), "a21026", t, round(Math.max(2, 9 * trend + 3 * random.nextGaussian()))));
                points.add(new Point(d.id(), "a21004", t, round(Math.max(5, 24 + 8 * season + 6 * random.nextGaussian()))));
                points.add(new Point(d.id(), "a21005", t, Math.round(Math.max(0.2, 0.8 + 0.25 * season
                        + 0.15 * random.nextGaussian()) * 10) / 10.0));
                points.add(new Point(d.id(), "a05024", t, round(Math.max(20, 95 + 45 * summer + 22 * random.nextGaussian()))));
            }
        }
        // water: one section and one drinking-water source per area, a sample on the 10th of every month
        for (int i = 0; i < areas.size(); i++) {
            Unit u = areas.get(i);
            String river = RIVERS[i % RIVERS.length];
            Device section = devices.register(DeviceProfile.WATER_SECTION, "WS-DEMO-" + u.code(),
                    river + u.nameZh() + "断面（演示）", u.id(), "demo-ws-" + u.code(),
                    Map.of("parameters", "w01001,w01009,w01019,w21003,w21011", "targetClass", "3", "waterBody", "RIVER"), true);
            Device source = devices.register(DeviceProfile.DRINKING_WATER_SOURCE, "DW-DEMO-" + u.code(),
                    SOURCES[i % SOURCES.length] + "水源地（演示）", u.id(), "demo-dw-" + u.code(),
                    Map.of("parameters", "w01001,w01009,w01019,w21003,w21011", "waterBody", "LAKE"), true);
            // the second area's river is the weakest: ammonia nitrogen rises in some summers
            double stress = i == 1 ? 1.0 : 0.45 + 0.1 * random.nextDouble();
            for (YearMonth m = YearMonth.from(first); m.atDay(10).isBefore(today); m = m.plusMonths(1)) {
                var t = m.atDay(10).atTime(9, 0).atZone(zone).toInstant();
                boolean summer = m.getMonthValue() >= 6 && m.getMonthValue() <= 9;
                double nh3 = Math.max(0.05, stress * (summer ? 1.05 : 0.55) + 0.18 * random.nextGaussian());
                points.add(new Point(section.id(), "w01001", t, Math.round((7.3 + 0.3 * random.nextGaussian()) * 100) / 100.0));
                points.add(new Point(section.id(), "w01009", t, round1(Math.max(3.5, 7.2 - (summer ? 1.2 : 0) + 0.5 * random.nextGaussian()))));
                points.add(new Point(section.id(), "w01019", t, round1(Math.max(1, 3.2 * stress + 1.5 + 0.6 * random.nextGaussian()))));
                points.add(new Point(section.id(), "w21003", t, round3(nh3)));
                points.add(new Point(section.id(), "w21011", t, round3(Math.max(0.01, 0.08 + 0.06 * stress + 0.02 * random.nextGaussian()))));
                // sources: clean reservoirs (lake limits of phosphorus), a rare lapse
                boolean lapse = random.nextDouble() < 0.01;
                points.add(new Point(source.id(), "w01001", t, Math.round((7.4 + 0.2 * random.nextGaussian()) * 100) / 100.0));
                points.add(new Point(source.id(), "w01009", t, round1(Math.max(5.2, 7.4 + 0.4 * random.nextGaussian()))));
                points.add(new Point(source.id(), "w01019", t, round1(Math.max(1, 2.4 + 0.5 * random.nextGaussian()))));
                points.add(new Point(source.id(), "w21003", t, round3(lapse ? 1.3 : Math.max(0.03, 0.2 + 0.08 * random.nextGaussian()))));
                points.add(new Point(source.id(), "w21011", t, round3(Math.max(0.005, 0.02 + 0.006 * random.nextGaussian()))));
                points.add(new Point(source.id(), EnvironmentFigures.VOLUME, t,
                        round1((i == 0 ? 180 : 60 + 10 * i) * (0.9 + 0.2 * random.nextDouble()))));
            }
        }
        long t1 = System.nanoTime();
        // stored in the background through the monitoring module's writer (its batches are set-based: one statement per
        // 5 000 points) while the next contributors run; EnvironmentDemoDataJoin (order 299) waits for it before the
        // indicator demo (300) pulls G1a, G2 and G5. The first station's points first: one writer creates every month's
        // partition (the others then find them).
        long firstDevice = points.get(0).deviceId();
        List<Point> firstPoints = points.stream().filter(p -> p.deviceId() == firstDevice).toList();
        points.removeIf(p -> p.deviceId() == firstDevice);
        int total = firstPoints.size() + points.size();
        pending = java.util.concurrent.CompletableFuture.runAsync(() -> {
            long s0 = System.nanoTime();
            writer.write(firstPoints);
            for (int i = 0; i < points.size(); i += 20_000) {
                writer.write(points.subList(i, Math.min(points.size(), i + 20_000)));
            }
            log.info("Environment demo data: {} points stored in the background in {} ms", total,
                    (System.nanoTime() - s0) / 1_000_000);
        }, r -> {
            Thread t = new Thread(r, "environment-demo-data");
            t.setDaemon(true);
            t.start();
        });
        log.info("Environment demo data: stations registered and {} points generated in {} ms (stored in the background)",
                total, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Waits until the points are stored (answers the milliseconds waited); rethrows a failure of the writer. */
    long awaitStored() {
        long t0 = System.nanoTime();
        var p = pending;
        if (p != null) {
            p.join();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static double round(double v) {
        return Math.round(v);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
