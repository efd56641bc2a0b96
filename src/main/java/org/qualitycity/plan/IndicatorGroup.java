package org.qualitycity.plan;

import java.util.List;

/** A plan item that yields several indicators (e.g. W2: accepted, handled, replied). */
public record IndicatorGroup(String code, String area, String nameZh, String nameEn, List<String> indicatorCodes) {
}
