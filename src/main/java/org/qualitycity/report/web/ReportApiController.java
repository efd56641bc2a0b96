package org.qualitycity.report.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.report.PublishedReports;
import org.qualitycity.report.internal.ReportService;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

@ApiController("/api/v1")
@Tag(name = "Reports")
class ReportApiController {

    static final MediaType DOCX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final ReportService service;

    ReportApiController(ReportService service) {
        this.service = service;
    }

    @PostMapping("/reports/white-paper/{year}")
    @PreAuthorize("hasAuthority('report:document:generate')")
    @Operation(summary = "Generate the quality white paper of a year as a job; the result is a downloadable .docx")
    ResponseEntity<ReportService.Submitted> whitePaper(@PathVariable @Min(1900) @Max(2999) int year,
                                                       @RequestParam(required = false) @Pattern(regexp = "zh|en") String lang) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.whitePaper(year, lang, Security.currentUser()));
    }

    record AnalysisRequest(String period, String sector, String lang) {
    }

    @PostMapping("/reports/analyses")
    @PreAuthorize("hasAuthority('report:document:generate')")
    @Operation(summary = "Generate a quarterly (2025Q2) or yearly (2025) quality analysis of a sector as a job")
    ResponseEntity<ReportService.Submitted> analysis(@RequestBody AnalysisRequest req) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.analysis(req.period(), req.sector(),
                req.lang(), Security.currentUser()));
    }

    @GetMapping("/reports")
    @PreAuthorize("hasAuthority('report:document:view')")
    @Operation(summary = "Generated and published reports, newest first")
    List<ReportService.DocumentView> list() {
        return service.list(Security.currentUser());
    }

    @GetMapping("/reports/documents/{id}")
    @PreAuthorize("hasAuthority('report:document:view')")
    @Operation(summary = "A report with its chapters' texts (the office's where edited, else the generated ones)")
    ReportService.DocumentDetail detail(@PathVariable long id) {
        return service.detail(id, Security.currentUser());
    }

    @GetMapping(path = "/reports/documents/{id}/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('report:document:view')")
    @Operation(summary = "The data snapshot the report was generated from (frozen with the published report)")
    String snapshot(@PathVariable long id) {
        return service.snapshotJson(id);
    }

    @GetMapping("/reports/documents/{id}/docx")
    @PreAuthorize("hasAuthority('report:document:view')")
    @Operation(summary = "Download a generated report (.docx)")
    ResponseEntity<byte[]> docx(@PathVariable long id) {
        return download(service.bytes(id), service.fileName(id));
    }

    record TextsRequest(Map<String, String> texts) {
    }

    @PutMapping("/reports/documents/{id}/texts")
    @PreAuthorize("hasAuthority('report:document:generate')")
    @Operation(summary = "Edit chapter texts of a draft (a blank text restores the generated one); the .docx is rendered again")
    ReportService.DocumentDetail texts(@PathVariable long id, @RequestBody TextsRequest req) {
        return service.editTexts(id, req == null ? null : req.texts(), Security.currentUser());
    }

    @PostMapping("/reports/documents/{id}/publish")
    @PreAuthorize("hasAuthority('report:document:publish')")
    @Operation(summary = "Publish a draft: frozen with its data snapshot and downloadable by everyone")
    ReportService.DocumentView publish(@PathVariable long id) {
        return service.publish(id, Security.currentUser());
    }

    @GetMapping("/report-templates")
    @PreAuthorize("hasAuthority('report:document:view')")
    @Operation(summary = "Word template versions, newest first (version 0 is the bundled template)")
    List<ReportService.TemplateView> templates() {
        return service.templates();
    }

    @GetMapping("/report-templates/{version}/docx")
    @PreAuthorize("hasAuthority('report:document:view')")
    @Operation(summary = "Download a template version to edit it in Word")
    ResponseEntity<byte[]> template(@PathVariable @Min(0) int version) {
        return download(service.templateBytes(version), "report-template-v" + version + ".docx");
    }

    @PostMapping(path = "/report-templates", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('report:template:edit')")
    @Operation(summary = "Upload a new template version (.docx with placeholders such as {{chapters}})")
    ResponseEntity<ReportService.TemplateView> upload(@RequestPart("file") MultipartFile file,
                                                      @RequestParam(required = false) String note) throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.uploadTemplate(file.getOriginalFilename(),
                file.getBytes(), note, Security.currentUser()));
    }

    @GetMapping("/public/reports")
    @Operation(summary = "Published white papers and analyses, without login")
    List<PublishedReports.Published> published() {
        return service.published();
    }

    @GetMapping("/public/reports/{id}/docx")
    @Operation(summary = "Download a published report (.docx), without login")
    ResponseEntity<byte[]> publishedDocx(@PathVariable long id) {
        return download(service.publishedBytes(id), service.fileName(id));
    }

    static ResponseEntity<byte[]> download(byte[] bytes, String name) {
        return ResponseEntity.ok().contentType(DOCX).header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition
                .attachment().filename(name, StandardCharsets.UTF_8).build().toString()).body(bytes);
    }
}
