package org.qualitycity.plan;

import java.util.List;

/**
 * A plan item that yields several indicators (e.g. W2: accepted, handled, replied). A group is attained
 * when all its members are.
 *
 * @param nameZhFromPlan whether {@code nameZh} is the plan's own wording
 * @param planRefs       where the item stands in the plan
 */
public record IndicatorGroup(String code, String area, String nameZh, String nameEn, List<String> indicatorCodes,
                             boolean nameZhFromPlan, List<PlanRef> planRefs, String note) {

    /** A group without provenance details (the original contract). */
    public IndicatorGroup(String code, String area, String nameZh, String nameEn, List<String> indicatorCodes) {
        this(code, area, nameZh, nameEn, indicatorCodes, false, List.of(), null);
    }
}
