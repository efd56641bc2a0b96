package org.qualitycity.environment.internal;

import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * G1a's supporting elements, G2 and G5 from the stations' measurements:
 * <ul>
 *   <li>G1_GOOD_DAYS / G1_VALID_DAYS: the city's days with AQI ≤ 100 and its valid days in the year (the city
 *       unit; {@link EnvironmentFigures#cityDays});</li>
 *   <li>G2_SECTIONS_III / G2_SECTIONS: surface-water sections of class III or better and sections with a class,
 *       per unit of the section and month;</li>
 *   <li>G5_COMPLIANT_VOLUME / G5_TOTAL_VOLUME: water drawn from drinking-water sources whose month is class III or
 *       better, and all water drawn, per unit and month (10⁴ t).</li>
 * </ul>
 * The demo share of a value is the share of demo stations among those behind it.
 */
@Component
class EnvironmentElements implements ComputedElementProvider {

    static final Set<String> ELEMENTS = Set.of("G1_GOOD_DAYS", "G1_VALID_DAYS", "G2_SECTIONS_III", "G2_SECTIONS",
            "G5_COMPLIANT_VOLUME", "G5_TOTAL_VOLUME");

    private final EnvironmentFigures figures;
    private final Devices devices;
    private final Units units;
    private final Clock clock;

    EnvironmentElements(EnvironmentFigures figures, Devices devices, Units units, Clock clock) {
        this.figures = figures;
        this.devices = devices;
        this.units = units;
        this.clock = clock;
    }

    @Override
    public Set<String> elements() {
        return ELEMENTS;
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        return values(List.of(element), year).getOrDefault(element, List.of());
    }

    @Override
    public Map<String, List<ElementValue>> values(Collection<String> elements, int year) {
        Map<String, List<ElementValue>> out = new LinkedHashMap<>();
        elements.forEach(e -> out.put(e, new ArrayList<>()));
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        LocalDate today = LocalDate.now(clock.withZone(org.qualitycity.platform.ApplicationZone.ZONE));
        if (from.isAfter(today)) {
            return out;
        }
        if (elements.contains("G1_GOOD_DAYS") || elements.contains("G1_VALID_DAYS")) {
            air(out, year, from, to);
        }
        if (elements.contains("G2_SECTIONS_III") || elements.contains("G2_SECTIONS")) {
            water(out, DeviceProfile.WATER_SECTION, "G2_SECTIONS_III", "G2_SECTIONS", year, from, to, false);
        }
        if (elements.contains("G5_COMPLIANT_VOLUME") || elements.contains("G5_TOTAL_VOLUME")) {
            water(out, DeviceProfile.DRINKING_WATER_SOURCE, "G5_COMPLIANT_VOLUME", "G5_TOTAL_VOLUME", year, from, to, true);
        }
        out.keySet().retainAll(elements);
        return out;
    }

    private void air(Map<String, List<ElementValue>> out, int year, LocalDate from, LocalDate to) {
        var days = figures.cityDays(from, to);
        long valid = days.stream().filter(d -> d.aqi() != null).count();
        if (valid == 0) {
            return;
        }
        long good = days.stream().filter(d -> d.aqi() != null && d.aqi().good()).count();
        List<Device> stations = devices.byProfile(DeviceProfile.AIR_STATION);
        BigDecimal share = share(stations.stream().filter(Device::demo).count(), stations.size());
        long city = units.city().id();
        out.computeIfAbsent("G1_GOOD_DAYS", k -> new ArrayList<>())
                .add(new ElementValue(city, Period.year(year), BigDecimal.valueOf(good), share));
        out.computeIfAbsent("G1_VALID_DAYS", k -> new ArrayList<>())
                .add(new ElementValue(city, Period.year(year), BigDecimal.valueOf(valid), share));
    }

    private void water(Map<String, List<ElementValue>> out, DeviceProfile profile, String numerator, String denominator,
                       int year, LocalDate from, LocalDate to, boolean byVolume) {
        Map<Long, Device> byId = new HashMap<>();
        devices.byProfile(profile).forEach(d -> byId.put(d.id(), d));
        // unit|month → {numerator, denominator, demo count, device count}
        Map<String, double[]> acc = new LinkedHashMap<>();
        Map<String, long[]> keys = new LinkedHashMap<>();
        figures.waterMonths(profile, null, from, to).forEach((id, months) -> {
            Device d = byId.get(id);
            if (d == null) {
                return;
            }
            for (var m : months) {
                if (m.result() == null || (byVolume && m.volume() <= 0)) {
                    continue;
                }
                String key = d.unitId() + "|" + m.month().getMonthValue();
                keys.putIfAbsent(key, new long[]{d.unitId(), m.month().getMonthValue()});
                double[] a = acc.computeIfAbsent(key, k -> new double[4]);
                double weight = byVolume ? m.volume() : 1;
                a[1] += weight;
                if (m.result().atLeastIII()) {
                    a[0] += weight;
                }
                a[2] += d.demo() ? 1 : 0;
                a[3]++;
            }
        });
        acc.forEach((key, a) -> {
            long[] k = keys.get(key);
            Period p = Period.month(year, (int) k[1]);
            BigDecimal share = share((long) a[2], (long) a[3]);
            out.computeIfAbsent(numerator, x -> new ArrayList<>()).add(new ElementValue(k[0], p, number(a[0]), share));
            out.computeIfAbsent(denominator, x -> new ArrayList<>()).add(new ElementValue(k[0], p, number(a[1]), share));
        });
    }

    private static BigDecimal number(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigDecimal share(long demo, long all) {
        return all == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(demo).divide(BigDecimal.valueOf(all), 4, RoundingMode.HALF_UP);
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        String profile = switch (element) {
            case "G1_GOOD_DAYS", "G1_VALID_DAYS" -> "AIR_STATION";
            case "G2_SECTIONS_III", "G2_SECTIONS" -> "WATER_SECTION";
            case "G5_COMPLIANT_VOLUME", "G5_TOTAL_VOLUME" -> "DRINKING_WATER_SOURCE";
            default -> null;
        };
        if (profile == null) {
            return null;
        }
        // G1 is the city's figure: every station counts, whichever unit the drill-down started from
        String unit = profile.equals("AIR_STATION") ? "" : "&unit=" + unitCode;
        return "/environment/stations?profile=" + profile + unit + "&period=" + period.id();
    }
}
