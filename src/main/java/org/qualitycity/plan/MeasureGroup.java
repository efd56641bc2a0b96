package org.qualitycity.plan;

import java.util.List;

/** One of the plan's measure groups (四.(一) … (十二)) with its numbered measures. */
public record MeasureGroup(String code, int number, String ref, String titleZh, String titleEn,
                          List<Measure> measures) {
}
