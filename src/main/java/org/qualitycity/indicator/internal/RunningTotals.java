package org.qualitycity.indicator.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Counts accumulated from the plan's start up to a date (COUNT_GE … by): per element, unit (itself and
 * everything below it) and, for targets that hold for each breakdown member, per member. Built from the
 * dated sums the database returns; a total is asked for at a date no later than the target's due date, so
 * counts reported after it never make a late target MET.
 */
final class RunningTotals {

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> sums = new HashMap<>();

    private static String key(String element, long unitId, String member) {
        return element + "|" + unitId + "|" + (member == null ? "" : member);
    }

    void add(String element, long unitId, String member, LocalDate periodEnd, BigDecimal value) {
        if (value != null) {
            sums.computeIfAbsent(key(element, unitId, member), k -> new TreeMap<>()).merge(periodEnd, value, BigDecimal::add);
        }
    }

    /** The sum of the values that ended on or before {@code date}, or null when there is none. */
    BigDecimal at(String element, long unitId, String member, LocalDate date) {
        NavigableMap<LocalDate, BigDecimal> m = sums.get(key(element, unitId, member));
        if (m == null) {
            return null;
        }
        BigDecimal total = null;
        for (BigDecimal v : m.headMap(date, true).values()) {
            total = total == null ? v : total.add(v);
        }
        return total;
    }

    /** Members with any value for the element and unit (for open lists: members beyond the plan's). */
    java.util.Set<String> members(String element, long unitId) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        String prefix = element + "|" + unitId + "|";
        sums.keySet().stream().filter(k -> k.startsWith(prefix) && k.length() > prefix.length())
                .forEach(k -> out.add(k.substring(prefix.length())));
        return out;
    }
}
