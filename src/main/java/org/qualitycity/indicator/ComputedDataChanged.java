package org.qualitycity.indicator;

import java.util.Set;

/** Published by a provider when records behind its elements changed in these years. */
public record ComputedDataChanged(Set<String> elements, Set<Integer> years) {
}
