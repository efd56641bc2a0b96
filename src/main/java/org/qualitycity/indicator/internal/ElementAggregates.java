package org.qualitycity.indicator.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Aggregated element values keyed by (element, unit, period), with whether all inputs are approved. */
final class ElementAggregates {

    record Key(String element, long unitId, String period) {
        // written out: the record's generated hashCode/equals showed in the recompute's profile (issue 13)
        @Override
        public int hashCode() {
            return (element.hashCode() * 31 + Long.hashCode(unitId)) * 31 + period.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.unitId == unitId && k.element.equals(element) && k.period.equals(period);
        }
    }

    /** @param demoShare share (0–1) of demo records behind the value */
    record Agg(BigDecimal value, boolean approved, BigDecimal demoShare) {
    }

    private final Map<Key, Agg> values = new HashMap<>(1 << 16);
    /** The units that hold a value of each element, kept on put (the recompute asks per indicator). */
    private final Map<String, java.util.Set<Long>> unitsByElement = new HashMap<>();

    void put(String element, long unitId, String period, BigDecimal value, boolean approved, BigDecimal demoShare) {
        values.put(new Key(element, unitId, period), new Agg(value, approved, demoShare));
        unitsByElement.computeIfAbsent(element, e -> new java.util.HashSet<>()).add(unitId);
    }

    Agg get(String element, long unitId, String period) {
        return element == null ? null : values.get(new Key(element, unitId, period));
    }

    BigDecimal value(String element, long unitId, String period) {
        Agg a = get(element, unitId, period);
        return a == null ? null : a.value();
    }

    int size() {
        return values.size();
    }

    java.util.Set<Long> unitsWith(java.util.Set<String> elements) {
        // was a scan of every aggregate per indicator: 56 % of the recompute's CPU samples (JFR, 2026-12-07)
        java.util.Set<Long> units = new java.util.HashSet<>();
        for (String e : elements) {
            units.addAll(unitsByElement.getOrDefault(e, java.util.Set.of()));
        }
        return units;
    }
}
