package org.qualitycity.indicator;

import java.math.BigDecimal;
import java.util.List;

/**
 * Read access to computed indicator results for other modules (the annual assessment reads attainment;
 * reports and the portal read values). Results are recomputed from records; this never computes.
 */
public interface IndicatorResults {

    /** One indicator's result for one unit and period. */
    record Result(String indicator, String unitCode, String period, BigDecimal value, BigDecimal numerator,
                  BigDecimal denominator, String targetKind, BigDecimal target, Attainment attainment,
                  BigDecimal projection, boolean approved) {
    }

    /** Results of these indicators (empty = all) for these units (codes) and periods (ids). */
    List<Result> results(List<String> indicators, List<String> unitCodes, List<String> periods);

    /**
     * Reporting completeness (reported ÷ expected) and timeliness (reported by the deadline ÷ expected) of
     * a responsible unit in a year. Expected: every reported element × area × period of the year that has ended.
     */
    record ReportingRate(String unitCode, int year, int expected, int reported, int onTime) {

        public double completeness() {
            return expected == 0 ? 1.0 : (double) reported / expected;
        }

        public double timeliness() {
            return expected == 0 ? 1.0 : (double) onTime / expected;
        }
    }

    /** Reporting rates of every responsible unit in a year. */
    List<ReportingRate> reporting(int year);

    /** Recomputes a year's results (e.g. before an assessment is run). */
    void recompute(int year);
}
