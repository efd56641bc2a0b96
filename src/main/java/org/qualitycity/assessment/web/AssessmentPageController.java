package org.qualitycity.assessment.web;

import org.qualitycity.assessment.AssessmentViews;
import org.qualitycity.assessment.internal.AssessmentService;
import org.qualitycity.assessment.internal.SchemeService;
import org.qualitycity.jobs.Jobs;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

@Controller
class AssessmentPageController {

    private final AssessmentService service;
    private final SchemeService schemes;
    private final Jobs jobs;
    private final Clock clock;

    AssessmentPageController(AssessmentService service, SchemeService schemes, Jobs jobs, Clock clock) {
        this.service = service;
        this.schemes = schemes;
        this.jobs = jobs;
        this.clock = clock;
    }

    @GetMapping("/assessments")
    @PreAuthorize("hasAuthority('assessment:result:view')")
    String index(Model model) {
        model.addAttribute("years", service.years());
        model.addAttribute("nextYear", LocalDate.now(clock).getYear() - 1);
        model.addAttribute("canRun", Security.currentUser().can("assessment:result:run"));
        return "assessment/index";
    }

    @PostMapping("/assessments")
    @PreAuthorize("hasAuthority('assessment:result:run')")
    String run(@RequestParam(required = false) Integer year, RedirectAttributes flash) {
        if (year == null) {
            throw new ValidationException("year", Texts.msg("error.required"));
        }
        try {
            service.requireOpen(year);
            long id = jobs.submit("assessment-run", Map.of("year", year), Security.currentUser());
            flash.addFlashAttribute("job", id);
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/assessments";
    }

    @GetMapping("/assessments/{year:\\d{4}}")
    @PreAuthorize("hasAuthority('assessment:result:view')")
    String show(@PathVariable int year, Locale locale, Model model) {
        CurrentUser user = Security.currentUser();
        AssessmentViews.Assessment a = service.get(year, user);
        model.addAttribute("a", a);
        model.addAttribute("en", locale != null && "en".equals(locale.getLanguage()));
        List<AssessmentViews.Score> all = new ArrayList<>(a.districts());
        all.addAll(a.departments());
        model.addAttribute("unitOptions", all);
        model.addAttribute("published", "PUBLISHED".equals(a.state()));
        model.addAttribute("canPublish", user.can("assessment:result:publish"));
        model.addAttribute("canObject", user.can("assessment:result:object"));
        model.addAttribute("canAdjust", user.can("assessment:result:adjust"));
        return "assessment/result";
    }

    @PostMapping("/assessments/{year:\\d{4}}/objections")
    @PreAuthorize("hasAuthority('assessment:result:object')")
    String object(@PathVariable int year, @RequestParam(required = false) String text, RedirectAttributes flash) {
        return guarded(year, flash, () -> service.object(year, text, Security.currentUser()));
    }

    @PostMapping("/assessments/{year:\\d{4}}/adjustments")
    @PreAuthorize("hasAuthority('assessment:result:adjust')")
    String adjust(@PathVariable int year, @RequestParam(required = false) String unitCode,
                  @RequestParam(required = false) BigDecimal points, @RequestParam(required = false) String reason,
                  RedirectAttributes flash) {
        return guarded(year, flash, () -> service.adjust(year, unitCode, points, reason, null, Security.currentUser()));
    }

    @PostMapping("/assessments/{year:\\d{4}}/publish")
    @PreAuthorize("hasAuthority('assessment:result:publish')")
    String publish(@PathVariable int year, RedirectAttributes flash) {
        return guarded(year, flash, () -> service.publish(year, Security.currentUser()));
    }

    private String guarded(int year, RedirectAttributes flash, Runnable r) {
        try {
            r.run();
            flash.addFlashAttribute("done", true);
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/assessments/" + year;
    }

    @GetMapping("/assessments/schemes")
    @PreAuthorize("hasAuthority('assessment:scheme:edit')")
    String schemes(@RequestParam(required = false) Integer year, @RequestParam(required = false) String target,
                   Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() - 1 : year;
        String t = target == null ? "AREA" : target;
        model.addAttribute("year", y);
        model.addAttribute("target", t);
        model.addAttribute("versions", schemes.versions(y, t));
        model.addAttribute("scheme", schemes.current(y, t));
        return "assessment/schemes";
    }

    @PostMapping("/assessments/schemes")
    @PreAuthorize("hasAuthority('assessment:scheme:edit')")
    String saveScheme(@RequestParam int year, @RequestParam String target, @RequestParam Map<String, String> form,
                      RedirectAttributes flash) {
        List<SchemeService.ItemChange> changes = new ArrayList<>();
        AssessmentViews.Scheme cur = schemes.current(year, target);
        try {
            for (AssessmentViews.SchemeItem i : cur.items()) {
                String max = form.get("max_" + i.code());
                String per = form.get("per_" + i.code());
                if (max == null) {
                    continue;
                }
                BigDecimal m = parse(max, "max_" + i.code());
                BigDecimal p = per == null || per.isBlank() ? null : parse(per, "per_" + i.code());
                if (m.compareTo(i.maxPoints()) != 0 || (p != null && (i.perItem() == null || p.compareTo(i.perItem()) != 0))) {
                    changes.add(new SchemeService.ItemChange(i.code(), m, p));
                }
            }
            schemes.update(year, target, changes, form.get("note"), Security.currentUser());
            flash.addFlashAttribute("done", true);
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/assessments/schemes?year=" + year + "&target=" + target;
    }

    private static BigDecimal parse(String s, String field) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, Texts.msg("error.not-a-number"));
        }
    }

}
