package org.qualitycity.jobs.web;

import jakarta.validation.Valid;
import org.qualitycity.jobs.JobStatus;
import org.qualitycity.jobs.JobView;
import org.qualitycity.jobs.internal.JobService;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
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
        model.addAttribute("resultLines", job.result() == null ? null : resultLines(job.kind(), job.result()));
    }

    /** One line of a job's result for people: a label and a value in words. */
    record ResultLine(String label, String value) {
    }

    /**
     * A job's result as labelled lines, not JSON (issue 12): each field's label is {@code jobs.result.<kind>.<field>}
     * or {@code jobs.result.field.<field>}; numbers plain, yes/no in words, lists joined, nested values in brackets.
     */
    static java.util.List<ResultLine> resultLines(String kind, tools.jackson.databind.JsonNode result) {
        java.util.List<ResultLine> lines = new java.util.ArrayList<>();
        if (!result.isObject()) {
            lines.add(new ResultLine(Texts.msg("jobs.result"), words(result)));
            return lines;
        }
        for (var e : result.properties()) {
            String label = label("jobs.result." + kind + "." + e.getKey());
            if (label == null) {
                label = label("jobs.result.field." + e.getKey());
            }
            lines.add(new ResultLine(label == null ? e.getKey() : label, words(e.getValue())));
        }
        return lines;
    }

    private static String label(String key) {
        String text = Texts.msg(key);
        return key.equals(text) ? null : text;
    }

    private static String words(tools.jackson.databind.JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "—";
        }
        if (v.isBoolean()) {
            return Texts.msg(v.booleanValue() ? "jobs.result.yes" : "jobs.result.no");
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (v.isArray()) {
            if (v.isEmpty()) {
                return Texts.msg("jobs.result.none");
            }
            java.util.List<String> items = new java.util.ArrayList<>();
            v.forEach(x -> items.add(words(x)));
            return String.join(Texts.msg("list.separator"), items);
        }
        if (v.isObject()) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (var e : v.properties()) {
                String label = label("jobs.result.field." + e.getKey());
                parts.add((label == null ? e.getKey() : label) + " " + words(e.getValue()));
            }
            return "(" + String.join(Texts.msg("list.separator"), parts) + ")";
        }
        return v.asString();
    }
}
