package org.qualitycity.complaint.internal;

import org.qualitycity.complaint.internal.Dtos.Action;
import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.complaint.internal.Dtos.Filter;
import org.qualitycity.complaint.internal.Dtos.PublicStatus;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.RespondentView;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
/**
 * The complaint module's service as the web layer sees it: delegates to intake ({@link ComplaintIntake}), reads
 * ({@link CaseReads}), the workflow ({@link ComplaintWorkflow}), the legal clock ({@link CaseClock}) and the deadline
 * sweep ({@link ComplaintDeadlines}); statistics are {@link ComplaintStats}.
 */
@Service
public class ComplaintService {

    static final ZoneId BEIJING = org.qualitycity.platform.ApplicationZone.ZONE;
    static final int ACCEPT_DAYS = 7;
    static final int REPORT_CHECK_DAYS = 15;
    static final int MEDIATION_DAYS = 60;
    static final int REPLY_DAYS = 7;
    static final Set<String> ELEMENTS = Set.of("CMP_RECEIVED", "CMP_ACCEPTED", "CMP_DUE", "CMP_HANDLED", "CMP_REPLIED",
            "CMP_ACCEPTED_ON_TIME", "CMP_HANDLED_ON_TIME", "CMP_REPLIED_ON_TIME");
    static final List<String> PERSONAL_COLUMNS = CaseReads.PERSONAL_COLUMNS;

    private final CaseClock caseClock;
    private final ComplaintIntake intake;
    private final CaseReads reads;
    private final ComplaintWorkflow workflow;
    private final ComplaintDeadlines deadlines;

    ComplaintService(CaseClock caseClock, ComplaintIntake intake, CaseReads reads, ComplaintWorkflow workflow,
                     ComplaintDeadlines deadlines) {
        this.caseClock = caseClock;
        this.intake = intake;
        this.reads = reads;
        this.workflow = workflow;
        this.deadlines = deadlines;
    }

    public LocalDate todayPublic() {
        return today();
    }

    LocalDate today() {
        return caseClock.today();
    }

    /** The end of {@code n} working days after {@code from}; throws when the calendar lacks a year it reaches. */
    LocalDate addWorkingDays(LocalDate from, int n) {
        return caseClock.addWorkingDays(from, n);
    }

    /** See {@link ComplaintIntake#submit}. */
    public Receipt submit(Submission s, String channel, String ip, CurrentUser staff) {
        return intake.submit(s, channel, ip, staff, null);
    }

    /**
     * See {@link ComplaintIntake#submit}, with the phone's keyed hash already computed by the rate limiter
     * ({@code PersonalData#phoneHash} of {@code s.phone()}; null: computed here).
     */
    public Receipt submit(Submission s, String channel, String ip, CurrentUser staff, String phoneHash) {
        return intake.submit(s, channel, ip, staff, phoneHash);
    }

    /** Status and reply for the person holding the tracking code and the phone's last four digits. */
    public PublicStatus track(String code, String phone4) {
        return intake.track(code, phone4);
    }

    /** See {@link CaseReads#view}. */
    public CaseView view(long id, boolean unmask, CurrentUser user) {
        return reads.view(id, unmask, user);
    }

    /** See {@link CaseReads#respondentView}. */
    public RespondentView respondentView(long id, CurrentUser user) {
        return reads.respondentView(id, user);
    }

    /** The list, with the cases that wait at intake for dispatch to a district in the user's scope (read-only). */
    public PageResult<CaseView> list(Filter f, ListQuery q, CurrentUser user) {
        return reads.list(f, q, user);
    }

    /** The list of the cases the user's units handle (without those still waiting for dispatch). */
    PageResult<CaseView> listHandled(Filter f, ListQuery q, CurrentUser user) {
        return reads.list(f, q, user, false);
    }

    /** Every case of the filtered list for the export (see {@link CaseReads#exportRows}). */
    public List<CaseView> exportRows(Filter f, ListQuery q, CurrentUser user) {
        return reads.exportRows(f, q, user);
    }

    /** See {@link ComplaintWorkflow#act}. */
    public CaseView act(long id, Action a, CurrentUser user) {
        return workflow.act(id, a, user);
    }

    /** See {@link ComplaintDeadlines#sweepDeadlines}. */
    public int sweepDeadlines() {
        return deadlines.sweepDeadlines();
    }

    /** See {@link ComplaintDeadlines#recomputeDeadlines}. */
    public int recomputeDeadlines(int year) {
        return deadlines.recomputeDeadlines(year);
    }
}
