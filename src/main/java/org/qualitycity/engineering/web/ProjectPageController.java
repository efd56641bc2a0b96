package org.qualitycity.engineering.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.qualitycity.engineering.internal.ProjectImport;
import org.qualitycity.engineering.internal.ProjectService;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Project pages: the list with filters (also the E1–E6 drill-down), the project with its timeline and forms, the map. */
@Controller
@Validated
class ProjectPageController {

    /** One event of a project's timeline: when, what (message key and arguments), and a detail text of the record. */
    record TimelineEntry(LocalDate date, String key, List<Object> args, String detail, String tone) {
    }

    /** A project on the map: name, page, coordinates, status. */
    record MapPoint(String name, String href, double lng, double lat, String status, String statusLabel) {
    }

    private final ProjectService service;
    private final ProjectImport importer;
    private final Clock clock;
    private final String mapUrl;
    private final jakarta.validation.Validator validator;

    ProjectPageController(ProjectService service, ProjectImport importer, Clock clock,
                          @Value("${qc.city.map}") String mapUrl, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.service = service;
        this.importer = importer;
        this.clock = clock;
        this.mapUrl = mapUrl;
    }

    @GetMapping("/projects")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String unit,
                @RequestParam(required = false) @Pattern(regexp = EngineeringApiController.KIND) String kind,
                @RequestParam(required = false) @Pattern(regexp = EngineeringApiController.SIZE) String sizeClass,
                @RequestParam(required = false) @Pattern(regexp = EngineeringApiController.STATUS) String status,
                @RequestParam(required = false) @Pattern(regexp = EngineeringApiController.INDICATOR) String indicator,
                @RequestParam(required = false) @Pattern(regexp = EngineeringApiController.PERIOD) String period,
                @RequestParam(required = false) @Pattern(regexp = "|PASS|FAIL") String firstResult,
                @RequestParam(required = false) Boolean passed,
                @RequestParam(required = false) @Pattern(regexp = "|PENDING|PASSED|FAILED") String energyReview,
                @Valid @ModelAttribute ListQuery query, Model model) {
        CurrentUser user = Security.currentUser();
        var filter = EngineeringApiController.filter(q, unit, kind, sizeClass, status, indicator, period, firstResult, passed,
                energyReview);
        model.addAttribute("page", service.list(user, filter, query));
        model.addAttribute("f", filter);
        model.addAttribute("areas", areas(user));
        model.addAttribute("kinds", ProjectService.KIND_LIST);
        model.addAttribute("sizes", ProjectService.SIZE_LIST);
        model.addAttribute("statuses", ProjectService.STATUS_LIST);
        return "engineering/list";
    }

    /** The districts and the zone, for the filter (a district's officers see their own only). */
    private List<Unit> areas(CurrentUser user) {
        return service.visibleAreas(user);
    }

    // ------------------------------------------------------------------ the register form (new and edit)

    @GetMapping("/projects/new")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String newForm(Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("status", "PLANNED");
        form.put("energyReview", "PENDING");
        return form(null, form, Map.of(), model);
    }

    @PostMapping("/projects")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        return save(null, form, model, flash);
    }

    @GetMapping("/projects/{id}/edit")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String editForm(@PathVariable long id, Model model) {
        CurrentUser user = Security.currentUser();
        ProjectService.ProjectDetail d = service.detail(id, user);
        var p = d.project();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("projectNo", p.projectNo());
        form.put("name", p.name());
        form.put("unitCode", p.unitCode());
        form.put("latitude", text(p.latitude()));
        form.put("longitude", text(p.longitude()));
        form.put("kind", p.kind());
        form.put("investment", text(p.investment()));
        form.put("floorArea", text(p.floorArea()));
        form.put("permitDate", text(p.permitDate()));
        form.put("startDate", text(p.startDate()));
        form.put("plannedCompletion", text(p.plannedCompletion()));
        form.put("actualCompletion", text(p.actualCompletion()));
        form.put("energyStandard", p.energyStandard());
        form.put("energyReview", p.energyReview());
        form.put("status", p.status());
        d.participants().forEach(x -> form.put("participant." + x.role(), x.creditCode()));
        return form(p, form, Map.of(), model);
    }

    @PostMapping("/projects/{id}")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String update(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes flash) {
        return save(service.get(id, Security.currentUser()), form, model, flash);
    }

    private static String text(Object o) {
        return o == null ? "" : o instanceof java.math.BigDecimal b ? b.stripTrailingZeros().toPlainString() : o.toString();
    }

    private String form(ProjectService.ProjectView project, Map<String, String> form, Map<String, String> errors,
                        Model model) {
        model.addAttribute("project", project);
        model.addAttribute("form", form);
        FormErrors.put(model, errors);
        model.addAttribute("areas", areas(Security.currentUser()));
        model.addAttribute("kinds", ProjectService.KIND_LIST);
        model.addAttribute("roles", ProjectService.ROLE_LIST);
        model.addAttribute("initialStatuses", List.of("PLANNED", "UNDER_CONSTRUCTION", "COMPLETED"));
        model.addAttribute("statusEditable", project == null
                || List.of("PLANNED", "UNDER_CONSTRUCTION", "COMPLETED").contains(project.status()));
        return "engineering/form";
    }

    /** Reads the form into a project (every unreadable field named), validates it and saves it; else the form again. */
    private String save(ProjectService.ProjectView existing, Map<String, String> form, Model model,
                        RedirectAttributes flash) {
        Map<String, String> errors = new LinkedHashMap<>();
        java.math.BigDecimal lat = decimal(form, "latitude", errors);
        java.math.BigDecimal lng = decimal(form, "longitude", errors);
        java.math.BigDecimal investment = decimal(form, "investment", errors);
        java.math.BigDecimal floorArea = decimal(form, "floorArea", errors);
        LocalDate permit = date(form, "permitDate", errors);
        LocalDate start = date(form, "startDate", errors);
        LocalDate planned = date(form, "plannedCompletion", errors);
        LocalDate actual = date(form, "actualCompletion", errors);
        List<ProjectService.ParticipantRef> participants = new ArrayList<>();
        List<String> participantFields = new ArrayList<>();
        for (String role : ProjectService.ROLE_LIST) {
            String code = form.get("participant." + role);
            if (code != null && !code.isBlank()) {
                participants.add(new ProjectService.ParticipantRef(role, code.trim().toUpperCase(Locale.ROOT)));
                participantFields.add("participant." + role);
            }
        }
        var req = new ProjectService.NewProject(form.get("projectNo"), form.get("name"), form.get("unitCode"), lat, lng,
                blankToNull(form.get("kind")), investment, floorArea, permit, start, planned, actual,
                blankToNull(form.get("energyStandard")), blankToNull(form.get("energyReview")),
                blankToNull(form.get("status")), participants);
        for (var v : validator.validate(req)) {
            errors.putIfAbsent(formField(v.getPropertyPath().toString(), participantFields), v.getMessage());
        }
        if (errors.isEmpty()) {
            try {
                var saved = existing == null ? service.create(req, Security.currentUser())
                        : service.update(existing.id(), req, Security.currentUser());
                flash.addFlashAttribute("flash", "flash.saved");
                return "redirect:/projects/" + saved.id();
            } catch (ValidationException e) {
                e.problems().forEach(p -> errors.putIfAbsent(formField(p.field(), participantFields), p.message()));
            }
        }
        return form(existing, form, errors, model);
    }

    /** {@code participants[2].creditCode} is the form's {@code participant.<ROLE>} field. */
    private static String formField(String path, List<String> participantFields) {
        var m = java.util.regex.Pattern.compile("participants\\[(\\d+)].*").matcher(path);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            return i < participantFields.size() ? participantFields.get(i) : "participants";
        }
        return path;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static java.math.BigDecimal decimal(Map<String, String> form, String field, Map<String, String> errors) {
        String v = blankToNull(form.get(field));
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            errors.put(field, Texts.msg("engineering.form.error.number"));
            return null;
        }
    }

    private static LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        String v = blankToNull(form.get(field));
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            errors.put(field, Texts.msg("engineering.form.error.date"));
            return null;
        }
    }

    @PostMapping("/projects/import")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String importFile(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) throws IOException {
        MultipartFile file = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                ? m.getFile("file") : null;
        try {
            if (file == null || file.isEmpty()) {
                throw new ValidationException("file", Texts.msg("engineering.error.choose-an-xlsx-file"));
            }
            try (InputStream in = file.getInputStream()) {
                flash.addFlashAttribute("importedCount", importer.importFile(in, Security.currentUser()).imported());
            }
        } catch (ValidationException e) {
            flash.addFlashAttribute("importProblems", new ArrayList<>(e.problems().stream().limit(200)
                    .map(p -> p.field() + ": " + p.message()).toList()));
        }
        return "redirect:/projects";
    }

    @GetMapping("/projects/map")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    String map(@RequestParam(required = false) @Pattern(regexp = EngineeringApiController.STATUS) String status,
               Model model, Locale locale) {
        CurrentUser user = Security.currentUser();
        var filter = new ProjectService.Filter(null, null, null, null, status, null, null, null, null, null);
        List<MapPoint> points = new ArrayList<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        ProjectService.STATUS_LIST.forEach(s -> byStatus.put(s, 0L));
        for (var p : service.all(user, filter, 5000)) {
            byStatus.merge(p.status(), 1L, Long::sum);
            if (p.latitude() != null && p.longitude() != null) {
                points.add(new MapPoint(p.name(), "/projects/" + p.id(), p.longitude().doubleValue(),
                        p.latitude().doubleValue(), p.status(), Texts.msg("engineering.status." + p.status())));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        ProjectService.STATUS_LIST.forEach(s -> labels.put(s, Texts.msg("engineering.status." + s)));
        model.addAttribute("chartData", Map.of("points", points, "statuses", labels));
        model.addAttribute("byStatus", byStatus);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("statuses", ProjectService.STATUS_LIST);
        model.addAttribute("mapUrl", mapUrl);
        return "engineering/map";
    }

    @GetMapping("/projects/{id}")
    @PreAuthorize("hasAuthority('engineering:project:view')")
    String detail(@PathVariable long id, Model model) {
        return detailPage(id, model);
    }

    private String detailPage(long id, Model model) {
        CurrentUser user = Security.currentUser();
        ProjectService.ProjectDetail d = service.detail(id, user);
        model.addAttribute("d", d);
        model.addAttribute("p", d.project());
        model.addAttribute("timeline", timeline(d));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("canEdit", user.can("engineering:project:edit"));
        if (!model.containsAttribute("acceptance")) {
            model.addAttribute("acceptance", new ProjectService.NewAcceptance(null, null, null));
        }
        if (!model.containsAttribute("inspection")) {
            model.addAttribute("inspection", new ProjectService.NewInspection(null, null, null, null, null));
        }
        if (!model.containsAttribute("filing")) {
            model.addAttribute("filing", new ProjectService.Filing(null, null));
        }
        return "engineering/detail";
    }

    /** Permit, start, inspections, notices, acceptances, filing, awards and accidents in the order they happened. */
    static List<TimelineEntry> timeline(ProjectService.ProjectDetail d) {
        List<TimelineEntry> t = new ArrayList<>();
        var p = d.project();
        if (p.permitDate() != null) {
            t.add(new TimelineEntry(p.permitDate(), "engineering.timeline.permit", List.of(), null, "info"));
        }
        if (p.startDate() != null) {
            t.add(new TimelineEntry(p.startDate(), "engineering.timeline.start", List.of(), null, "info"));
        }
        for (var i : d.inspections()) {
            t.add(new TimelineEntry(i.inspectedOn(), "engineering.timeline.inspection", List.of(i.inspector()),
                    i.findings(), "NONE".equals(i.outcome()) ? "ok" : "warn"));
        }
        for (var n : d.notices()) {
            t.add(new TimelineEntry(n.issuedOn(), "engineering.timeline.notice." + n.kind(),
                    n.deadline() == null ? List.of("") : List.of(n.deadline().toString()), null, "warn"));
            if (n.closedOn() != null) {
                t.add(new TimelineEntry(n.closedOn(), "engineering.timeline.closed." + n.kind(), List.of(),
                        n.closureNote(), "ok"));
            }
        }
        for (var a : d.acceptances()) {
            t.add(new TimelineEntry(a.acceptedOn(), a.passed() ? "engineering.timeline.accepted"
                    : "engineering.timeline.acceptanceFailed", List.of(a.attempt()), a.note(), a.passed() ? "ok" : "bad"));
        }
        if (p.filedOn() != null) {
            t.add(new TimelineEntry(p.filedOn(), "engineering.timeline.filed", List.of(p.filingNo()), null, "ok"));
        }
        for (var w : d.awards()) {
            t.add(new TimelineEntry(w.awardedOn(), "engineering.timeline.award", List.of(w.title()), null, "ok"));
        }
        for (var x : d.accidents()) {
            t.add(new TimelineEntry(x.occurredOn(), "engineering.timeline.accident." + x.grade(), List.of(),
                    x.description(), "bad"));
        }
        t.sort(Comparator.comparing(TimelineEntry::date));
        return t;
    }

    @PostMapping("/projects/{id}/acceptances")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String accept(@PathVariable long id, @Valid @ModelAttribute("acceptance") ProjectService.NewAcceptance form,
                  BindingResult result, Model model, RedirectAttributes flash) {
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return detailPage(id, model);
        }
        try {
            service.accept(id, form, Security.currentUser());
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return detailPage(id, model);
        }
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/projects/" + id;
    }

    @PostMapping("/projects/{id}/inspections")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String inspect(@PathVariable long id, @Valid @ModelAttribute("inspection") ProjectService.NewInspection form,
                   BindingResult result, Model model, RedirectAttributes flash) {
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return detailPage(id, model);
        }
        try {
            service.inspect(id, form, Security.currentUser());
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return detailPage(id, model);
        }
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/projects/" + id;
    }

    @PostMapping("/projects/{id}/filing")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String file(@PathVariable long id, @Valid @ModelAttribute("filing") ProjectService.Filing form,
                BindingResult result, Model model, RedirectAttributes flash) {
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return detailPage(id, model);
        }
        try {
            service.file(id, form, Security.currentUser());
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return detailPage(id, model);
        }
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/projects/" + id;
    }

    @PostMapping("/projects/{id}/notices/{noticeId}/closure")
    @PreAuthorize("hasAuthority('engineering:project:edit')")
    String close(@PathVariable long id, @PathVariable long noticeId,
                 @Valid @ModelAttribute("closure") ProjectService.Closure form, BindingResult result, Model model,
                 RedirectAttributes flash) {
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return detailPage(id, model);
        }
        try {
            service.close(id, noticeId, form, Security.currentUser());
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return detailPage(id, model);
        }
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/projects/" + id;
    }
}
