package org.qualitycity.plan.internal;

import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorGroup;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanInfo;

import java.util.List;
import java.util.Optional;

/**
 * Everything of one stored plan at one version: identity, and the projection (goals, indicators,
 * groups, measures, phases, milestones) with the parts of the file that are not projected into tables
 * (metadata such as the issuer, rating scales, programme duties, requirements, units).
 */
public record PlanSnapshot(PlanInfo info, PlanModel.Meta meta, List<PlanModel.Goal> goals,
                           List<IndicatorGroup> groups, List<IndicatorDefinition> indicators,
                           List<MeasureGroup> measureGroups, List<Phase> phases, List<Milestone> milestones,
                           List<PlanModel.RatingScale> ratingScales, List<PlanModel.ProgrammeDuty> recurringDuties,
                           List<PlanModel.Requirement> requirements, List<PlanModel.PlanUnit> units) {

    public Optional<Measure> measure(String code) {
        return measureGroups.stream().flatMap(g -> g.measures().stream()).filter(m -> m.code().equals(code))
                .findFirst();
    }

    public Optional<IndicatorDefinition> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public int measureCount() {
        return measureGroups.stream().mapToInt(g -> g.measures().size()).sum();
    }
}
