package org.qualitycity.engineering.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.qualitycity.engineering.internal.ProjectImport;
import org.qualitycity.engineering.internal.ProjectService;
import org.qualitycity.engineering.internal.ProjectService.Filter;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Construction projects, their supervision, acceptance, accidents and awards for other systems (issue 14). */
@ApiController("/api/v1")
@Tag(name = "Engineering quality")
class EngineeringApiController {

    static final String KIND = "|PUBLIC_BUILDING|RESIDENTIAL|AFFORDABLE_HOUSING|INDUSTRIAL|INFRASTRUCTURE";
    static final String SIZE = "|LARGE|MEDIUM|SMALL";
    static final String STATUS = "|PLANNED|UNDER_CONSTRUCTION|STOPPED|COMPLETED|ACCEPTED|FILED";
    static final String INDICATOR = "|E1|E2|E3|E4|E5|E6";
    static final String PERIOD = "|\\d{4}((S[12])|(Q[1-4])|(0[1-9]|1[0-2]))?";

    private final ProjectService service;
    private final ProjectImport importer;
    private final Clock clock;

    EngineeringApiController(ProjectService service, ProjectImport importer, Clock clock) {
        this.service = service;
        this.importer = importer;
        this.clock = clock;
    }

    static Filter filter(String q, String unit, String kind, String size, String status, String indicator,
                         String period, String firstResult, Boolean passed, String energyReview) {
        if (indicator != null && !indicator.isBlank() && (period == null || period.isBlank())) {
            throw new ValidationException("period", Texts.msg("engineering.error.period"));
        }
        return new Filter(q, unit, kind, size, status, indicator, period, firstResult, passed, energyReview);
    }

    @GetMapping("/projects/map")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    @Operation(summary = "The map's points: projects in my scope with coordinates and state (status: one state only)")
    List<ProjectService.MapPoint> mapPoints(@RequestParam(required = false) @Pattern(regexp = STATUS) String status) {
        return service.mapPoints(Security.currentUser(), status == null || status.isBlank() ? null : status, 5000);
    }

    @GetMapping("/projects")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    @Operation(summary = "Construction projects in my scope (q: name or number; unit: a district and below; "
            + "indicator with period: the projects behind an E1–E6 value)")
    PageResult<ProjectService.ProjectView> list(@RequestParam(required = false) String q,
                                                @RequestParam(required = false) String unit,
                                                @RequestParam(required = false) @Pattern(regexp = KIND) String kind,
                                                @RequestParam(required = false) @Pattern(regexp = SIZE) String sizeClass,
                                                @RequestParam(required = false) @Pattern(regexp = STATUS) String status,
                                                @RequestParam(required = false) @Pattern(regexp = INDICATOR) String indicator,
                                                @RequestParam(required = false) @Pattern(regexp = PERIOD) String period,
                                                @RequestParam(required = false) @Pattern(regexp = "|PASS|FAIL") String firstResult,
                                                @RequestParam(required = false) Boolean passed,
                                                @RequestParam(required = false) @Pattern(regexp = "|PENDING|PASSED|FAILED") String energyReview,
                                                @Valid @ModelAttribute ListQuery query) {
        return service.list(Security.currentUser(), filter(q, unit, kind, sizeClass, status, indicator, period, firstResult,
                passed, energyReview), query);
    }

