package org.qualitycity.report.web;

import org.qualitycity.jobs.JobView;
import org.qualitycity.jobs.Jobs;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.report.internal.ReportService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * Staff pages of reports (list and generation, a document with its progress, chapter texts and publication, the
 * templates) and the public page of published reports ({@code /public/reports}, no login, phone-friendly).
 */
@Controller
class ReportPageController {

    private final ReportService service;
    private final Jobs jobs;
    private final Clock clock;

    ReportPageController(ReportService service, Jobs jobs, Clock clock) {
        this.service = service;
        this.jobs = jobs;
        this.clock = clock;
    }

    @GetMapping("/reports")
    @PreAuthorize("hasAuthority('report:document:view')")
    String list(Model model) {
        CurrentUser user = Security.currentUser();
        model.addAttribute("documents", service.list(user));
        model.addAttribute("lastYear", LocalDate.now(clock).getYear() - 1);
        model.addAttribute("canGenerate", user.can("report:document:generate"));
        return "report/list";
    }

    @PostMapping("/reports/white-paper")
    @PreAuthorize("hasAuthority('report:document:generate')")
    String whitePaper(@RequestParam(required = false) Integer year, @RequestParam(required = false) String lang,
                      RedirectAttributes flash) {
        try {
            if (year == null) {
                throw new ValidationException("year", Texts.msg("report.error.year", "1900", "2999"));
            }
            var s = service.whitePaper(year, lang, Security.currentUser());
            return "redirect:/reports/" + s.documentId();
        } catch (ValidationException e) {
            flash.addFlashAttribute("errors", FormErrors.of(e));
            return "redirect:/reports";
        }
    }

    @PostMapping("/reports/analyses")
    @PreAuthorize("hasAuthority('report:document:generate')")
    String analysis(@RequestParam(required = false) String period, @RequestParam(required = false) String sector,
                    @RequestParam(required = false) String lang, RedirectAttributes flash) {
        try {
            var s = service.analysis(period, sector, lang, Security.currentUser());
            return "redirect:/reports/" + s.documentId();
        } catch (ValidationException e) {
            flash.addFlashAttribute("errors", FormErrors.of(e));
            return "redirect:/reports";
        }
    }

    @GetMapping("/reports/{id:\\d+}")
    @PreAuthorize("hasAuthority('report:document:view')")
    String detail(@PathVariable long id, Model model) {
        fill(id, model);
        return "report/detail";
    }

    /** The progress block alone, polled by htmx while the document is generated. */
    @GetMapping("/reports/{id:\\d+}/progress")
    @PreAuthorize("hasAuthority('report:document:view')")
    String progress(@PathVariable long id, Model model) {
        fill(id, model);
        return "report/detail :: progress";
    }

    private void fill(long id, Model model) {
        CurrentUser user = Security.currentUser();
        var d = service.detail(id, user);
        model.addAttribute("d", d);
        model.addAttribute("doc", d.document());
        JobView job = null;
        if (d.document().jobId() != null && "GENERATING".equals(d.document().status())) {
            try {
                job = jobs.get(d.document().jobId(), user);
            } catch (org.qualitycity.platform.NotFoundException e) {
                job = null;
            }
        }
        model.addAttribute("job", job);
        model.addAttribute("canEdit", user.can("report:document:generate") && "DRAFT".equals(d.document().status()));
        model.addAttribute("canPublish", user.can("report:document:publish") && "DRAFT".equals(d.document().status()));
    }

    @PostMapping("/reports/{id:\\d+}/texts")
    @PreAuthorize("hasAuthority('report:document:generate')")
    String texts(@PathVariable long id, @RequestParam(required = false) String chapter,
                 @RequestParam(required = false) String text, RedirectAttributes flash) {
        try {
            service.editTexts(id, Map.of(chapter == null ? "" : chapter, text == null ? "" : text), Security.currentUser());
            flash.addFlashAttribute("flash", "report.flash.saved");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/reports/" + id + (chapter == null ? "" : "#chapter-" + chapter);
    }

    /** Publication in two steps: the first shows what will happen, the second (confirmed) publishes. */
    @PostMapping("/reports/{id:\\d+}/publish")
    @PreAuthorize("hasAuthority('report:document:publish')")
    String publish(@PathVariable long id, @RequestParam(required = false) Boolean confirmed, Model model,
                   RedirectAttributes flash) {
        if (!Boolean.TRUE.equals(confirmed)) {
            fill(id, model);
            return "report/publish-confirm";
        }
        try {
            service.publish(id, Security.currentUser());
            flash.addFlashAttribute("flash", "report.flash.published");
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/reports/" + id;
    }

    @GetMapping("/reports/templates")
    @PreAuthorize("hasAuthority('report:template:edit')")
    String templates(Model model) {
        model.addAttribute("templates", service.templates());
        return "report/templates";
    }

    @PostMapping("/reports/templates")
    @PreAuthorize("hasAuthority('report:template:edit')")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String note,
                  RedirectAttributes flash) throws IOException {
        try {
            service.uploadTemplate(file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes(),
                    note, Security.currentUser());
            flash.addFlashAttribute("flash", "report.flash.template");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        }
        return "redirect:/reports/templates";
    }

    @GetMapping("/public/reports")
    String published(Model model) {
        model.addAttribute("documents", service.publishedViews());
        return "report/public";
    }
}
