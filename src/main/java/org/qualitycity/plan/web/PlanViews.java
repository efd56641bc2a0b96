package org.qualitycity.plan.web;

import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorGroup;
import org.qualitycity.plan.Measure;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;
import org.qualitycity.plan.PlanInfo;
import org.qualitycity.plan.PlanRef;
import org.qualitycity.plan.TargetRule;
import org.qualitycity.plan.internal.PlanModel;
import org.qualitycity.plan.internal.PlanSnapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** Requests and views of the plan API. */
final class PlanViews {

    private PlanViews() {
    }

    /** A plan in the list of plans (and the answer of an import or replacement). */
    record PlanSummaryView(String id, String code, String documentNumber, String titleZh, String titleEn,
                           LocalDate issueDate, LocalDate startDate, LocalDate endDate, boolean current, int version,
                           Instant importedAt, String ownerUnit, String regionCode) {

        static PlanSummaryView of(PlanInfo p) {
            return new PlanSummaryView(p.id(), p.code(), p.documentNumber(), p.titleZh(), p.titleEn(), p.issueDate(),
                    p.startDate(), p.endDate(), p.current(), p.version(), p.importedAt(), p.ownerUnit(), p.regionCode());
        }
    }

    /** A whole plan: metadata, goals, indicators with their targets, groups, measures, phases, milestones. */
    record PlanView(String id, String code, String documentNumber, String titleZh, String titleEn, String issuerZh,
                    String issuerEn, LocalDate issueDate, LocalDate startDate, LocalDate endDate, boolean current,
                    int version, Instant importedAt, String ownerUnit, RegionView region, String sourceText,
                    CountsView counts, GoalsView goals, List<IndicatorGroupView> indicatorGroups,
                    List<IndicatorView> indicators, List<MeasureGroupView> measureGroups, List<PhaseView> phases,
                    List<MilestoneView> milestones, List<ProgrammeDutyView> recurringDuties,
                    List<RatingScaleView> ratingScales, List<RequirementView> requirements, List<UnitView> units) {

        static PlanView of(PlanSnapshot s, Function<IndicatorDefinition, TargetSummary> summaries,
                           Function<String, String> unitNames) {
            PlanInfo p = s.info();
            PlanModel.Meta m = s.meta();
            PlanModel.Goal overall = s.goals().stream().filter(g -> PlanModel.Goal.OVERALL.equals(g.area())).findFirst()
                    .orElse(null);
            GoalsView goals = new GoalsView(overall == null ? null
                    : new OverallGoalView(overall.ref(), overall.targetDate(), overall.textZh()),
                    s.goals().stream().filter(g -> !PlanModel.Goal.OVERALL.equals(g.area()))
                            .map(g -> new AreaGoalView(g.area(), g.ref(), g.nameZh(), g.nameEn(),
                                    g.columnNumber() == null && g.columnTitleZh() == null ? null
                                            : new ColumnView(g.columnNumber(), g.columnTitleZh()), g.textZh()))
                            .toList());
            return new PlanView(p.id(), p.code(), p.documentNumber(), p.titleZh(), p.titleEn(), m.issuerZh(),
                    m.issuerEn(), p.issueDate(), p.startDate(), p.endDate(), p.current(), p.version(), p.importedAt(),
                    p.ownerUnit(), m.regionCode() == null ? null : new RegionView(m.regionCode(), m.regionNameZh()),
                    m.sourceText(),
                    new CountsView(s.indicators().size(), s.groups().size(), s.measureGroups().size(), s.measureCount(),
                            s.phases().size(), s.milestones().size()),
                    goals,
                    s.groups().stream().map(IndicatorGroupView::of).toList(),
                    s.indicators().stream().map(i -> IndicatorView.of(i, summaries.apply(i))).toList(),
                    s.measureGroups().stream().map(g -> MeasureGroupView.of(g, unitNames)).toList(),
                    s.phases().stream().map(PhaseView::of).toList(),
                    s.milestones().stream().map(MilestoneView::of).toList(),
                    s.recurringDuties().stream().map(d -> new ProgrammeDutyView(d.code(), d.ref(), d.nameZh(), d.nameEn(),
                            d.leadUnit(), d.every(), d.unit(), d.provenance(), d.textZh())).toList(),
                    s.ratingScales().stream().map(r -> new RatingScaleView(r.code(), r.levels().stream()
                            .map(l -> new LevelView(l.code(), l.rank(), l.nameZh(), l.nameEn())).toList())).toList(),
                    s.requirements().stream().map(r -> new RequirementView(r.ref(), r.number(), r.titleZh(), r.textZh()))
                            .toList(),
                    s.units().stream().map(u -> new UnitView(u.code(), u.nameZh(), unitNames.apply(u.code()))).toList());
        }
    }

