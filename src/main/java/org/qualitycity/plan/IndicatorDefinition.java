package org.qualitycity.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * One indicator of a plan: how its value is obtained and what it must reach.
 *
 * <p>Rates ({@link Aggregation#SUM_RATIO}) have a numerator and a denominator element:
 * value = numerator ÷ denominator × factor, and up the unit tree numerators and denominators are
 * summed (never percentages averaged). Single-valued indicators have one {@code value} element.
 * {@code comparator} is the element a {@link TargetRule.Kind#LT_COMPARATOR} target compares with
 * (e.g. P5's national average). {@code supporting} elements are collected as evidence only.
 *
 * @param category     PLAN_INDICATOR (专栏 indicators) or COUNT_TARGET (numeric targets in measures)
 * @param area         PRODUCT, ENGINEERING, SERVICE, ECOLOGY, GOVERNMENT
 * @param groupCode    the indicator group (e.g. "W2"), or null
 * @param unit         PERCENT, POINTS, COUNT, ITEMS, RANK, DAYS, RATING …
 * @param sourceModule for COMPUTED indicators, the module that supplies the values (spotcheck …)
 * @param reportedBy   for REPORTED/IMPORTED/ASSESSED indicators, the unit code that supplies them, or null
 */
public record IndicatorDefinition(String code, String category, String area, String groupCode, String nameZh,
                                  String nameEn, String unit, int decimals, PeriodType periodType,
                                  ValueSource source, String sourceModule, String reportedBy,
                                  DataElement numerator, DataElement denominator, DataElement value,
                                  DataElement comparator, List<DataElement> supporting, BigDecimal factor,
                                  Aggregation aggregation, TargetRule target) {

    public enum PeriodType { YEAR, HALF, QUARTER, MONTH }

    public enum ValueSource { REPORTED, COMPUTED, IMPORTED, ASSESSED }

    public enum Aggregation { SUM_RATIO, SUM, MAX, MIN, NONE }

    public boolean isRatio() {
        return aggregation == Aggregation.SUM_RATIO;
    }

    /** Every element this indicator needs (numerator, denominator, value, comparator, supporting). */
    public List<DataElement> elements() {
        List<DataElement> all = new java.util.ArrayList<>();
        for (DataElement e : new DataElement[]{numerator, denominator, value, comparator}) {
            if (e != null) {
                all.add(e);
            }
        }
        if (supporting != null) {
            all.addAll(supporting);
        }
        return all;
    }
}
