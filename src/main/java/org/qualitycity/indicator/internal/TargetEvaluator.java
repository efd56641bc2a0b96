package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Attainment;
import org.qualitycity.indicator.Period;
import org.qualitycity.plan.TargetRule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;

/**
 * Evaluates a value against its target rule, exactly at the boundary: values are compared unrounded
 * (95.0 meets "≥ 95"; 94.99 does not), with 34 significant digits.
 */
public final class TargetEvaluator {

    static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TargetEvaluator() {
    }

    /**
     * What the rule needs besides the value.
     *
     * @param comparator        the comparator element's value (LT_COMPARATOR)
     * @param previousYear      the value of the same period one year earlier (YOY growth)
     * @param baseValue         the value in the base year (average growth), with {@code yearsSinceBase}
     * @param cumulative        the count accumulated up to the period's end (COUNT_GE by a date)
     * @param projection        the projected value at the target's due point, or null
     */
    public record Inputs(BigDecimal comparator, BigDecimal previousYear, BigDecimal baseValue, int yearsSinceBase,
                         BigDecimal cumulative, BigDecimal projection, Integer decimals, boolean windowOpen) {

        /**
         * Inputs without rounding precision and with a closed window.
         */
        public Inputs(BigDecimal comparator, BigDecimal previousYear, BigDecimal baseValue, int yearsSinceBase,
                      BigDecimal cumulative, BigDecimal projection) {
            this(comparator, previousYear, baseValue, yearsSinceBase, cumulative, projection, null, false);
        }

        public static Inputs none() {
            return new Inputs(null, null, null, 0, null, null);
        }

        /** The same inputs with the indicator's display precision ({@code decimals}), used by EQ. */
        public Inputs withDecimals(int d) {
            return new Inputs(comparator, previousYear, baseValue, yearsSinceBase, cumulative, projection, d, windowOpen);
        }

        /** The same inputs for a count per window that is still open (its last year has not ended). */
        public Inputs withWindowOpen(boolean open) {
            return new Inputs(comparator, previousYear, baseValue, yearsSinceBase, cumulative, projection, decimals, open);
        }
    }

    /** The attainment of {@code value} for {@code period} (without projection: see {@link #withProjection}). */
    public static Attainment evaluate(TargetRule rule, BigDecimal value, Period period, Inputs in) {
        if (rule == null) {
            return value == null ? Attainment.NO_DATA : Attainment.MET;
        }
        if (rule.kind() == TargetRule.Kind.QUALITATIVE) {
            if (value == null) {
                return Attainment.PENDING_ASSESSMENT;
            }
            // value is the rank of the rating (1 = best); target value = worst acceptable rank
            return rule.value() == null || value.compareTo(rule.value()) <= 0 ? Attainment.MET : Attainment.NOT_MET;
        }
        if (rule.kind() == TargetRule.Kind.COUNT_GE) {
            return countTarget(rule, value, period, in);
        }
        if (value == null) {
            return Attainment.NO_DATA;
        }
        return switch (rule.kind()) {
            case GE -> met(value.compareTo(rule.value()) >= 0 && risingIfAsked(rule, value, in));
            case LE -> met(value.compareTo(rule.value()) <= 0 && risingIfAsked(rule, value, in));
            // "= value after rounding to decimals" (docs/plan-format.md): 99.96 shown as 100.0 is 100.0
            case EQ -> met(rounded(value, in.decimals()).compareTo(rule.value()) == 0);
            case RANK_LE -> met(value.compareTo(rule.value()) <= 0);
            case LT_COMPARATOR -> in.comparator() == null ? Attainment.NO_DATA : met(value.compareTo(in.comparator()) < 0);
            case YOY_GROWTH_GE, YOY_GROWTH_LT -> {
                BigDecimal growth = rule.average() ? averageGrowth(value, in.baseValue(), in.yearsSinceBase())
                        : growthPercent(value, in.previousYear());
                if (growth == null) {
                    yield Attainment.NO_DATA;
                }
                yield rule.kind() == TargetRule.Kind.YOY_GROWTH_GE ? met(growth.compareTo(rule.value()) >= 0)
                        : met(growth.compareTo(rule.value()) < 0);
            }
            default -> throw new IllegalStateException("unhandled target kind " + rule.kind());
        };
    }