    record RegionView(String code, String nameZh) {
    }

    record CountsView(int indicators, int indicatorGroups, int measureGroups, int measures, int phases,
                      int milestones) {
    }

    record GoalsView(OverallGoalView overall, List<AreaGoalView> areas) {
    }

    record OverallGoalView(String ref, LocalDate targetDate, String textZh) {
    }

    record AreaGoalView(String area, String ref, String nameZh, String nameEn, ColumnView column, String textZh) {
    }

    record ColumnView(Integer number, String titleZh) {
    }

    record IndicatorGroupView(String code, String area, String nameZh, String nameEn, boolean nameZhFromPlan,
                              List<String> indicators, List<PlanRef> planRefs, String note) {

        static IndicatorGroupView of(IndicatorGroup g) {
            return new IndicatorGroupView(g.code(), g.area(), g.nameZh(), g.nameEn(), g.nameZhFromPlan(),
                    g.indicatorCodes(), g.planRefs(), g.note());
        }
    }

    /** The target rule in words, in both languages. */
    record TargetSummary(String zh, String en) {
    }

    record IndicatorView(String code, String category, String area, String group, String nameZh, String shortNameZh,
                         boolean nameZhFromPlan, String nameEn, String unit, String unitZh, int decimals,
                         String periodType, SourceView source, ElementsView elements, BigDecimal factor,
                         String aggregation, TargetView target, BreakdownView breakdown, List<PlanRef> planRefs,
                         List<String> measures, String definitionZh, String definitionEn) {

        static IndicatorView of(IndicatorDefinition d, TargetSummary summary) {
            IndicatorDefinition.Breakdown b = d.breakdown();
            return new IndicatorView(d.code(), d.category(), d.area(), d.groupCode(), d.nameZh(), d.shortNameZh(),
                    d.nameZhFromPlan(), d.nameEn(), d.unit(), d.unitZh(), d.decimals(), d.periodType().name(),
                    new SourceView(d.source().name(), d.sourceModule(), d.reportedBy(), d.selector(), d.importedFrom()),
                    new ElementsView(ElementView.of(d.numerator()), ElementView.of(d.denominator()),
                            ElementView.of(d.value()), ElementView.of(d.comparator()),
                            d.supporting().stream().map(ElementView::of).toList()),
                    d.factor(), d.aggregation().name(), TargetView.of(d.target(), summary),
                    b == null ? null : new BreakdownView(b.dimension(), b.valuesZh(), b.openList()), d.planRefs(),
                    d.measureCodes(), d.definitionZh(), d.definitionEn());
        }
    }

    /** Where values come from: REPORTED by a unit, COMPUTED by a module, IMPORTED from a system, ASSESSED. */
    record SourceView(String type, String module, String reportedBy, String selector, String from) {
    }

    record ElementsView(ElementView numerator, ElementView denominator, ElementView value, ElementView comparator,
                        List<ElementView> supporting) {
    }

    record ElementView(String code, String nameZh, String nameEn, String unitZh, String source, String module,
                       String reportedBy, String scope) {

        static ElementView of(DataElement e) {
            return e == null ? null : new ElementView(e.code(), e.nameZh(), e.nameEn(), e.unitZh(), e.source().name(),
                    e.module(), e.reportedBy(), e.scope());
        }
    }

    record PerView(Integer every, String unit) {
    }