    @GetMapping("/projects/export")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    @Operation(summary = "The filtered project list as Excel (same filters and sort, all pages) in my scope")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String q,
                                                 @RequestParam(required = false) String unit,
                                                 @RequestParam(required = false) @Pattern(regexp = KIND) String kind,
                                                 @RequestParam(required = false) @Pattern(regexp = SIZE) String sizeClass,
                                                 @RequestParam(required = false) @Pattern(regexp = STATUS) String status,
                                                 @RequestParam(required = false) @Pattern(regexp = INDICATOR) String indicator,
                                                 @RequestParam(required = false) @Pattern(regexp = PERIOD) String period,
                                                 @RequestParam(required = false) @Pattern(regexp = "|PASS|FAIL") String firstResult,
                                                 @RequestParam(required = false) Boolean passed,
                                                 @RequestParam(required = false) @Pattern(regexp = "|PENDING|PASSED|FAILED") String energyReview,
                                                 @Valid @ModelAttribute ListQuery query) {
        CurrentUser user = Security.currentUser();
        Filter f = filter(q, unit, kind, sizeClass, status, indicator, period, firstResult, passed, energyReview);
        return ExcelExport.response(clock, "projects", "projects", columns(Texts.locale()),
                ListQuery.allPages(query, page -> service.list(user, f, page)));
    }

    /** The export's columns, names and coded values in the reader's language. */
    static List<ExcelExport.Column<ProjectService.ProjectView>> columns(Locale locale) {
        return List.of(
                new ExcelExport.Column<>("engineering.project.no", ProjectService.ProjectView::projectNo),
                new ExcelExport.Column<>("engineering.project.name", ProjectService.ProjectView::name),
                new ExcelExport.Column<>("engineering.project.unit", p -> p.unitCode()),
                new ExcelExport.Column<>("engineering.project.kind",
                        p -> Texts.render(Text.of("engineering.kind." + p.kind()), locale)),
                new ExcelExport.Column<>("engineering.project.size",
                        p -> Texts.render(Text.of("engineering.size." + p.sizeClass()), locale)),
                new ExcelExport.Column<>("engineering.project.status",
                        p -> Texts.render(Text.of("engineering.status." + p.status()), locale)),
                new ExcelExport.Column<>("engineering.project.startDate",
                        p -> p.startDate() == null ? null : p.startDate().toString()),
                new ExcelExport.Column<>("engineering.project.firstAcceptance", p -> p.firstAcceptancePassed() == null
                        ? null : Texts.render(Text.of(p.firstAcceptancePassed() ? "engineering.acceptance.passed"
                        : "engineering.acceptance.failed"), locale)));
    }

    @PostMapping("/projects")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Register a construction project in a district of my scope with its participants (by credit code)")
    ResponseEntity<ProjectService.ProjectView> create(@Valid @RequestBody ProjectService.NewProject req) {
        var view = service.create(req, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/projects/" + view.id())).body(view);
    }

    @GetMapping("/projects/{id}")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    @Operation(summary = "One project with participants, inspections, notices, acceptances, accidents and awards")
    ProjectService.ProjectDetail get(@PathVariable long id) {
        return service.detail(id, Security.currentUser());
    }

    @PostMapping("/projects/{id}/acceptances")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Record a completion acceptance (the first one counts for E1 and E3; a re-acceptance after a failure)")
    ResponseEntity<ProjectService.AcceptanceView> accept(@PathVariable long id,
                                                         @Valid @RequestBody ProjectService.NewAcceptance req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.accept(id, req, Security.currentUser()));
    }

    @PostMapping("/projects/{id}/filing")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "File the passed completion acceptance")
    ProjectService.ProjectView file(@PathVariable long id, @Valid @RequestBody ProjectService.Filing req) {
        return service.file(id, req, Security.currentUser());
    }

    @PostMapping("/projects/{id}/inspections")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Record a quality supervision inspection; a rectification notice or stop-work order follows from its outcome")
    ResponseEntity<ProjectService.InspectionView> inspect(@PathVariable long id,
                                                          @Valid @RequestBody ProjectService.NewInspection req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.inspect(id, req, Security.currentUser()));
    }

    @PostMapping("/projects/{id}/notices/{noticeId}/closure")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Close a rectification notice or lift a stop-work order")
    ProjectService.NoticeView close(@PathVariable long id, @PathVariable long noticeId,
                                    @Valid @RequestBody ProjectService.Closure req) {
        return service.close(id, noticeId, req, Security.currentUser());
    }

    @PostMapping("/projects/import")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Import projects from .xlsx, all or nothing; 400 lists every bad row as row[n].column")
    ProjectImport.Result importFile(jakarta.servlet.http.HttpServletRequest request) throws IOException {
        MultipartFile file = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                ? m.getFile("file") : null;
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", Texts.msg("engineering.error.choose-an-xlsx-file"));
        }
        try (InputStream in = file.getInputStream()) {
            return importer.importFile(in, Security.currentUser());
        }
    }

    @GetMapping("/awards")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    @Operation(summary = "Awards (Luban Prize, Chutian Cup, others) of projects in my scope")
    List<ProjectService.AwardView> awards(@RequestParam(required = false) @Min(1987) @Max(2999) Integer year,
                                          @RequestParam(required = false) @Pattern(regexp = "|LUBAN|CHUTIAN|OTHER") String kind) {
        return service.awards(Security.currentUser(), year, null, kind == null || kind.isBlank() ? null : kind);
    }

    @PostMapping("/awards")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Record an award of a project; its enterprises receive a credit honour")
    ResponseEntity<ProjectService.AwardView> award(@Valid @RequestBody ProjectService.NewAward req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.recordAward(req, Security.currentUser()));
    }

    @GetMapping("/accidents")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    @Operation(summary = "Quality accidents of projects in my scope (year, unit)")
    List<ProjectService.AccidentView> accidents(@RequestParam(required = false) @Min(1900) @Max(2999) Integer year,
                                                @RequestParam(required = false) String unit) {
        return service.accidents(Security.currentUser(), year, null, unit);
    }

    @PostMapping("/accidents")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    @Operation(summary = "Record a quality accident of a project (grade, date, losses, investigation)")
    ResponseEntity<ProjectService.AccidentView> accident(@Valid @RequestBody ProjectService.NewAccident req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.recordAccident(req, Security.currentUser()));
    }
}
