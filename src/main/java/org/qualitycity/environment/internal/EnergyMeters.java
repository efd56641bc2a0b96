package org.qualitycity.environment.internal;

import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.Rollup;
import org.qualitycity.monitoring.TelemetryQuery;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy metering of key energy users (plan 四.(四).3): the energy meters (devices of profile ENERGY_METER) of an
 * enterprise with their consumption per day and month in the meter's unit and in standard coal (GB/T 2589-2020,
 * {@link EnergyMath}), the data completeness of the month (readings received against {@code readingsPerDay} per
 * day; complete at 90 %), the consistency of the days' sum with the month's own figure (metric {@code energy_month},
 * the enterprise's monthly statement, stored at the first instant of the month; within 5 %), and whether the meter is
 * late (no reading for {@code noDataHours}, default 6). An enterprise account sees its own meters only; staff the
 * meters of the enterprises of the units they cover.
 */
@Service
public class EnergyMeters {

    /** The metric of a meter's readings (consumption since the previous reading, in the meter's unit). */
    public static final String READING = "energy";
    /** The metric of the month's own figure (the enterprise's monthly statement), at the month's first instant. */
    public static final String MONTHLY = "energy_month";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final Devices devices;
    private final TelemetryQuery telemetry;
    private final Enterprises enterprises;
    private final Units units;
    private final JdbcClient jdbc;
    private final Clock clock;

    EnergyMeters(Devices devices, TelemetryQuery telemetry, Enterprises enterprises, Units units, JdbcClient jdbc,
                 Clock clock) {
        this.devices = devices;
        this.telemetry = telemetry;
        this.enterprises = enterprises;
        this.units = units;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An energy type with its base unit and standard-coal factor (GB/T 2589-2020, Appendix A). */
    public record EnergyType(String code, String nameZh, String nameEn, String baseUnit, double coalFactor) {
        public String name() {
            return "en".equals(Texts.locale().getLanguage()) ? nameEn : nameZh;
        }
    }

    /** One meter's month. */
    public record MeterMonth(long id, String code, String name, String enterpriseCode, String enterpriseName,
                             String unitCode, String energyType, String energyTypeName, String unit, double coalFactor,
                             double consumption, long readings, long expected, double completeness, boolean complete,
                             Double monthly, Boolean consistent, double standardCoalKg, Instant lastReading,
                             boolean late, boolean demo) {
        /** The consumption rounded to 2 decimals, for pages. */
        public double consumptionShown() {
            return Math.round(consumption * 100) / 100.0;
        }

        /** Tonnes of standard coal rounded to 3 decimals, for pages. */
        public double tceShown() {
            return Math.round(standardCoalKg) / 1000.0;
        }

        /** Completeness in per cent, one decimal, for pages. */
        public double percentShown() {
            return Math.round(completeness * 1000) / 10.0;
        }
    }

    /** One key energy user's month: its meters together. */
    public record EnterpriseMonth(String enterpriseCode, String enterpriseName, String unitCode, int meters,
                                  double standardCoalTonnes, boolean complete, Boolean consistent, boolean late,
                                  Map<String, Double> byType) {
        /** Tonnes of standard coal rounded to 3 decimals, for pages. */
        public double tceShown() {
            return Math.round(standardCoalTonnes * 1000) / 1000.0;
        }
    }

    /** One day of a meter. */
    public record MeterDay(LocalDate day, double consumption, long readings, double standardCoalKg) {
        /** The consumption rounded to 2 decimals, for pages. */
        public double consumptionShown() {
            return Math.round(consumption * 100) / 100.0;
        }

        /** Kilograms of standard coal rounded to 1 decimal, for pages. */
        public double kgceShown() {
            return Math.round(standardCoalKg * 10) / 10.0;
        }
    }

    /** The energy types. */
    public List<EnergyType> types() {
        return jdbc.sql("SELECT code, name_zh, name_en, base_unit, coal_factor FROM environment_energy_type ORDER BY sort")
                .query((rs, n) -> new EnergyType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5))).list();
    }

    /** A month "yyyyMM"; blank: the previous month. */
    public YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(clock.withZone(ApplicationZone.ZONE)).minusMonths(1);
        }
        try {
            return YearMonth.parse(month.strip(), MONTH);
        } catch (DateTimeParseException e) {
            throw new ValidationException("month", Texts.msg("environment.energy.error.month"));
        }
    }

    /** The meters in the caller's scope with their figures of a month. */
    public List<MeterMonth> meters(YearMonth month, String enterpriseCode, CurrentUser user) {
        Map<String, EnergyType> types = new LinkedHashMap<>();
        types().forEach(t -> types.put(t.code(), t));
        EnterpriseScope scope = enterprises.scope(user);
        List<MeterMonth> out = new ArrayList<>();
        for (Device d : devices.byProfile(DeviceProfile.ENERGY_METER)) {
            String code = d.attributes().get("enterpriseCode");
            if (enterpriseCode != null && !enterpriseCode.isBlank() && !enterpriseCode.strip().equals(code)) {
                continue;
            }
            EnterpriseRef e = code == null ? null : enterprises.byCreditCode(code).orElse(null);
            if (!visible(d, e, scope, user)) {
                continue;
            }
            out.add(meterMonth(d, e, types, month));
        }
        out.sort(Comparator.comparing(MeterMonth::enterpriseCode, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MeterMonth::code));
        return out;
    }

    /** The key energy users in the caller's scope: their meters together, with the flags of the month. */
    public List<EnterpriseMonth> enterprises(YearMonth month, CurrentUser user) {
        Map<String, List<MeterMonth>> by = new LinkedHashMap<>();
        for (MeterMonth m : meters(month, null, user)) {
            if (m.enterpriseCode() != null && !m.enterpriseCode().isBlank()) { // a meter of no enterprise: not a user's
                by.computeIfAbsent(m.enterpriseCode(), k -> new ArrayList<>()).add(m);
            }
        }
        List<EnterpriseMonth> out = new ArrayList<>();
        by.forEach((code, ms) -> {
            Map<String, Double> byType = new LinkedHashMap<>();
            double kgce = 0;
            boolean complete = true;
            Boolean consistent = null;
            boolean late = false;
            for (MeterMonth m : ms) {
                kgce += m.standardCoalKg();
                byType.merge(m.energyType(), m.standardCoalKg() / 1000, Double::sum);
                complete &= m.complete();
                if (m.consistent() != null) {
                    consistent = (consistent == null || consistent) && m.consistent();
                }
                late |= m.late();
            }
            MeterMonth first = ms.get(0);
            out.add(new EnterpriseMonth(code, first.enterpriseName(), first.unitCode(), ms.size(), kgce / 1000, complete,
                    consistent, late, byType));
        });
        return out;
    }

    /** One meter's days of a month. */
    public List<MeterDay> days(long id, YearMonth month, CurrentUser user) {
        Device d = require(id, user);
        EnergyType t = types().stream().filter(x -> x.code().equals(d.attributes().get("energyType"))).findFirst()
                .orElse(null);
        double factor = factor(d, t);
        List<MeterDay> out = new ArrayList<>();
        for (Rollup r : telemetry.daily(d.id(), READING, start(month), end(month))) {
            double sum = r.avg() * r.count();
            out.add(new MeterDay(LocalDate.ofInstant(r.bucket(), ApplicationZone.ZONE), sum, r.count(), sum * factor));
        }
        return out;
    }

    /** A meter in the caller's scope. */
    public Device require(long id, CurrentUser user) {
        EnterpriseScope scope = enterprises.scope(user);
        return devices.byId(id).filter(d -> d.profile() == DeviceProfile.ENERGY_METER)
                .filter(d -> visible(d, enterprise(d), scope, user))
                .orElseThrow(() -> new NotFoundException("meter"));
    }

    private EnterpriseRef enterprise(Device d) {
        String code = d.attributes().get("enterpriseCode");
        return code == null ? null : enterprises.byCreditCode(code).orElse(null);
    }

    private boolean visible(Device d, EnterpriseRef e, EnterpriseScope scope, CurrentUser user) {
        if (scope.enterpriseId() != null) {
            return e != null && e.id() == scope.enterpriseId();
        }
        return units.isVisible(d.unitId(), user);
    }

    private static Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay(ApplicationZone.ZONE).toInstant();
    }

    private static Instant end(YearMonth m) {
        return m.plusMonths(1).atDay(1).atStartOfDay(ApplicationZone.ZONE).toInstant();
    }

    /** The meter's factor from its unit to kgce: its own coalFactor, or the type's reference value. */
    private static double factor(Device d, EnergyType t) {
        double coal = coal(d, t);
        Double toBase = t == null ? Double.valueOf(1.0) : EnergyMath.toBase(d.attributes().get("unit"), t.baseUnit());
        return (toBase == null ? 1.0 : toBase) * coal;
    }

    private static double coal(Device d, EnergyType t) {
        String own = d.attributes().get("coalFactor");
        try {
            if (own != null && !own.isBlank()) {
                return Double.parseDouble(own);
            }
        } catch (NumberFormatException ignored) {
            // the reference value then
        }
        return t == null ? 0 : t.coalFactor();
    }

    private static long attribute(Device d, String name, long dflt) {
        try {
            String v = d.attributes().get(name);
            return v == null ? dflt : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private MeterMonth meterMonth(Device d, EnterpriseRef e, Map<String, EnergyType> types, YearMonth month) {
        Instant now = clock.instant();
        Instant from = start(month);
        Instant to = end(month);
        Instant until = to.isAfter(now) ? now : to;
        EnergyType t = types.get(d.attributes().get("energyType"));
        double consumption = 0;
        long readings = 0;
        for (Rollup r : telemetry.daily(d.id(), READING, from, to)) {
            consumption += r.avg() * r.count();
            readings += r.count();
        }
        long perDay = attribute(d, "readingsPerDay", 24);
        long expected = until.isAfter(from) ? Duration.between(from, until).getSeconds() * perDay / 86_400 : 0;
        double completeness = EnergyMath.completeness(readings, expected);
        Double monthly = telemetry.raw(d.id(), MONTHLY, from, from.plusSeconds(1)).stream().filter(Point::normal)
                .map(Point::value).findFirst().orElse(null);
        Instant last = telemetry.raw(d.id(), READING, now.minus(Duration.ofDays(7)), now.plusSeconds(1)).stream()
                .map(Point::time).max(Comparator.naturalOrder()).orElse(null);
        boolean late = last == null || last.isBefore(now.minus(Duration.ofHours(attribute(d, "noDataHours", 6))));
        double factor = factor(d, t);
        return new MeterMonth(d.id(), d.code(), d.name(), d.attributes().get("enterpriseCode"),
                e == null ? d.attributes().getOrDefault("enterpriseName", "") : e.name(),
                units.byId(d.unitId()).map(u -> u.code()).orElse(""), d.attributes().get("energyType"),
                t == null ? d.attributes().get("energyType") : t.name(), d.attributes().getOrDefault("unit", ""),
                factor, consumption, readings, expected, completeness, completeness >= EnergyMath.COMPLETE, monthly,
                EnergyMath.consistent(consumption, monthly), consumption * factor, last, late, d.demo());
    }
}
