package org.qualitycity.assessment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.assessment.internal.AssessmentExports;
import org.qualitycity.assessment.internal.AssessmentService;
import org.qualitycity.assessment.internal.SchemeService;
import org.qualitycity.jobs.Jobs;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

@ApiController("/api/v1")
@Tag(name = "Assessment")
class AssessmentApiController {

    static final MediaType DOCX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final AssessmentService service;
    private final SchemeService schemes;
    private final Jobs jobs;

    AssessmentApiController(AssessmentService service, SchemeService schemes, Jobs jobs) {
        this.service = service;
        this.schemes = schemes;
        this.jobs = jobs;
    }

    @GetMapping("/assessments/{year}")
    @PreAuthorize("hasAuthority('assessment:result:view')")
    @Operation(summary = "The year's assessment: every unit in scope with its score, rank and breakdown")
    AssessmentViews.Assessment get(@PathVariable int year) {
        return service.get(year, Security.currentUser());
    }

    @PostMapping("/assessments/{year}/run")
    @PreAuthorize("hasAuthority('assessment:result:run')")
    @Operation(summary = "Run (or re-run) the assessment of the year as a job; 409 once published")
    ResponseEntity<Map<String, Object>> run(@PathVariable int year) {
        service.requireOpen(year);
        long id = jobs.submit("assessment-run", Map.of("year", year), Security.currentUser());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", id, "year", year));
    }

    @PostMapping("/assessments/{year}/publish")
    @PreAuthorize("hasAuthority('assessment:result:publish')")
    @Operation(summary = "Publish (lock) the assessment")
    AssessmentViews.Assessment publish(@PathVariable int year) {
        service.publish(year, Security.currentUser());
        return service.get(year, Security.currentUser());
    }

    record ObjectionRequest(String text) {
    }

    @PostMapping("/assessments/{year}/objections")
    @PreAuthorize("hasAuthority('assessment:result:object')")
    @Operation(summary = "Object to the own unit's result within the objection period")
    ResponseEntity<Map<String, Object>> object(@PathVariable int year, @RequestBody ObjectionRequest req) {
        long id = service.object(year, req == null ? null : req.text(), Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    record AdjustmentRequest(String unitCode, BigDecimal points, String reason, Long objectionId) {
    }

    @PostMapping("/assessments/{year}/adjustments")
    @PreAuthorize("hasAuthority('assessment:result:adjust')")
    @Operation(summary = "Adjust a unit's score with a reason (optionally answering an objection); recomputes the year")
    AssessmentViews.Assessment adjust(@PathVariable int year, @RequestBody AdjustmentRequest req) {
        service.adjust(year, req.unitCode(), req.points(), req.reason(), req.objectionId(), Security.currentUser());
        return service.get(year, Security.currentUser());
    }

    record EntryRequest(String unitCode, String kind, BigDecimal points, String reason) {
    }

    @PostMapping("/assessments/{year}/entries")
    @PreAuthorize("hasAuthority('assessment:result:adjust')")
    @Operation(summary = "Record a bonus item (award, national pilot) or a deduction (quality accident) with its evidence")
    ResponseEntity<Map<String, Object>> entry(@PathVariable int year, @RequestBody EntryRequest req) {
        long id = service.entry(year, req.unitCode(), req.kind(), req.points(), req.reason(), Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    @GetMapping("/assessments/{year}/export")
    @PreAuthorize("hasAuthority('assessment:result:view')")
    @Operation(summary = "The scores in scope as Excel")
    ResponseEntity<byte[]> excel(@PathVariable int year) {
        AssessmentViews.Assessment a = service.get(year, Security.currentUser());
        return ExcelExport.bytesResponse("assessment-" + year, "assessment " + year, AssessmentExports.COLUMNS,
                AssessmentExports.rows(a));
    }

    @GetMapping("/assessments/{year}/circular")
    @PreAuthorize("hasAuthority('assessment:result:view')")
    @Operation(summary = "The circular (the published notice of results) as a Word document")
    ResponseEntity<byte[]> word(@PathVariable int year) {
        AssessmentViews.Assessment a = service.get(year, Security.currentUser());
        return ResponseEntity.ok().contentType(DOCX).header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition
                        .attachment().filename("assessment-" + year + ".docx", StandardCharsets.UTF_8).build().toString())
                .body(AssessmentExports.word(a));
    }

    @GetMapping("/assessment-schemes/{year}/{target}")
    @PreAuthorize("hasAuthority('assessment:result:view')")
    @Operation(summary = "The scoring scheme's versions for the year and group (AREA or DEPARTMENT), newest first")
    List<AssessmentViews.Scheme> scheme(@PathVariable int year, @PathVariable String target) {
        return schemes.versions(year, target);
    }

    record SchemeUpdate(List<SchemeService.ItemChange> items, String note) {
    }

    @PutMapping("/assessment-schemes/{year}/{target}")
    @PreAuthorize("hasAuthority('assessment:scheme:edit')")
    @Operation(summary = "Change weights (max points, points per item): writes a new version; 409 once published")
    AssessmentViews.Scheme update(@PathVariable int year, @PathVariable String target, @RequestBody SchemeUpdate req) {
        return schemes.update(year, target, req == null ? null : req.items(), req == null ? null : req.note(),
                Security.currentUser());
    }
}
