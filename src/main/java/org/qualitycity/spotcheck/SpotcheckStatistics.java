package org.qualitycity.spotcheck;

import java.util.List;

/**
 * City-wide figures of the supervision spot checks for reports (the white paper's product chapter, issue 18): no data
 * scope, no personal data, only counts.
 */
public interface SpotcheckStatistics {

    /**
     * Supervision spot checks sampled in a year in one product category: batches with a final verdict (a re-test
     * replaces the first verdict; refusals and samples without a result are not counted) and those that passed.
     *
     * @param kind INDUSTRIAL, FOOD or AGRICULTURAL
     */
    record CategoryPassRate(String code, String nameZh, String nameEn, String kind, int year, int tested, int passed) {
    }

    /** Every category with tested batches in one of these years, per year; ordered by kind, category code, year. */
    List<CategoryPassRate> passRatesByCategory(List<Integer> years);
}
