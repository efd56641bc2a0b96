package org.qualitycity.environment.internal;

import java.util.Map;

/**
 * The arithmetic of energy metering: a reading in the meter's unit to the energy type's base unit and to standard
 * coal (GB/T 2589-2020, Appendix A reference coefficients, kept as data in {@code environment_energy_type}: e.g. raw
 * coal 0.7143 kgce/kg, electricity 0.1229 kgce/kWh equivalent value, natural gas 1.1000-1.3300 kgce/m3 with 1.2143
 * used), the data completeness of a period (readings received against readings expected; complete at 90 % or more)
 * and the consistency of the daily figures with the month's own figure (within 5 %).
 */
public final class EnergyMath {

    /** Complete when at least this share of the expected readings arrived. */
    public static final double COMPLETE = 0.90;
    /** Consistent when the sum of the days differs from the month's figure by at most this share of it. */
    public static final double CONSISTENT = 0.05;

    /** A meter's unit to the base unit of its energy type (the unit itself: 1). */
    private static final Map<String, Double> TO_BASE = Map.of("t", 1000.0, "MWh", 1000.0, "GJ", 1000.0,
            "10^4m3", 10_000.0, "m3", 1.0, "kg", 1.0, "kWh", 1.0, "MJ", 1.0);

    private EnergyMath() {
    }

    /** The factor from the meter's unit to the base unit of the type, or null when the units do not fit together. */
    public static Double toBase(String meterUnit, String baseUnit) {
        if (meterUnit == null || meterUnit.equals(baseUnit)) {
            return 1.0;
        }
        Double f = TO_BASE.get(meterUnit);
        if (f == null) {
            return null;
        }
        // t fits kg, MWh kWh, GJ MJ, 10^4m3 m3
        boolean fits = switch (meterUnit) {
            case "t" -> "kg".equals(baseUnit);
            case "MWh" -> "kWh".equals(baseUnit);
            case "GJ" -> "MJ".equals(baseUnit);
            case "10^4m3" -> "m3".equals(baseUnit);
            default -> false;
        };
        return fits ? f : null;
    }

    /** Kilograms of standard coal (kgce) of a consumption in the meter's unit. */
    public static double standardCoalKg(double consumption, double toBase, double coalFactor) {
        return consumption * toBase * coalFactor;
    }

    /** The share of the expected readings that arrived (0 when none were expected). */
    public static double completeness(long received, long expected) {
        return expected <= 0 ? 0 : Math.min(1.0, (double) received / expected);
    }

    /** Whether the sum of the daily figures agrees with the month's figure within 5 % of it; null without one. */
    public static Boolean consistent(double dailySum, Double monthly) {
        if (monthly == null) {
            return null;
        }
        if (monthly == 0) {
            return dailySum == 0;
        }
        return Math.abs(dailySum - monthly) / Math.abs(monthly) <= CONSISTENT + 1e-12;
    }
}
