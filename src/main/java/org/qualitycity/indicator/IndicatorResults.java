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

    /** Recomputes a year's results (e.g. before an assessment is run). */
    void recompute(int year);
}
