package org.qualitycity.complaint.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request and view records of the complaint module. */
public final class Dtos {

    private Dtos() {
    }

    /**
     * One submission (public form, API, operator entry). {@code type} BOTH is a mixed submission that
     * becomes a complaint and a report, linked (Art 9). {@code website} is a honeypot that people never
     * see and must leave empty.
     */
    public record Submission(
            @NotBlank @Pattern(regexp = "COMPLAINT|REPORT|BOTH") String type,
            @NotBlank @Pattern(regexp = "GOODS|SERVICES") String category,
            @Size(max = 60) String subcategory,
            @NotBlank @Size(max = 200) String respondentName,
            @Size(max = 300) String respondentAddress,
            @NotBlank @Size(max = 32) @AreaCode String district,
            @Pattern(regexp = "|[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}") String creditCode,
            @NotBlank @Size(min = 10, max = 4000) String facts,
            @Size(max = 2000) String request,
            @DecimalMin("0") @DecimalMax("100000000") BigDecimal amount,
            LocalDate harmKnownOn,
            @Size(max = 50) String name,
            @Pattern(regexp = "|1\\d{10}|0\\d{2,3}-?\\d{7,8}") String phone,
            @Pattern(regexp = "|\\d{17}[\\dXx]") String idNumber,
            @Size(max = 300) String address,
            @Size(max = 0) String website) {
    }

    /** What the submitter gets back: the tracking code (and the linked report's for a mixed submission). */
    public record Receipt(String trackingCode, String linkedTrackingCode, String type, LocalDate receivedOn,
                          LocalDate acceptDue, boolean repeat) {
    }

    /**
     * Public tracking, for the holder of the tracking code: status, the decision deadline ({@code decisionDue}, null
     * while the calendar year it reaches is not loaded), the handling unit's name, the steps so far and the reply;
     * never a person's data.
     */
    public record PublicStatus(String trackingCode, String type, String status, LocalDate receivedOn,
                               LocalDate replyDate, String reply, LocalDate decisionDue, String unitName,
                               String unitNameEn, List<PublicStep> steps) {

        /** The handling unit's name in the reader's language. */
        public String unitName(java.util.Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && unitNameEn != null ? unitNameEn : unitName;
        }
    }

    /** One step of a case as its submitter sees it: RECEIVED, ACCEPTED, REFUSED, DISPATCHED, HANDLED, WITHDRAWN, REPLIED, VISITED. */
    public record PublicStep(String step, LocalDate on) {
    }

    /**
     * A workflow step. action: ACCEPT, REFUSE (ground, text), DISPATCH (unitCode optional: by rule),
     * RETURN (reason), PAUSE, RESUME, EXTEND, HANDLE (outcome, moneyRecovered), REPLY (reply), VISIT
     * (satisfaction), REOPEN, WITHDRAW.
     */
    public record Action(
            @NotBlank @Pattern(regexp = "ACCEPT|REFUSE|DISPATCH|RETURN|PAUSE|RESUME|EXTEND|HANDLE|REPLY|VISIT|REOPEN|WITHDRAW")
            String action,
            @Pattern(regexp = "|NOT_CONSUMER_DISPUTE|OTHER_AUTHORITY|TIME_BARRED|INCOMPLETE|ALREADY_MEDIATED|NO_JURISDICTION|OTHER_LAW")
            String ground,
            @Size(max = 1000) String text,
            @Size(max = 40) String unitCode,
            @Pattern(regexp = "|AGREEMENT|NO_AGREEMENT|TRANSFERRED|NO_CASE|CASE_OPENED") String outcome,
            @DecimalMin("0") @DecimalMax("100000000") BigDecimal moneyRecovered,
            @Size(max = 2000) String reply,
            @Pattern(regexp = "|SATISFIED|BASIC|DISSATISFIED") String satisfaction) {
        // no static of(String)/valueOf(String) here: Spring MVC would use it to build the page form's
        // @ModelAttribute from the request parameter "action" alone and drop every other field
    }

    /** A deadline with its state: GREEN, AMBER (two working days or less left), RED (overdue). */
    public record Deadline(String kind, LocalDate due, Integer workingDaysLeft, String state, boolean paused) {
    }

    /**
     * A case for staff; person fields are masked unless {@code masked} is false. {@code awaitingDispatch}: the
     * reader sees the case only because it waits at intake for dispatch to the reader's district (read-only).
     */
    public record CaseView(long id, String trackingCode, String type, String channel, String category,
                           String subcategory, String respondentName, String respondentAddress,
                           String respondentCreditCode, String districtCode, String districtName, String unitCode,
                           String unitName, String facts, String request, BigDecimal amount, LocalDate harmKnownOn,
                           boolean anonymous, String personName, String personPhone, String personIdNumber,
                           String personAddress, boolean masked, boolean mayUnmask, Instant receivedAt,
                           LocalDate receivedOn, String status, LocalDate acceptDue, LocalDate decidedOn,
                           String refusalGround, String refusalText, LocalDate dispatchedOn, String returnReason,
                           LocalDate pausedSince, int pausedDays, LocalDate handleDue, boolean checkExtended,
                           LocalDate handledOn, String outcome, BigDecimal moneyRecovered, LocalDate replyDue,
                           LocalDate repliedOn, String reply, LocalDate visitedOn, String satisfaction,
                           boolean reopened, String linkedTrackingCode, Long linkedCaseId, String repeatOfTrackingCode,
                           Long repeatOfId, Deadline deadline, List<String> signals, boolean demo,
                           boolean awaitingDispatch) {
    }

    /** What the respondent (被投诉人/被举报人) may be shown: never the complainant's or reporter's identity. */
    public record RespondentView(String trackingCode, String type, String category, String respondentName,
                                 String respondentAddress, String facts, String request, BigDecimal amount,
                                 String status, LocalDate receivedOn) {
    }

    /** List filters; {@code period} and {@code missed} come from the indicator drill-down. */
    public record Filter(@Size(max = 20) String district, @Pattern(regexp = "|COMPLAINT|REPORT") String type,
                         @Size(max = 12) String status, @Pattern(regexp = "|\\d{4}|\\d{4}S[12]|\\d{4}Q[1-4]|\\d{6}")
                         String period, @Pattern(regexp = "|ACCEPT|HANDLE|REPLY|ACCEPT_LATE|HANDLE_LATE|REPLY_LATE") String missed,
                         @Pattern(regexp = "|GREEN|AMBER|RED") String deadline, @Size(max = 60) String q) {
    }
}
