package org.qualitycity.indicator.internal;

import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.Plans;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The current plan's indicators and their elements, as the engine needs them. */
@Component
public class IndicatorCatalog {

    /**
     * How an element's values combine across units and across time. STOCK: summed over units, and over time
     * the last period's value (a count at period end, e.g. P8's enterprises without a standard).
     */
    enum Mode { SUM, MAX, MIN, LATEST, STOCK }

    private final Plans plans;

    IndicatorCatalog(Plans plans) {
        this.plans = plans;
    }

    public List<IndicatorDefinition> indicators() {
        return plans.indicators(plans.current().id());
    }

    public Optional<IndicatorDefinition> indicator(String code) {
        return indicators().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** Element code → the first indicator that uses it. */
    public Map<String, IndicatorDefinition> indicatorByElement() {
        Map<String, IndicatorDefinition> map = new LinkedHashMap<>();
        for (IndicatorDefinition d : indicators()) {
            for (DataElement e : d.elements()) {
                map.putIfAbsent(e.code(), d);
            }
        }
        return map;
    }

    public Optional<DataElement> element(String code) {
        return indicators().stream().flatMap(d -> d.elements().stream()).filter(e -> e.code().equals(code)).findFirst();
    }

    /**
     * Whether an element is a figure for the whole region, entered once for the city: marked
     * {@code scope: CITY_ONLY} in the plan, or belonging to a count target of the measures or to an
     * indicator that is not summed over areas (ranks, ratings, counts of items in force).
     */
    static boolean regionWide(IndicatorDefinition d, DataElement e) {
        return e.cityOnly() || "COUNT_TARGET".equals(d.category())
                || d.aggregation() == IndicatorDefinition.Aggregation.NONE;
    }

    static Mode mode(IndicatorDefinition d, DataElement e) {
        if (e.equals(d.comparator())) {
            return Mode.LATEST;
        }
        return switch (d.aggregation()) {
            case SUM_RATIO, SUM -> d.stock() ? Mode.STOCK : Mode.SUM;
            case MAX -> Mode.MAX;
            case MIN -> Mode.MIN;
            case NONE -> Mode.LATEST;
        };
    }
}
