package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers answer all elements of an indicator in one call: the answer equals asking element by
 * element, for every provider, year and combination the engine asks for; spot checks, enterprises and
 * complaints implement the call themselves (one scan) instead of the per-element default.
 */
@QcIntegrationTest
class ProviderMultiElementTest {

    @Autowired
    List<ComputedElementProvider> providers;

    private static Set<String> asSet(Collection<ComputedElementProvider.ElementValue> values) {
        Set<String> out = new HashSet<>();
        // the value and its provenance (share of demo records) must both be equal
        values.forEach(v -> out.add(v.unitId() + "|" + v.period().id() + "|" + v.value().stripTrailingZeros().toPlainString()
                + "|" + (v.demoShare() == null ? "-" : v.demoShare().setScale(6, java.math.RoundingMode.HALF_UP).toPlainString())));
        return out;
    }

    @Test
    void severalElementsInOneCallEqualOneCallPerElement() {
        Set<String> implementing = new HashSet<>();
        long compared = 0;
        for (ComputedElementProvider p : providers) {
            Class<?> type = org.springframework.aop.support.AopUtils.getTargetClass(p);
            if (Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals("values")
                    && Arrays.equals(m.getParameterTypes(), new Class<?>[]{Collection.class, int.class}))) {
                implementing.add(type.getSimpleName());
            }
            List<String> all = p.elements().stream().sorted().toList();
            for (int year = 2017; year <= 2026; year++) {
                Map<String, List<ComputedElementProvider.ElementValue>> together = p.values(all, year);
                assertThat(together.keySet()).containsExactlyInAnyOrderElementsOf(all);
                for (String e : all) {
                    Set<String> single = asSet(p.values(e, year));
                    assertThat(asSet(together.get(e))).as(type.getSimpleName() + " " + e + " " + year).isEqualTo(single);
                    compared += single.size();
                }
                // an indicator's pair on its own
                for (String e : all) {
                    if (e.endsWith("_PASSED")) {
                        String tested = e.replace("_PASSED", "_TESTED");
                        var pair = p.values(List.of(e, tested), year);
                        assertThat(asSet(pair.get(e))).isEqualTo(asSet(p.values(e, year)));
                        assertThat(asSet(pair.get(tested))).isEqualTo(asSet(p.values(tested, year)));
                    }
                }
            }
        }
        assertThat(compared).isPositive();
        assertThat(implementing).contains("SpotcheckElements", "EnterpriseElements", "W2Provider");
    }
}