    private static Attainment countTarget(TargetRule rule, BigDecimal value, Period period, Inputs in) {
        if (rule.by() != null) {
            BigDecimal reached = in.cumulative() != null ? in.cumulative() : value;
            if (reached != null && reached.compareTo(rule.value()) >= 0) {
                return Attainment.MET;
            }
            LocalDate due = rule.by();
            if (!period.end().isBefore(due)) {
                return reached == null ? Attainment.NO_DATA : Attainment.NOT_MET;
            }
            if (in.projection() == null) {
                return reached == null ? Attainment.NO_DATA : Attainment.ON_TRACK;
            }
            return in.projection().compareTo(rule.value()) >= 0 ? Attainment.ON_TRACK : Attainment.AT_RISK;
        }
        // a count per period (e.g. 1 a year; every two years: the window's count comes as cumulative)
        if (in.cumulative() != null) {
            value = in.cumulative();
        }
        if (value != null && value.compareTo(rule.value()) >= 0) {
            return Attainment.MET;
        }
        if (in.windowOpen()) {
            return Attainment.ON_TRACK; // the window has not ended: nothing is missed yet
        }
        if (period.type() == org.qualitycity.plan.IndicatorDefinition.PeriodType.YEAR) {
            return value == null ? Attainment.NO_DATA : Attainment.NOT_MET;
        }
        if (in.projection() == null) {
            return value == null ? Attainment.NO_DATA : Attainment.ON_TRACK;
        }
        return in.projection().compareTo(rule.value()) >= 0 ? Attainment.ON_TRACK : Attainment.AT_RISK;
    }

    /**
     * A count target that holds for each breakdown member (C6: at least one pilot in each of nine sectors):
     * MET when every member reached the target by the due date; after the due date NOT_MET while any member
     * misses it; before, ON_TRACK, or AT_RISK when the projected total cannot cover every member.
     *
     * @param reachedByMember running total per member up to the period's end (capped at the due date); null
     *                        where a member has none
     * @param total           running total of all members (null when nothing is recorded at all)
     */
    public static Attainment eachMember(TargetRule rule, java.util.Map<String, BigDecimal> reachedByMember,
                                        BigDecimal total, Period period, BigDecimal projection) {
        boolean all = !reachedByMember.isEmpty() && reachedByMember.values().stream()
                .allMatch(v -> v != null && v.compareTo(rule.value()) >= 0);
        if (all) {
            return Attainment.MET;
        }
        boolean any = total != null || reachedByMember.values().stream().anyMatch(java.util.Objects::nonNull);
        if (rule.by() == null || !period.end().isBefore(rule.by())) {
            return any ? Attainment.NOT_MET : Attainment.NO_DATA;
        }
        if (projection != null && projection.compareTo(rule.value().multiply(BigDecimal.valueOf(reachedByMember.size()))) < 0) {
            return Attainment.AT_RISK;
        }
        return any ? Attainment.ON_TRACK : Attainment.NO_DATA;
    }

    /** {@code value} rounded half-up to {@code decimals}, or unchanged when no precision is given. */
    static BigDecimal rounded(BigDecimal value, Integer decimals) {
        return decimals == null ? value : value.setScale(decimals, java.math.RoundingMode.HALF_UP);
    }

    /** The "keeps rising" half of a target (不断提升): above the previous year, when there is one to compare. */
    private static boolean risingIfAsked(TargetRule rule, BigDecimal value, Inputs in) {
        return !rule.rising() || in.previousYear() == null || value.compareTo(in.previousYear()) > 0;
    }

    /**
     * Turns MET into AT_RISK when the projected year-end value would miss the target (current year only).
     */
    public static Attainment withProjection(Attainment current, TargetRule rule, BigDecimal projected,
                                            Period yearPeriod, Inputs in) {
        if (current != Attainment.MET || projected == null || rule == null
                || rule.kind() == TargetRule.Kind.COUNT_GE || rule.kind() == TargetRule.Kind.QUALITATIVE) {
            return current;
        }
        Attainment projectedAttainment = evaluate(rule, projected, yearPeriod, in);
        return projectedAttainment == Attainment.NOT_MET ? Attainment.AT_RISK : current;
    }

    private static Attainment met(boolean b) {
        return b ? Attainment.MET : Attainment.NOT_MET;
    }

    /** (value − previous) ÷ previous × 100, or null when there is no previous value or it is zero. */
    public static BigDecimal growthPercent(BigDecimal value, BigDecimal previous) {
        if (value == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return value.subtract(previous).divide(previous, MC).multiply(HUNDRED, MC);
    }

    /** Average annual growth in percent: ((value ÷ base)^(1/years) − 1) × 100. */
    public static BigDecimal averageGrowth(BigDecimal value, BigDecimal base, int years) {
        if (value == null || base == null || base.signum() <= 0 || years <= 0 || value.signum() < 0) {
            return null;
        }
        double ratio = value.divide(base, MC).doubleValue();
        return BigDecimal.valueOf((Math.pow(ratio, 1.0 / years) - 1) * 100);
    }

    /** numerator ÷ denominator × factor, or null when the denominator is zero or missing. */
    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator, BigDecimal factor) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, MC).multiply(factor == null ? BigDecimal.ONE : factor, MC);
    }
}
