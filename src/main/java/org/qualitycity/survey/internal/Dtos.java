package org.qualitycity.survey.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Requests and views of the survey module. */
public final class Dtos {

    private Dtos() {
    }

    /** A new survey with its first questionnaire version and its sample design. */
    public record NewSurvey(@NotBlank @Size(max = 200) String title, @NotNull @Min(2000) @Max(2100) Integer year,
                            @Size(max = 40) String ownerUnitCode, @Size(max = 200) String firmName,
                            @Size(max = 200) String firmQualification, LocalDate contractFrom, LocalDate contractTo,
                            LocalDate fieldFrom, LocalDate fieldTo, @Min(0) @Max(100) Double maxCiWidth,
                            @Valid List<Weight> weights, @NotEmpty @Size(max = 200) @Valid List<NewQuestion> questions,
                            @Size(max = 2000) @Valid List<NewStratum> strata) {
    }

    /** A latent variable's weight in the index. */
    public record Weight(@NotBlank String latent, @NotNull @Min(0) Double weight) {
    }

    /** New weights of the latent variables (a variable left out weighs 0). */
    public record WeightsUpdate(@NotEmpty @Size(max = 20) @Valid List<Weight> weights) {
    }

    /** The questions of a new questionnaire version. */
    public record NewVersion(@NotEmpty @Size(max = 200) @Valid List<NewQuestion> questions) {
    }

    /** A question: SCALE (1–10, mapped to a latent variable), SINGLE, MULTIPLE (options) or TEXT. */
    public record NewQuestion(@NotBlank @Size(max = 16) String code, @NotBlank @Size(max = 200) String section,
                              @NotBlank String kind, @NotBlank @Size(max = 500) String text,
                              @Size(max = 30) List<@Size(max = 100) String> options, String latent) {
    }

    /** A stratum of the sample design: district × sector, its population share and quota. */
    public record NewStratum(@NotBlank String districtCode, @NotBlank String sectorCode,
                             @NotNull Double populationShare, @Min(0) Integer quota) {
    }

    public record QuestionView(long id, String code, String section, int sort, String kind, String text,
                               List<String> options, String latent) {
    }

    public record StratumView(long id, String districtCode, String districtName, String sectorCode, String sectorName,
                              double populationShare, Integer quota, long responses) {
    }

    public record SurveyView(long id, String title, String ownerUnitCode, int year, String status, int version,
                             String publicToken, String firmName, String firmQualification, LocalDate contractFrom,
                             LocalDate contractTo, LocalDate fieldFrom, LocalDate fieldTo, double maxCiWidth,
                             boolean demo, long responses, List<Weight> weights, List<QuestionView> questions,
                             List<StratumView> strata) {
    }

    public record SurveySummary(long id, String title, int year, String status, String ownerUnitCode,
                                String firmName, LocalDate fieldFrom, LocalDate fieldTo, boolean demo, long responses,
                                String publicToken) {
    }

    /** One answer to a question, by its code: a score 1–10, chosen options, or text. */
    public record AnswerIn(@Size(max = 16) String question, Integer score, @Size(max = 30) List<String> choices,
                           @Size(max = 2000) String text) {
    }

    /** A citizen's answers by link or invitation ({@code website}: a honeypot people never fill in). */
    public record Submission(String districtCode, String sectorCode, @Size(max = 200) List<AnswerIn> answers,
                             String website) {
    }

    /** An interviewer's entry (telephone or face to face) with the call's outcome. */
    public record Interview(@NotBlank String channel, @NotBlank @Size(max = 100) String interviewer,
                            @NotBlank String callOutcome, String districtCode, String sectorCode,
                            @Size(max = 200) List<AnswerIn> answers) {
    }

    public record Receipt(long responseId, Double score) {
    }

    public record Option(String code, String name) {
    }

    public record PublicSurvey(String token, String title, boolean invitation, boolean answered, String districtCode,
                               String sectorCode, List<QuestionView> questions, List<Option> districts,
                               List<Option> sectors) {
    }

    public record NewInvitations(@NotNull @Min(1) @Max(10000) Integer count, String districtCode, String sectorCode) {
    }

    public record Invitation(String token, String link) {
    }

    /**
     * One index: its group (a district, a sector, a period or the whole survey), period, sample size, the
     * post-stratified index 0–100, the 95 % interval and whether the interval is narrow enough to rely on.
     */
    public record ResultRow(String group, String groupName, String period, long n, Double index, Double ciLow,
                            Double ciHigh, boolean reliable, double demoShare) {
    }

    public record Results(long surveyId, String by, double maxCiWidth, List<ResultRow> rows) {
    }

    /** A latent variable's satisfaction (0–100) and importance (correlation with overall satisfaction) in a sector. */
    public record MatrixCell(String sectorCode, String sectorName, String latent, double satisfaction,
                             Double importance, String quadrant) {
    }

    public record ImportResult(int imported) {
    }

    /** A de-identified answer sheet: no respondent reference, no interviewer, no address. */
    public record AnswerSheet(long responseId, String districtName, String sectorName, String period, String channel,
                              Double score) {
    }

    public record PeerScore(long id, int year, String indicator, String city, double score, String source) {
    }

    public record NewPeerScore(@NotNull @Min(2000) @Max(2100) Integer year, @NotBlank @Size(max = 16) String indicator,
                               @NotBlank @Size(max = 100) String city, @NotNull @Min(0) @Max(100) Double score,
                               @NotBlank @Size(max = 300) String source) {
    }
}
