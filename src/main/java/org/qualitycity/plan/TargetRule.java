package org.qualitycity.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an indicator must reach.
 *
 * <ul>
 * <li>GE, LE, EQ: value ≥, ≤, = {@code value} (in the indicator's unit, e.g. 95 for 95 %)</li>
 * <li>LT_COMPARATOR: value &lt; the value of element {@code comparator} for the same unit and period</li>
 * <li>YOY_GROWTH_GE / YOY_GROWTH_LT: growth against the same period of the previous year, in percent,
 *     ≥ / &lt; {@code value} ({@code average} = average annual growth over the years since {@code baseYear})</li>
 * <li>RANK_LE: a reported rank ≤ {@code value} (among {@code among})</li>
 * <li>COUNT_GE: a cumulative count ≥ {@code value} by {@code by}, or per period ({@code perEvery} {@code perUnit});
 *     with {@code eachOfBreakdown} the rule holds for every breakdown category separately</li>
 * <li>QUALITATIVE: a person assesses with a rating ({@code ratingScale}) and evidence;
 *     {@code value} is the worst acceptable level's rank, if any, {@code attainedAt} that level's code</li>
 * </ul>
 *
 * @param provenance PLAN (the plan's own figure), INTERPRETED or PLACEHOLDER (our modelling)
 * @param textZh     the plan's wording of the target
 * @param basis      for growth targets: YEAR_ON_YEAR or AVERAGE_ANNUAL ({@code average} is true for the latter)
 * @param note       remarks on the reading of the plan's words, or null
 * @param rising     for GE/LE targets the plan also asks for steady improvement (不断提升): the value must also
 *                   be above the previous year's ({@code rising: true} in the plan file)
 */
public record TargetRule(Kind kind, BigDecimal value, String comparator, LocalDate by, Integer perEvery,
                         String perUnit, boolean average, Integer baseYear, String ratingScale,
                         String provenance, String textZh, String basis, String among, boolean eachOfBreakdown,
                         String attainedAt, List<String> criteriaZh, boolean evidenceRequired, String note,
                         boolean rising) {

    /** A rule without {@code rising}. */
    public TargetRule(Kind kind, BigDecimal value, String comparator, LocalDate by, Integer perEvery,
                      String perUnit, boolean average, Integer baseYear, String ratingScale,
                      String provenance, String textZh, String basis, String among, boolean eachOfBreakdown,
                      String attainedAt, List<String> criteriaZh, boolean evidenceRequired, String note) {
        this(kind, value, comparator, by, perEvery, perUnit, average, baseYear, ratingScale, provenance, textZh, basis,
                among, eachOfBreakdown, attainedAt, criteriaZh, evidenceRequired, note, false);
    }

    public enum Kind { GE, LE, EQ, LT_COMPARATOR, YOY_GROWTH_GE, YOY_GROWTH_LT, RANK_LE, COUNT_GE, QUALITATIVE }

    /** A rule without the details added for the plan file (the original contract). */
    public TargetRule(Kind kind, BigDecimal value, String comparator, LocalDate by, Integer perEvery,
                      String perUnit, boolean average, Integer baseYear, String ratingScale,
                      String provenance, String textZh) {
        this(kind, value, comparator, by, perEvery, perUnit, average, baseYear, ratingScale, provenance, textZh,
                kind == Kind.YOY_GROWTH_GE || kind == Kind.YOY_GROWTH_LT
                        ? (average ? "AVERAGE_ANNUAL" : "YEAR_ON_YEAR") : null,
                null, false, null, List.of(), kind == Kind.QUALITATIVE, null);
    }

    /** Whether the number is the city admin's to set ({@code PLACEHOLDER}) rather than the plan's. */
    public boolean placeholder() {
        return "PLACEHOLDER".equals(provenance);
    }
}
