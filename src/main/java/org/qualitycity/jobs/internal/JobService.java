package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobStatus;
import org.qualitycity.jobs.JobView;
import org.qualitycity.jobs.Jobs;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Submitting, reading and cancelling jobs; the worker runs them. */
@Service
public class JobService implements Jobs {

    private static final int MAX_PARAMS = 100_000;

    private final JobRepository repo;
    private final JobHandlers handlers;
    private final JobWorker worker;
    private final AuditLog audit;
    private final ObjectMapper json;

    JobService(JobRepository repo, JobHandlers handlers, JobWorker worker, AuditLog audit, ObjectMapper json) {
        this.repo = repo;
        this.handlers = handlers;
        this.worker = worker;
        this.audit = audit;
        this.json = json;
    }

    @Override
    @Transactional
    public long submit(String kind, Object params, CurrentUser user) {
        if (handlers.get(kind).isEmpty()) {
            throw new ValidationException("kind", Texts.msg("jobs.error.unknown-kind", kind));
        }
        JsonNode node = params == null ? json.createObjectNode()
                : params instanceof JsonNode j ? j : json.valueToTree(params);
        String text = json.writeValueAsString(node);
        if (text.length() > MAX_PARAMS) {
            throw new ValidationException("params", Texts.msg("jobs.error.params-too-large"));
        }
        long id = repo.insert(kind, text, user == null ? null : user.id(), user == null ? null : user.unitId());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", kind);
        after.put("params", node);
        audit.record("jobs", "job", id, user == null ? null : user.unitId(), "SUBMIT", null, after);
        wakeAfterCommit();
        return id;
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }

    /** Submits a kind the user may start by hand (the generic jobs page and API). */
    @Transactional
    public long submitByUser(String kind, JsonNode params, CurrentUser user) {
        JobHandler handler = handlers.get(kind)
                .orElseThrow(() -> new ValidationException("kind", Texts.msg("jobs.error.unknown-kind", kind)));
        if (!handler.submittableBy(user)) {
            throw new AccessDeniedException(Texts.msg("jobs.error.kind-not-allowed", kind));
        }
        return submit(kind, params, user);
    }

    /** The kinds the user may start by hand. */
    public List<String> kindsSubmittableBy(CurrentUser user) {
        return handlers.all().stream().filter(h -> h.submittableBy(user)).map(JobHandler::kind).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public JobView get(long id, CurrentUser user) {
        return repo.find(id, user).orElseThrow(() -> new NotFoundException("job " + id));
    }

    @Transactional(readOnly = true)
    public PageResult<JobView> page(CurrentUser user, boolean all, JobStatus status, String kind, ListQuery q) {
        if (all && !user.can(JobsPermissions.VIEW_ALL)) {
            throw new AccessDeniedException(Texts.msg("jobs.error.view-others", JobsPermissions.VIEW_ALL));
        }
        return repo.page(user, all, status, kind, q);
    }

    /** Cancels a queued job, or asks a running one to stop; only its creator or a view-all holder in scope. */
    @Transactional
    public JobView cancel(long id, CurrentUser user) {
        JobView before = get(id, user);
        if (before.status().finished()) {
            throw new ConflictException(Texts.msg("jobs.error.already-finished-status", Texts.msg("jobs.status." + before.status())));
        }
        if (repo.requestCancel(id).isEmpty()) {
            throw new ConflictException(Texts.msg("jobs.error.already-finished"));
        }
        JobView after = repo.findAny(id).orElseThrow();
        audit.record("jobs", "job", id, before.unitId(), "CANCEL", Map.of("status", before.status()),
                Map.of("status", after.status()));
        return after;
    }
}
