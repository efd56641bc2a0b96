package org.qualitycity.indicator.internal;

import org.qualitycity.plan.TargetRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/** Targets that differ per unit and/or year; the most specific override wins over the plan's rule. */
@Component
class TargetOverrides {

    record Override(String indicator, Long unitId, Integer year, TargetRule.Kind kind, BigDecimal value) {
        int specificity() {
            return (unitId != null ? 2 : 0) + (year != null ? 1 : 0);
        }
    }

    private final JdbcClient jdbc;

    TargetOverrides(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Snapshot load() {
        return new Snapshot(jdbc.sql("SELECT indicator_code, unit_id, year, kind, value FROM indicator_target")
                .query((rs, n) -> new Override(rs.getString(1), (Long) rs.getObject(2),
                        (Integer) rs.getObject(3), TargetRule.Kind.valueOf(rs.getString(4)), rs.getBigDecimal(5)))
                .list());
    }

    record Snapshot(List<Override> overrides) {

        /** The rule for (indicator, unit, year): the most specific override, else the plan's rule. */
        TargetRule effective(String indicator, long unitId, int year, TargetRule planRule) {
            Override best = null;
            for (Override o : overrides) {
                if (o.indicator().equals(indicator) && (o.unitId() == null || o.unitId() == unitId)
                        && (o.year() == null || o.year() == year)
                        && (best == null || o.specificity() > best.specificity())) {
                    best = o;
                }
            }
            if (best == null) {
                return planRule;
            }
            TargetRule base = planRule;
            if (base == null) {
                return new TargetRule(best.kind(), best.value(), null, null, null, null, false, null, null, "OVERRIDE",
                        null);
            }
            // the override changes the kind and the figure; the plan's other terms (each sector, rising,
            // evidence, due date, window) still hold
            return new TargetRule(best.kind(), best.value(), base.comparator(), base.by(), base.perEvery(),
                    base.perUnit(), base.average(), base.baseYear(), base.ratingScale(), "OVERRIDE", base.textZh(),
                    base.basis(), base.among(), base.eachOfBreakdown() && best.kind() == base.kind(), base.attainedAt(),
                    base.criteriaZh(), base.evidenceRequired(), base.note(), base.rising() && best.kind() == base.kind());
        }
    }
}
