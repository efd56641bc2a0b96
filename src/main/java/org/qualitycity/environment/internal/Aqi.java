package org.qualitycity.environment.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The air quality index of HJ 633-2012 (环境空气质量指数 (AQI) 技术规定), daily form: the individual index
 * (IAQI) of each pollutant from the breakpoints of its Table 1 by linear interpolation (formula 1), rounded up
 * to a whole number (rounded up, §5), the AQI as the largest IAQI (formula 2), the primary pollutant(s) as the
 * pollutants with that largest IAQI when the AQI is above 50 (§6.1), and pollutants over the standard as those
 * with an IAQI above 100. Daily concentrations: 24-hour averages of SO₂, NO₂, PM10, PM2.5 and CO, and the day's
 * largest 8-hour moving average of O₃ ({@link #o3Max8h}). Framework-free.
 */
public final class Aqi {

    /** The pollutants of the daily AQI with their HJ 212-2017 codes; µg/m³, CO mg/m³. */
    public enum Pollutant {
        SO2("a21026"), NO2("a21004"), PM10("a34002"), PM25("a34004"), O3_8H("a05024"), CO("a21005");

        private final String code;

        Pollutant(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The IAQI column of Table 1. */
    static final int[] IAQI = {0, 50, 100, 150, 200, 300, 400, 500};

    /** HJ 633-2012 Table 1, the 24-hour (and O₃ 8-hour) concentration limits per IAQI step. */
    static final Map<Pollutant, double[]> BREAKPOINTS = new EnumMap<>(Map.of(
            Pollutant.SO2, new double[]{0, 50, 150, 475, 800, 1600, 2100, 2620},
            Pollutant.NO2, new double[]{0, 40, 80, 180, 280, 565, 750, 940},
            Pollutant.PM10, new double[]{0, 50, 150, 250, 350, 420, 500, 600},
            Pollutant.CO, new double[]{0, 2, 4, 14, 24, 36, 48, 60},
            // O3 8-hour: the table stops at 800 (IAQI 300); above it the 1-hour value decides (note 3)
            Pollutant.O3_8H, new double[]{0, 100, 160, 215, 265, 800},
            Pollutant.PM25, new double[]{0, 35, 75, 115, 150, 250, 350, 500}));

    /** The AQI above which a day is not "good" (优良: 优 0–50 and 良 51–100). */
    public static final int GOOD_LIMIT = 100;

    private Aqi() {
    }

    /**
     * The individual index of one pollutant's daily concentration: formula (1) of HJ 633-2012 between the
     * breakpoints BP_Lo ≤ C ≤ BP_Hi, rounded up; a concentration beyond the table's last row is 500.
     */
    public static int iaqi(Pollutant p, double c) {
        if (Double.isNaN(c) || c < 0) {
            throw new IllegalArgumentException("concentration");
        }
        double[] bp = BREAKPOINTS.get(p);
        if (c >= bp[bp.length - 1]) {
            // SO2 24h above 800 is given by its table up to 2620; O3 8h above 800 by the 1-hour value,
            // which a daily figure does not carry: the largest step of the 8-hour row applies
            return p == Pollutant.O3_8H ? IAQI[bp.length - 1] : IAQI[IAQI.length - 1];
        }
        for (int i = 1; i < bp.length; i++) {
            if (c <= bp[i]) {
                double v = (IAQI[i] - IAQI[i - 1]) / (bp[i] - bp[i - 1]) * (c - bp[i - 1]) + IAQI[i - 1];
                // the interpolation of exact breakpoints must not round 100.0000001 up to 101
                return (int) Math.ceil(Math.round(v * 1e6) / 1e6);
            }
        }
        return IAQI[IAQI.length - 1];
    }

    /**
     * The day's AQI.
     *
     * @param concentrations daily values per pollutant; a day lacking any of the six is not valid
     * @return the result, or null when a pollutant is missing
     */
    public static Result daily(Map<Pollutant, Double> concentrations) {
        Map<Pollutant, Integer> indices = new EnumMap<>(Pollutant.class);
        for (Pollutant p : Pollutant.values()) {
            Double c = concentrations.get(p);
            if (c == null) {
                return null;
            }
            indices.put(p, iaqi(p, c));
        }
        int aqi = Collections.max(indices.values());
        Set<Pollutant> primary = EnumSet.noneOf(Pollutant.class);
        Set<Pollutant> over = EnumSet.noneOf(Pollutant.class);
        indices.forEach((p, i) -> {
            if (aqi > 50 && i == aqi) {
                primary.add(p);
            }
            if (i > GOOD_LIMIT) {
                over.add(p);
            }
        });
        return new Result(aqi, primary, over, indices);
    }

    /**
     * The day's largest 8-hour moving average of O₃ from its hourly values (index 0 = the hour 00:00–01:00;
     * NaN = missing). A window ending at hour h averages hours h−7…h of the same day (HJ 633 note: the 8-hour
     * average of hours 0–7 is the first one of the day) and counts with at least 6 valid hours; the day needs at
     * least 14 valid windows (GB 3095-2012 Table 4). Returns NaN when the day is not valid.
     */
    public static double o3Max8h(double[] hourly) {
        double max = Double.NaN;
        int windows = 0;
        for (int end = 7; end < Math.min(24, hourly.length); end++) {
            double sum = 0;
            int n = 0;
            for (int h = end - 7; h <= end; h++) {
                if (!Double.isNaN(hourly[h])) {
                    sum += hourly[h];
                    n++;
                }
            }
            if (n >= 6) {
                windows++;
                double avg = sum / n;
                max = Double.isNaN(max) ? avg : Math.max(max, avg);
            }
        }
        return windows >= 14 ? max : Double.NaN;
    }

    /** The share of good days (AQI ≤ 100) among valid days, or NaN without valid days. */
    public static double goodShare(List<Result> days) {
        List<Result> valid = new ArrayList<>(days);
        valid.removeIf(java.util.Objects::isNull);
        if (valid.isEmpty()) {
            return Double.NaN;
        }
        return valid.stream().filter(Result::good).count() / (double) valid.size();
    }

    /**
     * A day's AQI with its primary pollutants (empty when the AQI is 50 or less), the pollutants over the
     * standard (IAQI above 100) and every individual index.
     */
    public record Result(int aqi, Set<Pollutant> primary, Set<Pollutant> overStandard, Map<Pollutant, Integer> iaqi) {

        /** 优良: AQI at most 100. */
        public boolean good() {
            return aqi <= GOOD_LIMIT;
        }

        /** The AQI level of HJ 633-2012 Table 2 (1 excellent … 6 severe). */
        public int level() {
            return aqi <= 50 ? 1 : aqi <= 100 ? 2 : aqi <= 150 ? 3 : aqi <= 200 ? 4 : aqi <= 300 ? 5 : 6;
        }
    }
}
