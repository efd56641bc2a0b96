package org.qualitycity.jobs.web;

import jakarta.validation.Valid;
import org.qualitycity.jobs.JobStatus;
import org.qualitycity.jobs.JobView;
import org.qualitycity.jobs.internal.JobService;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * My jobs, and one job's page whose progress block polls itself with htmx every second until the job
 * has finished; the state lives in the database, so a reload (or another node) shows the same.
 */
@Controller
class JobsPageController {

    private final JobService jobs;
    private final ObjectMapper json;

    JobsPageController(JobService jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    @GetMapping("/jobs")
    @PreAuthorize("isAuthenticated()")
    String list(@RequestParam(defaultValue = "false") boolean all, @RequestParam(required = false) JobStatus status,
                @Valid @ModelAttribute ListQuery q, Model model) {
        CurrentUser me = Security.currentUser();
        boolean showAll = all && me.can("jobs:job:view-all");
        model.addAttribute("page", jobs.page(me, showAll, status, null, q));
        model.addAttribute("all", showAll);
        model.addAttribute("status", status);
        model.addAttribute("statuses", JobStatus.values());
        model.addAttribute("startable", jobs.kindsSubmittableBy(me));
        return "jobs/list";
    }

    @PostMapping("/jobs")
    @PreAuthorize("isAuthenticated()")
    String submit(@RequestParam String kind, RedirectAttributes flash) {
        try {
            long id = jobs.submitByUser(kind, null, Security.currentUser());
            return "redirect:/jobs/" + id;
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().isEmpty() ? null : e.problems().get(0).message());
            return "redirect:/jobs";
        }
    }

    @GetMapping("/jobs/{id}")
    @PreAuthorize("isAuthenticated()")
    String detail(@PathVariable long id, Model model) {
        fill(id, model);
        return "jobs/detail";
    }

    /** The progress block alone, for htmx polling. */
    @GetMapping("/jobs/{id}/progress")
    @PreAuthorize("isAuthenticated()")
    String progress(@PathVariable long id, Model model) {
        fill(id, model);
        return "jobs/detail :: progress";
    }

    @PostMapping("/jobs/{id}/cancel")
    @PreAuthorize("isAuthenticated()")
    String cancel(@PathVariable long id, RedirectAttributes flash) {
        try {
            jobs.cancel(id, Security.currentUser());
            flash.addFlashAttribute("flash", "jobs.flash.cancelled");
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/jobs/" + id;
    }

    private void fill(long id, Model model) {
        JobView job = jobs.get(id, Security.currentUser());
        model.addAttribute("job", job);
        model.addAttribute("resultText", job.result() == null ? null
                : json.writerWithDefaultPrettyPrinter().writeValueAsString(job.result()));
    }
}
