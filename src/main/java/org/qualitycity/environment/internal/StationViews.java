package org.qualitycity.environment.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stations behind G1a, G2 and G5 as the drill-down shows them: the list of a profile's stations in the
 * caller's scope with their figures for a period, and one station's daily AQI or monthly class over a year.
 * A station outside the caller's scope is not found.
 */
@Service
public class StationViews {

    static final Set<DeviceProfile> PROFILES = Set.of(DeviceProfile.AIR_STATION, DeviceProfile.WATER_SECTION,
            DeviceProfile.DRINKING_WATER_SOURCE);

    private final Devices devices;
    private final EnvironmentFigures figures;
    private final Units units;
    private final Clock clock;

    StationViews(Devices devices, EnvironmentFigures figures, Units units, Clock clock) {
        this.devices = devices;
        this.figures = figures;
        this.units = units;
        this.clock = clock;
    }

    /** A station in a list: its figure of the period (air: good and valid days; water: the class of the month). */
    public record StationRow(long id, String code, String name, String profile, String unitCode, long unitId,
                             boolean demo, Integer goodDays, Integer validDays, Integer waterClass, Double volume) {
    }

    /** One day of an air station. */
    public record DayView(LocalDate day, Integer aqi, List<String> primary, Map<String, Double> concentrations) {
    }

    /** One month of a section or source. */
    public record MonthView(String month, Integer waterClass, List<String> deciding, Map<String, Double> values,
                            double volume) {
    }

    /** One station with its year. */
    public record StationView(long id, String code, String name, String profile, String unitCode, long unitId,
                              boolean demo, int year, List<DayView> days, List<MonthView> months) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationZone.ZONE));
    }

    public DeviceProfile profile(String name) {
        for (DeviceProfile p : PROFILES) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new ValidationException("profile", Texts.msg("environment.error.profile"));
    }

    /** The period's first and last day from its id (2024, 2024Q1, 202403), 400 on anything else. */
    public LocalDate[] period(String id) {
        try {
            var p = org.qualitycity.indicator.Period.parse(id);
            return new LocalDate[]{p.start(), p.end()};
        } catch (RuntimeException e) {
            throw new ValidationException("period", Texts.msg("environment.error.period"));
        }
    }

    public List<StationRow> list(DeviceProfile profile, String unitCode, String periodId, CurrentUser user) {
        Unit within = unitCode == null || unitCode.isBlank() ? null : units.requireVisible(unitCode, user);
        LocalDate[] period = periodId == null || periodId.isBlank()
                ? new LocalDate[]{today().withDayOfYear(1), today()} : period(periodId);
        List<Device> all = devices.byProfile(profile).stream()
                .filter(d -> units.isVisible(d.unitId(), user))
                .filter(d -> within == null || inside(d.unitId(), within))
                .sorted(Comparator.comparing(Device::code)).toList();
        List<StationRow> out = new ArrayList<>();
        if (profile == DeviceProfile.AIR_STATION) {
            var days = figures.stationDays(null, period[0], period[1]);
            for (Device d : all) {
                var list = days.getOrDefault(d.id(), List.of());
                int valid = (int) list.stream().filter(x -> x.aqi() != null).count();
                int good = (int) list.stream().filter(x -> x.aqi() != null && x.aqi().good()).count();
                out.add(row(d, good, valid, null, null));
            }
        } else {
            var months = figures.waterMonths(profile, null, period[0], period[1]);
            for (Device d : all) {
                var list = months.getOrDefault(d.id(), List.of());
                Integer worst = list.stream().filter(m -> m.result() != null).map(m -> m.result().waterClass())
                        .max(Integer::compare).orElse(null);
                double volume = list.stream().mapToDouble(EnvironmentFigures.WaterMonth::volume).sum();
                out.add(row(d, null, null, worst, volume));
            }
        }
        return out;
    }

    private boolean inside(long unitId, Unit within) {
        return units.byId(unitId).map(u -> u.path().startsWith(within.path())).orElse(false);
    }

    private StationRow row(Device d, Integer good, Integer valid, Integer waterClass, Double volume) {
        String unitCode = units.byId(d.unitId()).map(Unit::code).orElse("");
        return new StationRow(d.id(), d.code(), d.name(), d.profile().name(), unitCode, d.unitId(), d.demo(), good,
                valid, waterClass, volume);
    }

    public StationView station(long id, Integer year, CurrentUser user) {
        Device d = devices.byId(id).filter(x -> PROFILES.contains(x.profile()))
                .filter(x -> units.isVisible(x.unitId(), user))
                .orElseThrow(() -> new NotFoundException("station"));
        int y = year == null ? today().getYear() : year;
        if (y < 2000 || y > today().getYear() + 1) {
            throw new ValidationException("year", Texts.msg("environment.error.year"));
        }
        LocalDate from = LocalDate.of(y, 1, 1);
        LocalDate to = LocalDate.of(y, 12, 31);
        List<DayView> days = new ArrayList<>();
        List<MonthView> months = new ArrayList<>();
        if (d.profile() == DeviceProfile.AIR_STATION) {
            figures.stationDays(d.id(), from, to).getOrDefault(d.id(), List.of()).forEach(x -> {
                Map<String, Double> c = new java.util.TreeMap<>();
                x.concentrations().forEach((p, v) -> c.put(p.name(), Math.round(v * 10) / 10.0));
                days.add(new DayView(x.day(), x.aqi() == null ? null : x.aqi().aqi(),
                        x.aqi() == null ? List.of() : x.aqi().primary().stream().map(Enum::name).toList(), c));
            });
        } else {
            figures.waterMonths(d.profile(), d.id(), from, to).getOrDefault(d.id(), List.of()).forEach(m -> {
                Map<String, Double> v = new java.util.TreeMap<>();
                m.values().forEach((k, x) -> v.put(k, Math.round(x * 1000) / 1000.0));
                months.add(new MonthView(m.month().toString(), m.result() == null ? null : m.result().waterClass(),
                        m.result() == null ? List.of() : m.result().deciding(), v, m.volume()));
            });
        }
        String unitCode = units.byId(d.unitId()).map(Unit::code).orElse("");
        return new StationView(d.id(), d.code(), d.name(), d.profile().name(), unitCode, d.unitId(), d.demo(), y, days,
                months);
    }

    /** The months of a year for charts. */
    static List<String> monthsOf(int year) {
        List<String> out = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            out.add(YearMonth.of(year, m).toString());
        }
        return out;
    }
}
