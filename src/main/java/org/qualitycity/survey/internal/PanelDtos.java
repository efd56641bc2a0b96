package org.qualitycity.survey.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Requests and views of the expert panels that assess S3 and G1b. */
public final class PanelDtos {

    private PanelDtos() {
    }

    /** A panel: the indicator it assesses, the year, criteria (weight > 0) and experts; optional level bounds. */
    public record NewPanel(@NotBlank @Size(max = 16) String indicator, @NotNull @Min(2000) @Max(2100) Integer year,
                           @NotBlank @Size(max = 200) String title,
                           @NotEmpty @Size(max = 50) @Valid List<NewCriterion> criteria,
                           @NotEmpty @Size(max = 50) @Valid List<NewExpert> experts,
                           @Min(0) @Max(100) Double excellentFrom, @Min(0) @Max(100) Double goodFrom,
                           @Min(0) @Max(100) Double fairFrom) {
    }

    public record NewCriterion(@NotBlank @Size(max = 200) String name, @NotNull Double weight) {
    }

    public record NewExpert(@NotBlank @Size(max = 100) String name, @Size(max = 200) String affiliation) {
    }

    /** One expert's scores, 0–100, per criterion id. */
    public record ExpertScores(@NotEmpty @Size(max = 50) List<@Valid CriterionScore> scores) {
    }

    public record CriterionScore(@NotNull Long criterionId, @NotNull Double score) {
    }

    public record CriterionView(long id, String name, double weight) {
    }

    /**
     * An expert with the scores given (null: not yet), the weighted total (null until every criterion is scored) and
     * whether the total was dropped as the panel's highest or lowest.
     */
    public record ExpertView(long id, String name, String affiliation, List<Double> scores, Double total,
                             boolean dropped) {
    }

    /**
     * A panel with its result: the mean of the complete experts' totals after dropping one highest and one lowest
     * (null below three complete experts), and the rating's rank on the plan's four-level scale (1 excellent … 4 poor).
     */
    public record PanelView(long id, String indicator, String element, int year, String title, String unitCode,
                            double excellentFrom, double goodFrom, double fairFrom, List<CriterionView> criteria,
                            List<ExpertView> experts, Double result, Integer ratingRank) {
    }

    public record PanelSummary(long id, String indicator, int year, String title, Double result, Integer ratingRank) {
    }
}