    record TargetView(String kind, BigDecimal value, String comparator, LocalDate by, PerView per, String basis,
                      Integer baseYear, String among, boolean eachOfBreakdown, String scale, String attainedAt,
                      List<String> criteriaZh, boolean evidenceRequired, String provenance, String textZh, String note,
                      TargetSummary summary) {

        static TargetView of(TargetRule t, TargetSummary summary) {
            return new TargetView(t.kind().name(), t.value(), t.comparator(), t.by(),
                    t.perEvery() == null ? null : new PerView(t.perEvery(), t.perUnit()), t.basis(), t.baseYear(),
                    t.among(), t.eachOfBreakdown(), t.ratingScale(), t.attainedAt(), t.criteriaZh(),
                    t.evidenceRequired(), t.provenance(), t.textZh(), t.note(), summary);
        }
    }

    record BreakdownView(String dimension, List<String> valuesZh, boolean openList) {
    }

    record MeasureGroupView(String code, int number, String ref, String titleZh, String titleEn,
                            List<MeasureView> measures) {

        static MeasureGroupView of(MeasureGroup g, Function<String, String> unitNames) {
            return new MeasureGroupView(g.code(), g.number(), g.ref(), g.titleZh(), g.titleEn(),
                    g.measures().stream().map(m -> MeasureView.of(m, unitNames)).toList());
        }
    }

    record MeasureView(String code, String group, int number, String ref, String titleZh, String titleEn,
                       String textZh, String leadUnit, String leadUnitName, List<String> coUnits,
                       List<String> coUnitNames, String assignment, boolean involvesDistricts, String phase,
                       List<String> milestones, List<String> indicators, List<RecurringView> recurring, String note) {

        static MeasureView of(Measure m, Function<String, String> unitNames) {
            return new MeasureView(m.code(), m.groupCode(), m.number(), m.ref(), m.titleZh(), m.titleEn(), m.textZh(),
                    m.leadUnit(), unitNames.apply(m.leadUnit()), m.coUnits(),
                    m.coUnits().stream().map(unitNames).toList(), m.assignment(), m.involvesDistricts(), m.phase(),
                    m.milestones(), m.indicators(),
                    m.recurring().stream().map(r -> new RecurringView(r.textZh(), r.dutyEn(), r.every(), r.unit(),
                            r.provenance(), r.indicator())).toList(), m.note());
        }
    }

    record RecurringView(String textZh, String dutyEn, int every, String unit, String provenance, String indicator) {
    }

    record PhaseView(String code, int number, String ref, String nameZh, String nameEn, LocalDate start, LocalDate end,
                     String periodZh, String textZh) {

        static PhaseView of(Phase p) {
            return new PhaseView(p.code(), p.number(), p.ref(), p.nameZh(), p.nameEn(), p.start(), p.end(), p.periodZh(),
                    p.textZh());
        }
    }

    record MilestoneView(String code, String ref, LocalDate date, String nameZh, String nameEn, String appliesTo,
                         String submitTo, String textZh) {

        static MilestoneView of(Milestone m) {
            return new MilestoneView(m.code(), m.ref(), m.date(), m.nameZh(), m.nameEn(), m.appliesTo(), m.submitTo(),
                    m.textZh());
        }
    }

    record ProgrammeDutyView(String code, String ref, String nameZh, String nameEn, String leadUnit, int every,
                             String unit, String provenance, String textZh) {
    }

    record RatingScaleView(String code, List<LevelView> levels) {
    }

    record LevelView(String code, int rank, String nameZh, String nameEn) {
    }

    record RequirementView(String ref, Integer number, String titleZh, String textZh) {
    }

    /** A unit the plan refers to: its name in the plan file and in the platform's register. */
    record UnitView(String code, String nameZhInPlan, String nameZh) {
    }

    /** Body of PUT /api/v1/plans/{id}/measures/{code}/units. */
    record MeasureUnitsRequest(String leadUnit, List<String> coUnits) {
    }

    /** One problem of a plan file in a 400 answer. */
    record ProblemView(String field, Integer line, Integer column, String message) {
    }
}
