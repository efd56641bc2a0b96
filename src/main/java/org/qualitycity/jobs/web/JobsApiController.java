package org.qualitycity.jobs.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.qualitycity.jobs.JobStatus;
import org.qualitycity.jobs.JobView;
import org.qualitycity.jobs.internal.JobService;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

@ApiController("/api/v1/jobs")
@Tag(name = "Jobs")
@Validated
class JobsApiController {

    /** A job to start by hand: only kinds whose handler allows the caller. */
    record SubmitJob(@NotBlank @Size(max = 60) String kind, JsonNode params) {
    }

    private final JobService jobs;
    private final Clock clock;

    JobsApiController(JobService jobs, Clock clock) {
        this.clock = clock;
        this.jobs = jobs;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's jobs, newest first (all=true: every job in scope, needs jobs:job:view-all)")
    PageResult<JobView> list(@RequestParam(defaultValue = "false") boolean all,
                             @RequestParam(required = false) JobStatus status,
                             @RequestParam(required = false) @Size(max = 60) String kind,
                             @Valid @ModelAttribute ListQuery q) {
        return jobs.page(Security.currentUser(), all, status, kind, q);
    }

    @GetMapping("/export")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The jobs of the list as Excel (same filters and sort, every page)")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "false") boolean all,
                                                 @RequestParam(required = false) JobStatus status,
                                                 @RequestParam(required = false) @Size(max = 60) String kind,
                                                 @Valid @ModelAttribute ListQuery q) {
        CurrentUser user = Security.currentUser();
        Locale locale = Texts.locale(); // cells rendered while the body is written, outside the request's thread
        List<ExcelExport.Column<JobView>> columns = List.of(
                new ExcelExport.Column<>("jobs.id", JobView::id),
                new ExcelExport.Column<>("jobs.kind", JobView::kind),
                new ExcelExport.Column<>("jobs.status", j -> Texts.render(Text.of("jobs.status." + j.status()), locale)),
                new ExcelExport.Column<>("jobs.progress", JobView::percent),
                new ExcelExport.Column<>("jobs.createdBy", JobView::createdByName),
                new ExcelExport.Column<>("jobs.createdAt", JobView::createdAt),
                new ExcelExport.Column<>("jobs.finishedAt", JobView::finishedAt));
        return ExcelExport.response(clock, "jobs", "jobs", columns,
                ListQuery.allPages(q, page -> jobs.page(user, all, status, kind, page)));
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "A job's status, progress, result or error (its creator, or jobs:job:view-all in scope)")
    JobView get(@PathVariable long id) {
        return jobs.get(id, Security.currentUser());
    }

    @PostMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Start a job of a kind the caller may start by hand (e.g. audit-verify)")
    ResponseEntity<JobView> submit(@Valid @RequestBody SubmitJob req) {
        long id = jobs.submitByUser(req.kind(), req.params(), Security.currentUser());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/jobs/" + id))
                .body(jobs.get(id, Security.currentUser()));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Cancel a queued job, or ask a running one to stop (409 once finished)")
    JobView cancel(@PathVariable long id) {
        return jobs.cancel(id, Security.currentUser());
    }
}
