package org.qualitycity.complaint.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.complaint.internal.ComplaintStats;
import org.qualitycity.complaint.internal.DispatchRules;
import org.qualitycity.complaint.internal.Dtos.Action;
import org.qualitycity.complaint.internal.Dtos.CaseView;
import org.qualitycity.complaint.internal.Dtos.Filter;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.RespondentView;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.YearMonth;
import java.util.List;

@ApiController("/api/v1/complaints")
@Tag(name = "Complaints")
@Validated
class ComplaintApiController {

    private final ComplaintService service;
    private final ComplaintStats stats;
    private final DispatchRules rules;

    private final java.time.Clock clock;

    ComplaintApiController(ComplaintService service, ComplaintStats stats, DispatchRules rules, java.time.Clock clock) {
        this.clock = clock;
        this.service = service;
        this.stats = stats;
        this.rules = rules;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('complaint:case:view')")
    @Operation(summary = "Cases in my scope, personal data masked (filters: district, type, status, period+missed from the W2 drill-down, deadline)")
    PageResult<CaseView> list(@Valid @ModelAttribute Filter filter, @Valid @ModelAttribute ListQuery q) {
        return service.list(filter, q, Security.currentUser());
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    @Operation(summary = "The filtered list as Excel (every page, in the list's sort), personal data masked")
    ResponseEntity<StreamingResponseBody> export(@Valid @ModelAttribute Filter filter, @Valid @ModelAttribute ListQuery q) {
        var rows = service.exportRows(filter, q, Security.currentUser());
        return ExcelExport.response(clock, "complaints", "complaints", Columns.excel(), rows);
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    @Operation(summary = "One case; unmask=true shows personal data to its handler or supervisor and is audited")
    CaseView get(@PathVariable long id, @RequestParam(defaultValue = "false") boolean unmask) {
        return service.view(id, unmask, Security.currentUser());
    }

    @GetMapping("/{id:\\d+}/respondent-view")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    @Operation(summary = "What may be shown to the respondent: never the complainant's or reporter's identity")
    RespondentView respondentView(@PathVariable long id) {
        return service.respondentView(id, Security.currentUser());
    }

    @PostMapping("/{id:\\d+}/actions")
    @PreAuthorize("hasAuthority('complaint:case:handle')")
    @Operation(summary = "A workflow step: ACCEPT, REFUSE, DISPATCH, RETURN, PAUSE, RESUME, EXTEND, HANDLE, REPLY, VISIT, REOPEN, WITHDRAW")
    CaseView act(@PathVariable long id, @Valid @RequestBody Action action) {
        return service.act(id, action, Security.currentUser());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('complaint:case:create')")
    @Operation(summary = "Operator entry (channel HOTLINE, WALKIN or API)")
    ResponseEntity<Receipt> create(@RequestParam(defaultValue = "HOTLINE") @Pattern(regexp = "HOTLINE|WALKIN|API") String channel,
                                   @Valid @RequestBody Submission body, HttpServletRequest request) {
        Receipt r = service.submit(body, channel, request.getRemoteAddr(), Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/complaints?q=" + r.trackingCode()))
                .body(r);
    }

    @GetMapping("/stats")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    @Operation(summary = "Volumes, MoM/YoY, days to decision and closure (avg, p90), mediation success, money recovered, satisfaction, hotspots; from/to as yyyy-MM")
    ComplaintStats.Stats stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        YearMonth last = YearMonth.from(service.todayPublic()).minusMonths(1);
        return stats.stats(month("from", from, last.minusMonths(11)), month("to", to, last), Security.currentUser());
    }

    @GetMapping("/dispatch-rules")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    @Operation(summary = "Responsible unit by category and respondent district")
    List<DispatchRules.Rule> rules() {
        return rules.all();
    }

    @PutMapping("/dispatch-rules")
    @PreAuthorize("hasAuthority('complaint:rule:edit')")
    @Operation(summary = "Set the responsible unit of one category and district")
    DispatchRules.Rule putRule(@Valid @RequestBody DispatchRules.Rule rule) {
        return rules.put(rule);
    }

    private static YearMonth month(String field, String s, YearMonth dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return YearMonth.parse(s.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException(field, Texts.msg("complaint.error.year-month"));
        }
    }
}
