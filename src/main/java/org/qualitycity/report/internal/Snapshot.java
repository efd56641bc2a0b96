package org.qualitycity.report.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The data a report is rendered from, frozen as JSON with the document: indicator results of the city and its areas
 * for the periods the report compares (the report's period, the one before it, the trend), with the plan's names.
 * Rendering reads nothing else, so a document rendered again from its snapshot is the same document.
 *
 * @param kind        WHITE_PAPER or ANALYSIS
 * @param sector      for an analysis: PRODUCT, ENGINEERING or SERVICE
 * @param period      the report's period: a year ({@code 2025}) or a quarter ({@code 2025Q2})
 * @param generatedAt when the data was read (ISO instant); also the document's creation date
 * @param periods     the periods held, oldest first; the last one is {@code period}
 * @param product     for a white paper: the product chapter's details (spot checks by category, the counts behind
 *                    P3–P8); null in an analysis and in documents generated before it existed
 */
record Snapshot(String kind, String sector, String period, int year, String lang, String generatedAt,
                String planTitleZh, String planTitleEn, Place city, List<Place> areas, List<Ind> indicators,
                List<String> periods, List<Val> values, Product product) {

    /**
     * The product chapter's details: supervision spot checks by product category (the report's year and the year
     * before), and the counts behind the product indicators (numerator and denominator of the city's value).
     */
    record Product(List<Category> categories, List<Count> counts) {
    }

    /** Supervision spot checks of one category in one year (the spot-check module's figures). */
    record Category(String code, String nameZh, String nameEn, String kind, int year, int tested, int passed) {
        String name(String lang) {
            return "en".equals(lang) && nameEn != null ? nameEn : nameZh;
        }
    }

    /** The numerator and denominator of an indicator's city value in a period, with the elements' names. */
    record Count(String indicator, String period, String numeratorZh, String numeratorEn, BigDecimal numerator,
                 String denominatorZh, String denominatorEn, BigDecimal denominator) {
    }

    record Place(String code, String nameZh, String nameEn) {
        String name(String lang) {
            return "en".equals(lang) && nameEn != null ? nameEn : nameZh;
        }
    }

    /** An indicator as the plan names it. */
    record Ind(String code, String area, String category, String nameZh, String nameEn, String unit, String unitZh,
               int decimals) {
        String name(String lang) {
            return "en".equals(lang) && nameEn != null ? nameEn : nameZh;
        }
    }

    /** One result: an indicator's value for a unit and period, with its target and attainment. */
    record Val(String indicator, String unit, String period, BigDecimal value, String targetKind, BigDecimal target,
               String status) {
    }

    Optional<Val> value(String indicator, String unit, String period) {
        for (Val v : values) {
            if (v.indicator().equals(indicator) && v.unit().equals(unit) && v.period().equals(period)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    Optional<Ind> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The period a year (or a quarter) earlier than the report's. */
    String previousYearPeriod() {
        return org.qualitycity.indicator.Period.parse(period).previousYear().id();
    }
}
