package org.qualitycity.spotcheck.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.Texts;
import org.qualitycity.files.Attachments;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.spotcheck.internal.AnnouncementService;
import org.qualitycity.spotcheck.internal.SpotcheckService;
import org.qualitycity.spotcheck.internal.SpotcheckService.Filter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Pages: sample list (the indicator drill-down target), new sampling, sample detail with result, objection,
 * rectification and re-inspection forms, follow-ups, and the public announcements. */
@Controller
class SpotcheckPageController {

    private final SpotcheckService service;
    private final AnnouncementService announcements;
    private final Attachments attachments;
    private final Units units;
    private final jakarta.validation.Validator validator;

    SpotcheckPageController(SpotcheckService service, AnnouncementService announcements, Attachments attachments,
                            Units units, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.service = service;
        this.announcements = announcements;
        this.attachments = attachments;
        this.units = units;
    }

    @GetMapping("/spotchecks/samples")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    String list(@RequestParam(required = false) String unit, @RequestParam(required = false) String period,
                @RequestParam(required = false) String indicator, @RequestParam(required = false) String verdict,
                @RequestParam(required = false) String enterprise, @RequestParam(required = false) String q,
                @Valid @ModelAttribute ListQuery query, Model model) {
        CurrentUser user = Security.currentUser();
        model.addAttribute("page", service.list(new Filter(unit, period, indicator, verdict, enterprise, q, null), query, user));
        model.addAttribute("filter", Map.of("unit", unit == null ? "" : unit, "period", period == null ? "" : period,
                "indicator", indicator == null ? "" : indicator, "verdict", verdict == null ? "" : verdict,
                "q", q == null ? "" : q));
        model.addAttribute("areas", units.visibleToAreas(user));
        return "spotcheck/samples";
    }

    @GetMapping("/spotchecks/samples/new")
    @PreAuthorize("hasAuthority('spotcheck:sample:edit')")
    String newForm(@RequestParam(required = false) String enterprise, Model model) {
        model.addAttribute("form", Map.of("enterpriseCreditCode", enterprise == null ? "" : enterprise,
                "sampledOn", service.today().toString()));
        model.addAttribute("categories", service.categories());
        return "spotcheck/sample-form";
    }

    @PostMapping("/spotchecks/samples")
    @PreAuthorize("hasAuthority('spotcheck:sample:edit')")
    String create(@RequestParam Map<String, String> form, Model model) {
        try {
            List<String> samplers = new ArrayList<>();
            for (String s : form.getOrDefault("samplers", "").split("[,\\uFF0C\\u3001\\s]+")) {
                if (!s.isBlank()) {
                    samplers.add(s.trim());
                }
            }
            var req = new SpotcheckService.NewSample(form.get("enterpriseCreditCode"), form.get("inspectionType"),
                    form.get("categoryCode"), form.get("stage"), form.get("product"), form.get("brand"), form.get("model"),
                    form.get("batchNo"), date(form.get("productionDate"), "productionDate"), form.get("quantity"),
                    samplers, date(form.get("sampledOn"), "sampledOn"), form.get("place"),
                    "true".equals(form.get("refused")), form.get("refusalReason"), null);
            var v = validator.validate(req);
            if (!v.isEmpty()) {
                List<ValidationException.FieldProblem> problems = new ArrayList<>();
                v.forEach(c -> problems.add(new ValidationException.FieldProblem(
                        c.getPropertyPath().toString().replaceAll("\\[.*", ""), c.getMessage())));
                throw new ValidationException(problems);
            }
            var created = service.create(req, Security.currentUser());
            return "redirect:/spotchecks/samples/" + created.id();
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            model.addAttribute("form", form);
            model.addAttribute("categories", service.categories());
            return "spotcheck/sample-form";
        }
    }


    private static LocalDate date(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (RuntimeException e) {
            throw new ValidationException(field, Texts.msg("spotcheck.error.date-as-yyyy-mm-dd"));
        }
    }

    @GetMapping("/spotchecks/samples/{id}")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    String detail(@PathVariable long id, Model model) {
        CurrentUser user = Security.currentUser();
        var d = service.detail(id, user);
        model.addAttribute("d", d);
        model.addAttribute("today", service.today());
        model.addAttribute("canResult", user.can("spotcheck:result:edit"));
        model.addAttribute("canObject", user.can("spotcheck:objection:submit") && d.sample().objectionOpen(service.today()));
        model.addAttribute("canReport", user.can("spotcheck:rectification:submit") && d.followUp() != null
                && !d.followUp().cancelled() && d.followUp().reportedOn() == null);
        model.addAttribute("canReinspect", user.can("spotcheck:rectification:review") && d.followUp() != null
                && !d.followUp().cancelled() && d.followUp().reinspectedOn() == null);
        model.addAttribute("files", d.followUp() == null ? List.of()
                : attachments.list("spotcheck-rectification", id, user));
        return "spotcheck/sample";
    }

