package org.qualitycity.plan.internal;

import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.IndicatorGroup;
import org.qualitycity.plan.MeasureGroup;
import org.qualitycity.plan.Milestone;
import org.qualitycity.plan.Phase;

import java.time.LocalDate;
import java.util.List;

/**
 * A valid plan file as typed records: what is projected into the plan tables and shown in the API.
 * Built by {@link PlanMapper} from a document that passed {@link PlanValidator}.
 */
public record PlanModel(Meta meta, List<Goal> goals, List<IndicatorGroup> groups, List<IndicatorEntry> indicators,
                        List<MeasureGroup> measureGroups, List<Phase> phases, List<Milestone> milestones,
                        List<RatingScale> ratingScales, List<ProgrammeDuty> recurringDuties,
                        List<Requirement> requirements, List<PlanUnit> units) {

    /** The {@code plan} section. */
    public record Meta(String id, String code, String documentNumber, String titleZh, String titleEn, String issuerZh,
                       String issuerEn, LocalDate issueDate, LocalDate startDate, LocalDate endDate, String ownerUnit,
                       String regionCode, String regionNameZh, String sourceText) {
    }

    /** 二、总体目标 ({@code area} OVERALL) or one area's goal of 三、具体目标. */
    public record Goal(String area, String ref, String nameZh, String nameEn, Integer columnNumber,
                       String columnTitleZh, LocalDate targetDate, String textZh) {

        public static final String OVERALL = "OVERALL";
    }

    /** An indicator with its elements by role as declared ({@code ownSource}: the file gives its own source). */
    public record IndicatorEntry(IndicatorDefinition definition, List<ElementEntry> elements) {
    }

    public record ElementEntry(String role, int position, DataElement element, boolean ownSource) {
    }

    public record RatingScale(String code, List<Level> levels) {

        public record Level(String code, int rank, String nameZh, String nameEn) {
        }
    }

    /** A duty of the programme as a whole (六、工作要求), e.g. the annual assessment. */
    public record ProgrammeDuty(String code, String ref, String nameZh, String nameEn, String leadUnit, int every,
                                String unit, String provenance, String textZh) {
    }

    public record Requirement(String ref, Integer number, String titleZh, String textZh) {
    }

    public record PlanUnit(String code, String nameZh) {
    }

    public List<IndicatorDefinition> definitions() {
        return indicators.stream().map(IndicatorEntry::definition).toList();
    }

    public int measureCount() {
        return measureGroups.stream().mapToInt(g -> g.measures().size()).sum();
    }
}
