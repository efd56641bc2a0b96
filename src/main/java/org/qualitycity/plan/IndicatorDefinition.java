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
 *                     (for ASSESSED ones the plan file's {@code assessed_by})
 * @param shortNameZh  a short label where the plan's name is long, or null
 * @param nameZhFromPlan whether {@code nameZh} is the plan's own wording
 * @param unitZh       display label of the unit (家, 项, 个工作日 …), or null
 * @param selector     for COMPUTED indicators, which records count (in words), or null
 * @param importedFrom for IMPORTED indicators, the system or publication, or null
 * @param breakdown    categories a value is also reported by (sectors, award types), or null
 * @param planRefs     where the indicator stands in the plan, with its words
 * @param measureCodes the measures that serve this indicator, in plan order
 * @param overTime     how values combine across time: {@code SUM} (flows: the year adds its months) or
 *                     {@code LAST} (stocks counted at period end: the year takes its last period's value)
 * @param definitionZh what the indicator counts, in words, for its page (the plan file's {@code definition_zh}), or null
 * @param definitionEn the same in English, or null
 */
public record IndicatorDefinition(String code, String category, String area, String groupCode, String nameZh,
                                  String nameEn, String unit, int decimals, PeriodType periodType,
                                  ValueSource source, String sourceModule, String reportedBy,
                                  DataElement numerator, DataElement denominator, DataElement value,
                                  DataElement comparator, List<DataElement> supporting, BigDecimal factor,
                                  Aggregation aggregation, TargetRule target, String shortNameZh,
                                  boolean nameZhFromPlan, String unitZh, String selector, String importedFrom,
                                  Breakdown breakdown, List<PlanRef> planRefs, List<String> measureCodes,
                                  String overTime, String definitionZh, String definitionEn) {

    /** A definition without a definition text. */
    public IndicatorDefinition(String code, String category, String area, String groupCode, String nameZh,
                               String nameEn, String unit, int decimals, PeriodType periodType,
                               ValueSource source, String sourceModule, String reportedBy,
                               DataElement numerator, DataElement denominator, DataElement value,
                               DataElement comparator, List<DataElement> supporting, BigDecimal factor,
                               Aggregation aggregation, TargetRule target, String shortNameZh,
                               boolean nameZhFromPlan, String unitZh, String selector, String importedFrom,
                               Breakdown breakdown, List<PlanRef> planRefs, List<String> measureCodes,
                               String overTime) {
        this(code, category, area, groupCode, nameZh, nameEn, unit, decimals, periodType, source, sourceModule,
                reportedBy, numerator, denominator, value, comparator, supporting, factor, aggregation, target,
                shortNameZh, nameZhFromPlan, unitZh, selector, importedFrom, breakdown, planRefs, measureCodes, overTime,
                null, null);
    }

    /** A definition without {@code overTime} (values add up over time). */
    public IndicatorDefinition(String code, String category, String area, String groupCode, String nameZh,
                               String nameEn, String unit, int decimals, PeriodType periodType,
                               ValueSource source, String sourceModule, String reportedBy,
                               DataElement numerator, DataElement denominator, DataElement value,
                               DataElement comparator, List<DataElement> supporting, BigDecimal factor,
                               Aggregation aggregation, TargetRule target, String shortNameZh,
                               boolean nameZhFromPlan, String unitZh, String selector, String importedFrom,
                               Breakdown breakdown, List<PlanRef> planRefs, List<String> measureCodes) {
        this(code, category, area, groupCode, nameZh, nameEn, unit, decimals, periodType, source, sourceModule,
                reportedBy, numerator, denominator, value, comparator, supporting, factor, aggregation, target,
                shortNameZh, nameZhFromPlan, unitZh, selector, importedFrom, breakdown, planRefs, measureCodes, "SUM");
    }

    /** Whether the value is a stock counted at period end (the year takes the last period's value). */
    public boolean stock() {
        return "LAST".equals(overTime);
    }

    /** A definition without the display and provenance details (the original contract). */
    public IndicatorDefinition(String code, String category, String area, String groupCode, String nameZh,
                               String nameEn, String unit, int decimals, PeriodType periodType,
                               ValueSource source, String sourceModule, String reportedBy,
                               DataElement numerator, DataElement denominator, DataElement value,
                               DataElement comparator, List<DataElement> supporting, BigDecimal factor,
                               Aggregation aggregation, TargetRule target) {
        this(code, category, area, groupCode, nameZh, nameEn, unit, decimals, periodType, source, sourceModule,
                reportedBy, numerator, denominator, value, comparator, supporting, factor, aggregation, target, null,
                false, null, null, null, null, List.of(), List.of());
    }

    /**
     * Categories a value is also reported by.
     *
     * @param openList true where the plan's list ends with 等 ("etc."), so other categories may occur
     */
    public record Breakdown(String dimension, List<String> valuesZh, boolean openList) {
    }

    /** The short label if there is one, else the name. */
    public String displayNameZh() {
        return shortNameZh != null ? shortNameZh : nameZh;
    }

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