    private String back(long id) {
        return "redirect:/spotchecks/samples/" + id;
    }

    private String fail(long id, RuntimeException e, RedirectAttributes flash) {
        flash.addFlashAttribute("flashError", e instanceof ValidationException v
                ? v.problems().stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("")
                : e.getMessage());
        return back(id);
    }

    @PostMapping("/spotchecks/samples/{id}/result")
    @PreAuthorize("hasAuthority('spotcheck:result:edit')")
    String result(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        try {
            List<SpotcheckService.ItemResult> items = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String item = form.get("item" + i);
                if (item != null && !item.isBlank()) {
                    items.add(new SpotcheckService.ItemResult(item, form.get("clause" + i), form.get("requirement" + i),
                            form.get("measured" + i), form.getOrDefault("verdict" + i, "PASS")));
                }
            }
            if (items.isEmpty()) {
                throw new ValidationException("items", Texts.msg("spotcheck.error.at-least-one-test-item-2"));
            }
            String lab = form.get("lab");
            if (lab == null || lab.isBlank()) {
                throw new ValidationException("lab", Texts.msg("spotcheck.error.the-lab-is-required"));
            }
            var req = new SpotcheckService.NewResult(lab, null, items);
            if ("true".equals(form.get("retest"))) {
                service.retest(id, req, Security.currentUser());
            } else {
                service.recordResult(id, req, Security.currentUser());
            }
            flash.addFlashAttribute("flash", "spotcheck.flash.saved");
        } catch (ValidationException | ConflictException e) {
            return fail(id, e, flash);
        }
        return back(id);
    }

    @PostMapping("/spotchecks/samples/{id}/objection")
    @PreAuthorize("hasAuthority('spotcheck:objection:submit')")
    String objection(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        try {
            if (reason.isBlank()) {
                throw new ValidationException("reason", Texts.msg("spotcheck.error.give-a-reason"));
            }
            service.object(id, new SpotcheckService.NewObjection(reason), Security.currentUser());
            flash.addFlashAttribute("flash", "spotcheck.flash.saved");
        } catch (ValidationException | ConflictException e) {
            return fail(id, e, flash);
        }
        return back(id);
    }

    @PostMapping("/spotchecks/samples/{id}/rectification")
    @PreAuthorize("hasAuthority('spotcheck:rectification:submit')")
    String rectification(@PathVariable long id, @RequestParam(defaultValue = "") String report,
                         jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) {
        MultipartFile file = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                ? m.getFile("file") : null;
        try {
            if (report.isBlank()) {
                throw new ValidationException("report", Texts.msg("spotcheck.error.write-the-report"));
            }
            service.reportWithEvidence(id, new SpotcheckService.NewReport(report), file, attachments,
                    Security.currentUser());
            flash.addFlashAttribute("flash", "spotcheck.flash.reported");
        } catch (ValidationException | ConflictException e) {
            return fail(id, e, flash);
        }
        return back(id);
    }

    @PostMapping("/spotchecks/samples/{id}/reinspection")
    @PreAuthorize("hasAuthority('spotcheck:rectification:review')")
    String reinspection(@PathVariable long id, @RequestParam(defaultValue = "") String verdict, RedirectAttributes flash) {
        try {
            if (!Arrays.asList("PASS", "FAIL").contains(verdict)) {
                throw new ValidationException("verdict", Texts.msg("spotcheck.error.pass-or-fail"));
            }
            service.reinspect(id, new SpotcheckService.NewReinspection(verdict), Security.currentUser());
            flash.addFlashAttribute("flash", "spotcheck.flash.saved");
        } catch (ValidationException | ConflictException e) {
            return fail(id, e, flash);
        }
        return back(id);
    }

    @GetMapping("/spotchecks/follow-ups")
    @PreAuthorize("hasAuthority('spotcheck:sample:view')")
    String followUps(@RequestParam(defaultValue = "false") boolean overdue, @Valid @ModelAttribute ListQuery query,
                     Model model) {
        model.addAttribute("page", service.followUps(overdue, query, Security.currentUser()));
        model.addAttribute("overdue", overdue);
        return "spotcheck/follow-ups";
    }

    /** The published announcements for everyone (no login): searchable and paged. */
    @GetMapping("/public/announcements")
    String publicAnnouncements(@RequestParam(required = false) String q, @Valid @ModelAttribute ListQuery query,
                               Model model) {
        if (q != null && q.length() > 100) {
            throw new ValidationException("q", Texts.msg("spotcheck.announcements.searchTooLong"));
        }
        var page = announcements.publishedPage(q, query);
        model.addAttribute("q", q);
        model.addAttribute("page", page);
        model.addAttribute("announcements", page.items());
        return "spotcheck/announcements";
    }
}
