package org.qualitycity.indicator;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SPI through which an operational module supplies the data element values it computes from its
 * own records (spot checks → P2_PASSED/P2_TESTED per district and month, complaints → W2 elements …).
 * The indicator module pulls from every provider when it recomputes a year, and again when a provider
 * publishes {@link ComputedDataChanged}. It never depends on the providing modules.
 */
public interface ComputedElementProvider {

    /** The element codes this provider computes. */
    Set<String> elements();

    /**
     * All values of {@code element} for periods inside {@code year}, per unit (the unit where the
     * records belong; the engine sums them up the unit tree) and period (usually months).
     * Computed in the database with set-based SQL.
     */
    List<ElementValue> values(String element, int year);

    /**
     * All values of several of this provider's {@code elements} in {@code year} — typically an indicator's
     * numerator and denominator — keyed by element code (an element without values maps to an empty list).
     * Providers override it to compute them in one scan; the default asks {@link #values(String, int)} once
     * per element.
     */
    default Map<String, List<ElementValue>> values(Collection<String> elements, int year) {
        Map<String, List<ElementValue>> out = new LinkedHashMap<>();
        for (String element : elements) {
            out.put(element, values(element, year));
        }
        return out;
    }

    /** A link (path) to the records behind a value, for drill-down, or null. */
    String drillDownLink(String element, String unitCode, Period period);

    /**
     * One computed value.
     *
     * @param demoShare the share (0–1) of demo records among the records behind the value, as the provider
     *                  counted them; null when the provider does not know (taken as none)
     */
    record ElementValue(long unitId, Period period, BigDecimal value, BigDecimal demoShare) {

        /** A value with no demo records behind it. */
        public ElementValue(long unitId, Period period, BigDecimal value) {
            this(unitId, period, value, null);
        }
    }
}
