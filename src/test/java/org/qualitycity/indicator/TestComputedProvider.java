package org.qualitycity.indicator;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an operational module at the SPI boundary: it supplies G3's elements (forest coverage, a reported
 * yearly indicator that no module computes and no other test reports; G4 and G6 are the reported indicators the
 * data-entry tests use) from values a test puts here. Demo data leaves provided elements to their provider, so G3
 * has no demo values in the test database.
 */
@Component
public class TestComputedProvider implements ComputedElementProvider {

    public static final String NUM = "G3_FOREST_AREA";
    public static final String DEN = "G3_LAND_AREA";

    private final Map<String, List<ElementValue>> values = new ConcurrentHashMap<>();

    public void put(String element, ElementValue value) {
        values.computeIfAbsent(element, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    @Override
    public Set<String> elements() {
        return Set.of(NUM, DEN);
    }

    @Override
    public List<ElementValue> values(String element, int year) {
        return values.getOrDefault(element, List.of()).stream().filter(v -> v.period().year() == year).toList();
    }

    @Override
    public String drillDownLink(String element, String unitCode, Period period) {
        return "/test-records/" + element + "/" + unitCode + "/" + period.id();
    }
}
