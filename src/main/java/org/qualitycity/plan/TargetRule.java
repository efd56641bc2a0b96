package org.qualitycity.plan;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an indicator must reach.
 *
 * <ul>
 * <li>GE, LE, EQ: value ≥, ≤, = {@code value} (in the indicator's unit, e.g. 95 for 95 %)</li>
 * <li>LT_COMPARATOR: value &lt; the value of element {@code comparator} for the same unit and period</li>
 * <li>YOY_GROWTH_GE / YOY_GROWTH_LT: growth against the same period of the previous year, in percent,
 *     ≥ / &lt; {@code value} ({@code average} = average annual growth over the years since {@code baseYear})</li>
 * <li>RANK_LE: a reported rank ≤ {@code value}</li>
 * <li>COUNT_GE: a cumulative count ≥ {@code value} by {@code by}, or per period ({@code perEvery} {@code perUnit})</li>
 * <li>QUALITATIVE: a person assesses with a rating ({@code ratingScale}) and evidence;
 *     {@code value} is the worst acceptable level's rank, if any</li>
 * </ul>
 *
 * @param provenance PLAN (the plan's own figure), INTERPRETED or PLACEHOLDER (our modelling)
 */
public record TargetRule(Kind kind, BigDecimal value, String comparator, LocalDate by, Integer perEvery,
                         String perUnit, boolean average, Integer baseYear, String ratingScale,
                         String provenance, String textZh) {

    public enum Kind { GE, LE, EQ, LT_COMPARATOR, YOY_GROWTH_GE, YOY_GROWTH_LT, RANK_LE, COUNT_GE, QUALITATIVE }
}
