package org.qualitycity.spotcheck.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.spotcheck.internal.AnnouncementService;
import org.qualitycity.spotcheck.internal.SpotcheckService;
import org.qualitycity.spotcheck.internal.SpotcheckService.Filter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.List;
import java.util.Map;

@ApiController("/api/v1/spotchecks")
@Tag(name = "Spot checks")
class SpotcheckApiController {

    private final SpotcheckService service;
    private final AnnouncementService announcements;
    private final Clock clock;

    SpotcheckApiController(SpotcheckService service, AnnouncementService announcements, Clock clock) {
        this.clock = clock;
        this.service = service;
        this.announcements = announcements;
    }

    @GetMapping("/samples")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "Samples in my scope; filters unit (and below), period (2018Q2, 201805 …), indicator (P1–P4: "
            + "tested samples it counts), verdict (PASS/FAIL/PENDING), enterprise (credit code), q, refused")
    PageResult<SpotcheckService.SampleView> list(@RequestParam(required = false) String unit,
                                                 @RequestParam(required = false) String period,
                                                 @RequestParam(required = false) String indicator,
                                                 @RequestParam(required = false) String verdict,
                                                 @RequestParam(required = false) String enterprise,
                                                 @RequestParam(required = false) String q,
                                                 @RequestParam(required = false) Boolean refused,
                                                 @Valid @ModelAttribute ListQuery query) {
        return service.list(new Filter(unit, period, indicator, verdict, enterprise, q, refused), query,
                Security.currentUser());
    }

    @PostMapping("/samples")
    @PreAuthorize("hasAuthority('spotcheck:sample:edit')")
    @Operation(summary = "Record a sampling (at least two samplers) or a refusal to be sampled (refused, refusalReason)")
    ResponseEntity<SpotcheckService.SampleView> create(@Valid @RequestBody SpotcheckService.NewSample req) {
        var v = service.create(req, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/spotchecks/samples/" + v.id()))
                .body(v);
    }

    @GetMapping("/samples/{id}")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "One sample with its test items and the follow-up of a failed batch (overdue flags)")
    SpotcheckService.SampleDetail get(@PathVariable long id) {
        return service.detail(id, Security.currentUser());
    }

    @PostMapping("/samples/{id}/result")
    @PreAuthorize("hasAuthority('spotcheck:result:edit')")
    @Operation(summary = "Record the test result per item; the batch passes only if every item passes")
    SpotcheckService.SampleDetail result(@PathVariable long id, @Valid @RequestBody SpotcheckService.NewResult req) {
        return service.recordResult(id, req, Security.currentUser());
    }

    @PostMapping("/samples/{id}/objection")
    @PreAuthorize("hasAuthority('spotcheck:objection:submit')")
    @Operation(summary = "Object to a failed result within 15 days of the result notice")
    SpotcheckService.SampleView objection(@PathVariable long id, @Valid @RequestBody SpotcheckService.NewObjection req) {
        return service.object(id, req, Security.currentUser());
    }

    @PostMapping("/samples/{id}/retest")
    @PreAuthorize("hasAuthority('spotcheck:result:edit')")
    @Operation(summary = "Re-test on the backup sample by a different lab; the result is final")
    SpotcheckService.SampleDetail retest(@PathVariable long id, @Valid @RequestBody SpotcheckService.NewResult req) {
        return service.retest(id, req, Security.currentUser());
    }

    @PostMapping("/samples/{id}/rectification")
    @PreAuthorize("hasAuthority('spotcheck:rectification:submit')")
    @Operation(summary = "The enterprise's rectification report (evidence: POST /api/v1/files?ownerType=spotcheck-rectification&ownerId={id})")
    SpotcheckService.FollowUp rectification(@PathVariable long id, @Valid @RequestBody SpotcheckService.NewReport req) {
        return service.report(id, req, Security.currentUser());
    }

    @PostMapping("/samples/{id}/reinspection")
    @PreAuthorize("hasAuthority('spotcheck:rectification:review')")
    @Operation(summary = "Re-inspection after rectification; FAIL flags the batch for announcement and case handling")
    SpotcheckService.FollowUp reinspection(@PathVariable long id,
                                           @Valid @RequestBody SpotcheckService.NewReinspection req) {
        return service.reinspect(id, req, Security.currentUser());
    }

    @GetMapping("/samples/export")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "The filtered list of samples as Excel: every sample of the list (same filters and sort, all "
            + "pages) in my scope")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String unit,
                                                 @RequestParam(required = false) String period,
                                                 @RequestParam(required = false) String indicator,
                                                 @RequestParam(required = false) String verdict,
                                                 @RequestParam(required = false) String enterprise,
                                                 @RequestParam(required = false) String q,
                                                 @RequestParam(required = false) Boolean refused,
                                                 @Valid @ModelAttribute ListQuery query) {
        CurrentUser user = Security.currentUser();
        Filter f = new Filter(unit, period, indicator, verdict, enterprise, q, refused);
        Locale locale = Texts.locale(); // cells rendered while the body is written, outside the request's thread
        List<ExcelExport.Column<SpotcheckService.SampleView>> columns = List.of(
                new ExcelExport.Column<>("spotcheck.sampleNo", SpotcheckService.SampleView::sampleNo),
                new ExcelExport.Column<>("spotcheck.sampledOn", s -> s.sampledOn() == null ? null : s.sampledOn().toString()),
                new ExcelExport.Column<>("spotcheck.unit", SpotcheckService.SampleView::unitName),
                new ExcelExport.Column<>("spotcheck.enterprise", SpotcheckService.SampleView::enterpriseName),
                new ExcelExport.Column<>("enterprise.creditCode", SpotcheckService.SampleView::enterpriseCreditCode),
                new ExcelExport.Column<>("spotcheck.category", SpotcheckService.SampleView::categoryName),
                new ExcelExport.Column<>("spotcheck.product", SpotcheckService.SampleView::product),
                new ExcelExport.Column<>("spotcheck.batchNo", SpotcheckService.SampleView::batchNo),
                new ExcelExport.Column<>("spotcheck.type", s -> s.inspectionType() == null ? null
                        : Texts.render(Text.of("spotcheck.type." + s.inspectionType()), locale)),
                new ExcelExport.Column<>("spotcheck.lab", SpotcheckService.SampleView::lab),
                new ExcelExport.Column<>("spotcheck.verdict", s -> Texts.render(Text.of(s.refused() ? "spotcheck.refused"
                        : "spotcheck.verdict." + (s.finalVerdict() == null ? "PENDING" : s.finalVerdict())), locale)));
        return ExcelExport.response(clock, "samples", "samples", columns,
                ListQuery.allPages(query, page -> service.list(f, page, user)));
    }

    @GetMapping("/follow-ups")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "Follow-ups of failed batches in my scope (overdue=true: only overdue ones)")
    PageResult<SpotcheckService.FollowUpRow> followUps(@RequestParam(defaultValue = "false") boolean overdue,
                                                       @Valid @ModelAttribute ListQuery query) {
        return service.followUps(overdue, query, Security.currentUser());
    }

    @GetMapping("/follow-ups/export")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "The follow-ups of failed batches in my scope as Excel (overdue=true: only overdue ones; every page)")
    ResponseEntity<StreamingResponseBody> exportFollowUps(@RequestParam(defaultValue = "false") boolean overdue) {
        CurrentUser user = Security.currentUser();
        Locale locale = Texts.locale(); // cells rendered while the body is written, outside the request's thread
        String late = Texts.render(Text.of("spotcheck.overdue"), locale);
        List<ExcelExport.Column<SpotcheckService.FollowUpRow>> columns = List.of(
                new ExcelExport.Column<>("spotcheck.sampleNo", r -> r.sample().sampleNo()),
                new ExcelExport.Column<>("spotcheck.unit", r -> r.sample().unitName()),
                new ExcelExport.Column<>("spotcheck.enterprise", r -> r.sample().enterpriseName()),
                new ExcelExport.Column<>("spotcheck.product", r -> r.sample().product()),
                new ExcelExport.Column<>("spotcheck.rectificationDue", r -> r.followUp().rectificationDue().toString()
                        + (r.followUp().rectificationOverdue() ? " " + late : "")),
                new ExcelExport.Column<>("spotcheck.report", r -> r.followUp().reportedOn() == null ? null
                        : r.followUp().reportedOn().toString()),
                new ExcelExport.Column<>("spotcheck.reinspectionDue", r -> r.followUp().reinspectionDue().toString()
                        + (r.followUp().reinspectionOverdue() ? " " + late : "")),
                new ExcelExport.Column<>("spotcheck.export.reinspected", r -> r.followUp().reinspectedOn() == null
                        ? null : r.followUp().reinspectedOn() + (r.followUp().reinspectionVerdict() == null ? ""
                        : " " + Texts.render(Text.of("spotcheck.verdict." + r.followUp().reinspectionVerdict()), locale))));
        return ExcelExport.response(clock, "follow-ups", "follow-ups", columns,
                ListQuery.allPages(null, page -> service.followUps(overdue, page, user)));
    }

    @GetMapping("/plans")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "Sampling plans (city-wide), with their sample counts; year optional")
    List<SpotcheckService.PlanView> plans(@RequestParam(required = false) Integer year) {
        return service.plans(year);
    }

    @PostMapping("/plans")
    @PreAuthorize("hasAuthority('spotcheck:plan:edit')")
    @Operation(summary = "Create a sampling plan; samples refer to it by planId")
    ResponseEntity<SpotcheckService.PlanView> createPlan(@Valid @RequestBody SpotcheckService.NewPlan req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.createPlan(req, Security.currentUser()));
    }

    @GetMapping("/categories")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    @Operation(summary = "The product category catalogue (industrial, food with key foods, edible agricultural)")
    List<CategoryView> categories() {
        return service.categories().stream().map(CategoryView::of).toList();
    }

    /** A product category of the catalogue, in the API's camelCase (the page templates read the rows). */
    record CategoryView(String code, String nameZh, String nameEn, String kind, boolean keyFood) {
        static CategoryView of(Map<String, Object> row) {
            return new CategoryView((String) row.get("code"), (String) row.get("name_zh"), (String) row.get("name_en"),
                    (String) row.get("kind"), Boolean.TRUE.equals(row.get("key_food")));
        }
    }

    @GetMapping("/announcements")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    @Operation(summary = "Announcements, drafts included")
    List<AnnouncementService.AnnouncementView> announcements() {
        return announcements.list(false, 200);
    }

    @PostMapping("/announcements")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    @Operation(summary = "Draft an announcement of results (correctsId: a published announcement it corrects)")
    ResponseEntity<AnnouncementService.AnnouncementView> draft(@Valid @RequestBody AnnouncementService.NewAnnouncement req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(announcements.create(req, Security.currentUser()));
    }

    @PutMapping("/announcements/{id}")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    @Operation(summary = "Change a draft; a published announcement answers 409")
    AnnouncementService.AnnouncementView update(@PathVariable long id,
                                                @Valid @RequestBody AnnouncementService.NewAnnouncement req) {
        return announcements.update(id, req, Security.currentUser());
    }

    @PostMapping("/announcements/{id}/publish")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    @Operation(summary = "Publish an announcement (it becomes immutable)")
    AnnouncementService.AnnouncementView publish(@PathVariable long id) {
        return announcements.publish(id, Security.currentUser());
    }
}
