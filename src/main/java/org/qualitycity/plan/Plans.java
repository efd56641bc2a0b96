package org.qualitycity.plan;

import java.util.List;
import java.util.Optional;

/**
 * Read access to plans for every module. The current plan is the one the city works to (the bundled
 * Xianning 2017 plan until another is imported).
 */
public interface Plans {

    /** The current plan; there is always one (the bundled plan is loaded on first start). */
    PlanInfo current();

    Optional<PlanInfo> find(String planId);

    List<PlanInfo> all();

    /** Indicator definitions of a plan (plan indicators and count targets), in plan order. */
    List<IndicatorDefinition> indicators(String planId);

    Optional<IndicatorDefinition> indicator(String planId, String code);

    /** Indicator groups (e.g. W2 = W2a, W2b, W2c), in plan order. */
    List<IndicatorGroup> indicatorGroups(String planId);

    /** Measure groups with their measures, in plan order. */
    List<MeasureGroup> measureGroups(String planId);

    List<Phase> phases(String planId);

    List<Milestone> milestones(String planId);

    /**
     * The names (Chinese, English) of the level of a plan's rating scale whose rank is {@code rank} (a qualitative
     * value is stored as its rank: 1 = the best level); empty when the scale or rank is unknown.
     */
    Optional<String[]> ratingLevelNames(String planId, String scale, int rank);
}
