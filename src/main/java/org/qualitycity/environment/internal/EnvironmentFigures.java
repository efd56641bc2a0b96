package org.qualitycity.environment.internal;

import org.qualitycity.environment.internal.Aqi.Pollutant;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Rollup;
import org.qualitycity.monitoring.TelemetryQuery;
import org.qualitycity.platform.ApplicationZone;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment figures computed from the monitoring module's daily roll-ups (normal values only).
 *
 * <p><b>Valid day</b> (HJ 633-2012 with the data validity of GB 3095-2012 Table 4 / HJ 663-2013): a station's day
 * is valid when each of the six pollutants has its daily value: from hourly data, a 24-hour average needs at least
 * 20 hourly values and the O₃ daily maximum 8-hour average at least 14 valid 8-hour windows of at least 6 hours
 * ({@link Aqi#o3Max8h}); a single value of the day is the station's own daily figure (HJ 212 CN 2031 daily data,
 * for O₃ its maximum 8-hour average) and counts as valid. The city's day (G1) averages each pollutant over the
 * stations with a valid value that day (HJ 663-2013 §5: arithmetic mean of the city's stations) and is valid when
 * every pollutant has one.
 *
 * <p><b>Water class</b>: a section's or source's parameter value of a month is the mean of its daily values in that
 * month; the class of GB 3838-2002 follows from the worst parameter ({@link WaterClass}). A section's water body
 * type (attribute {@code waterBody=LAKE}) selects the lake limits of total phosphorus.
 *
 * <p><b>Drinking water</b>: metric {@code volume} is the water drawn (10⁴ t) per reading; a source's month is
 * compliant when its class is III or better (GB 3838-2002 §4.2, class II–III for centralised sources); the compliant
 * volume is its whole month's volume.
 */
@Component
public class EnvironmentFigures {

    /** Metric of the water drawn from a drinking-water source, 10⁴ t per reading. */
    public static final String VOLUME = "volume";

    private static final int HOURLY_MIN = 20;

    private final Devices devices;
    private final TelemetryQuery telemetry;
    private final WaterClass gb3838 = WaterClass.gb3838();
    private final ZoneId zone = ApplicationZone.ZONE;

    EnvironmentFigures(Devices devices, TelemetryQuery telemetry) {
        this.devices = devices;
        this.telemetry = telemetry;
    }

    WaterClass gb3838() {
        return gb3838;
    }

    /** One station's (or the city's) day: its concentrations and AQI, or a null AQI when not valid. */
    public record AirDay(long deviceId, LocalDate day, Map<Pollutant, Double> concentrations, Aqi.Result aqi) {
    }

    /** One section's or source's month: class and the values behind it, and for sources the water drawn. */
    public record WaterMonth(long deviceId, YearMonth month, Map<String, Double> values, WaterClass.Result result,
                             double volume) {
    }

    private Instant start(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    /** Daily AQI of every air station (or of one) in [from, to]. */
    public Map<Long, List<AirDay>> stationDays(Long onlyDevice, LocalDate from, LocalDate to) {
        Map<Long, Map<LocalDate, Map<Pollutant, Double>>> byStation = new TreeMap<>();
        for (Pollutant p : Pollutant.values()) {
            List<Rollup> rows = onlyDevice == null
                    ? telemetry.daily(DeviceProfile.AIR_STATION, p.code(), start(from), start(to.plusDays(1)))
                    : telemetry.daily(onlyDevice, p.code(), start(from), start(to.plusDays(1)));
            for (Rollup r : rows) {
                LocalDate day = LocalDate.ofInstant(r.bucket(), zone);
                Double value = dailyValue(p, r, day);
                if (value != null) {
                    byStation.computeIfAbsent(r.deviceId(), k -> new TreeMap<>())
                            .computeIfAbsent(day, k -> new EnumMap<>(Pollutant.class)).put(p, value);
                }
            }
        }
        Map<Long, List<AirDay>> out = new LinkedHashMap<>();
        byStation.forEach((device, days) -> {
            List<AirDay> list = new ArrayList<>();
            days.forEach((day, c) -> list.add(new AirDay(device, day, c, Aqi.daily(c))));
            out.put(device, list);
        });
        return out;
    }

    private Double dailyValue(Pollutant p, Rollup r, LocalDate day) {
        if (r.count() == 1) {
            return r.avg(); // the station's own daily figure
        }
        if (r.count() < HOURLY_MIN) {
            return null;
        }
        if (p != Pollutant.O3_8H) {
            return r.avg();
        }
        double[] hours = new double[24];
        java.util.Arrays.fill(hours, Double.NaN);
        for (Rollup h : telemetry.hourly(r.deviceId(), p.code(), start(day), start(day.plusDays(1)))) {
            int hour = h.bucket().atZone(zone).getHour();
            hours[hour] = h.avg();
        }
        double v = Aqi.o3Max8h(hours);
        return Double.isNaN(v) ? null : v;
    }

    /** The city's days in [from, to]: each pollutant averaged over the stations with a value that day. */
    public List<AirDay> cityDays(LocalDate from, LocalDate to) {
        Map<LocalDate, Map<Pollutant, double[]>> sums = new TreeMap<>();
        stationDays(null, from, to).values().forEach(days -> days.forEach(d -> d.concentrations().forEach((p, v) -> {
            double[] s = sums.computeIfAbsent(d.day(), k -> new EnumMap<>(Pollutant.class))
                    .computeIfAbsent(p, k -> new double[2]);
            s[0] += v;
            s[1]++;
        })));
        List<AirDay> out = new ArrayList<>();
        sums.forEach((day, m) -> {
            Map<Pollutant, Double> c = new EnumMap<>(Pollutant.class);
            m.forEach((p, s) -> c.put(p, s[0] / s[1]));
            out.add(new AirDay(0, day, c, Aqi.daily(c)));
        });
        return out;
    }

    /** Monthly class of every device of a water profile (or of one device) in [from, to]. */
    public Map<Long, List<WaterMonth>> waterMonths(DeviceProfile profile, Long onlyDevice, LocalDate from, LocalDate to) {
        Map<Long, Device> byId = new HashMap<>();
        List<Device> all = onlyDevice == null ? devices.byProfile(profile)
                : devices.byId(onlyDevice).stream().toList();
        all.forEach(d -> byId.put(d.id(), d));
        // device → month → parameter → {sum, count}
        Map<Long, Map<YearMonth, Map<String, double[]>>> acc = new TreeMap<>();
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        for (Device d : all) {
            metrics.addAll(parameters(d));
        }
        metrics.add(VOLUME);
        for (String metric : metrics) {
            List<Rollup> rows = onlyDevice == null
                    ? telemetry.daily(profile, metric, start(from), start(to.plusDays(1)))
                    : telemetry.daily(onlyDevice, metric, start(from), start(to.plusDays(1)));
            for (Rollup r : rows) {
                YearMonth m = YearMonth.from(LocalDate.ofInstant(r.bucket(), zone));
                double[] s = acc.computeIfAbsent(r.deviceId(), k -> new TreeMap<>())
                        .computeIfAbsent(m, k -> new LinkedHashMap<>()).computeIfAbsent(metric, k -> new double[2]);
                if (VOLUME.equals(metric)) {
                    s[0] += r.avg() * r.count(); // volumes add up
                    s[1] = 1;
                } else {
                    s[0] += r.avg();
                    s[1]++;
                }
            }
        }
        Map<Long, List<WaterMonth>> out = new LinkedHashMap<>();
        acc.forEach((device, months) -> {
            Device d = byId.get(device);
            if (d == null) {
                return;
            }
            boolean lake = "LAKE".equalsIgnoreCase(d.attributes().getOrDefault("waterBody", ""));
            List<WaterMonth> list = new ArrayList<>();
            months.forEach((m, params) -> {
                Map<String, Double> values = new TreeMap<>();
                Map<String, Double> forClass = new TreeMap<>();
                params.forEach((metric, s) -> {
                    if (!VOLUME.equals(metric)) {
                        double mean = s[0] / s[1];
                        values.put(metric, mean);
                        forClass.put(lake && gb3838.knows(metric + "@LAKE") ? metric + "@LAKE" : metric, mean);
                    }
                });
                double[] vol = params.get(VOLUME);
                list.add(new WaterMonth(device, m, values, gb3838.classify(forClass), vol == null ? 0 : vol[0]));
            });
            out.put(device, list);
        });
        return out;
    }

    /** The parameters a section monitors (attribute {@code parameters}, comma-separated codes), else the table's. */
    List<String> parameters(Device d) {
        String p = d.attributes().get("parameters");
        if (p == null || p.isBlank()) {
            return List.of("w01001", "w01009", "w01019", "w01018", "w01017", "w21003", "w21011", "w21001");
        }
        return java.util.Arrays.stream(p.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
