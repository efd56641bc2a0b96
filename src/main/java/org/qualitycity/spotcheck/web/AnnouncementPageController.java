package org.qualitycity.spotcheck.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.spotcheck.internal.AnnouncementService;
import org.qualitycity.spotcheck.internal.SpotcheckService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Staff pages over {@link AnnouncementService} (the API's methods and permission): the list of announcements,
 * drafting one from samples with a result (picked by search), its preview, and publishing it after a confirmation
 * (a published announcement never changes).
 */
@Controller
class AnnouncementPageController {

    private static final int PICKER_SIZE = 50;

    private final AnnouncementService announcements;
    private final SpotcheckService samples;
    private final Validator validator;

    AnnouncementPageController(AnnouncementService announcements, SpotcheckService samples, Validator validator) {
        this.announcements = announcements;
        this.samples = samples;
        this.validator = validator;
    }

    @GetMapping("/spotchecks/announcements")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String list(@RequestParam(required = false) String status, @Valid @ModelAttribute ListQuery query, Model model) {
        model.addAttribute("page", announcements.page(status, query));
        model.addAttribute("status", status == null ? "" : status);
        return "spotcheck/staff-announcements";
    }

    @GetMapping("/spotchecks/announcements/new")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String newForm(@RequestParam MultiValueMap<String, String> params, Model model) {
        return form(null, single(params), selected(params.get("sampleIds"), new LinkedHashMap<>()), Map.of(), model);
    }

    @PostMapping("/spotchecks/announcements")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String create(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes flash) {
        Map<String, String> form = single(params);
        Map<String, String> errors = new LinkedHashMap<>();
        var req = request(form, params.get("sampleIds"), errors);
        if (!errors.isEmpty()) {
            return form(null, form, new ArrayList<>(req.sampleIds()), errors, model);
        }
        AnnouncementService.AnnouncementView created;
        try {
            created = announcements.create(req, Security.currentUser());
        } catch (ValidationException e) {
            return form(null, form, new ArrayList<>(req.sampleIds()), FormErrors.of(e), model);
        }
        flash.addFlashAttribute("flash", "spotcheck.staff.flash.drafted");
        return "redirect:/spotchecks/announcements/" + created.id();
    }

    @GetMapping("/spotchecks/announcements/{id}")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String preview(@PathVariable long id, Model model) {
        model.addAttribute("a", announcements.get(id, false));
        model.addAttribute("confirm", false);
        return "spotcheck/announcement-preview";
    }

    @GetMapping("/spotchecks/announcements/{id}/edit")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String editForm(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model) {
        var a = announcements.get(id, false);
        if (a.publishedAt() != null) {
            throw new ConflictException(Texts.msg("spotcheck.error.a-published-announcement-is-immutable-publish"));
        }
        Map<String, String> form = single(params);
        List<Long> selected;
        if (!params.containsKey("title")) {
            form.put("title", a.title());
            form.put("body", a.body() == null ? "" : a.body());
            form.put("correctsId", a.correctsId() == null ? "" : a.correctsId().toString());
            selected = announcements.sampleIds(id);
        } else {
            selected = selected(params.get("sampleIds"), new LinkedHashMap<>());
        }
        return form(id, form, selected, Map.of(), model);
    }

    @PostMapping("/spotchecks/announcements/{id}")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String update(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                  RedirectAttributes flash) {
        announcements.get(id, false);
        Map<String, String> form = single(params);
        Map<String, String> errors = new LinkedHashMap<>();
        var req = request(form, params.get("sampleIds"), errors);
        if (!errors.isEmpty()) {
            return form(id, form, new ArrayList<>(req.sampleIds()), errors, model);
        }
        try {
            announcements.update(id, req, Security.currentUser());
        } catch (ValidationException e) {
            return form(id, form, new ArrayList<>(req.sampleIds()), FormErrors.of(e), model);
        }
        flash.addFlashAttribute("flash", "spotcheck.staff.flash.drafted");
        return "redirect:/spotchecks/announcements/" + id;
    }

    @PostMapping("/spotchecks/announcements/{id}/publish")
    @PreAuthorize("hasAuthority('spotcheck:announcement:publish')")
    String publish(@PathVariable long id, @RequestParam(required = false) String confirmed, Model model,
                   RedirectAttributes flash) {
        var a = announcements.get(id, false);
        if (!"true".equals(confirmed)) {
            model.addAttribute("a", a);
            model.addAttribute("confirm", true);
            return "spotcheck/announcement-preview";
        }
        announcements.publish(id, Security.currentUser());
        flash.addFlashAttribute("flash", "spotcheck.staff.flash.published");
        return "redirect:/spotchecks/announcements/" + id;
    }

    // ---------------------------------------------------------------- the form

    private String form(Long id, Map<String, String> form, List<Long> selected, Map<String, String> errors, Model model) {
        Map<String, String> all = new LinkedHashMap<>(errors);
        String verdict = form.containsKey("pickVerdict") ? form.get("pickVerdict") : "FAIL";
        form.put("pickVerdict", verdict);
        List<SpotcheckService.SampleView> found = List.of();
        long total = 0;
        try {
            var page = samples.list(new SpotcheckService.Filter(null, blankToNull(form.get("pickPeriod")), null,
                    blankToNull(verdict), null, blankToNull(form.get("pickQ")), false), new ListQuery(0, PICKER_SIZE,
                    "sampledOn", "desc"), Security.currentUser());
            found = page.items();
            total = page.total();
        } catch (ValidationException e) {
            e.problems().forEach(p -> all.putIfAbsent("pick" + Character.toUpperCase(p.field().charAt(0))
                    + p.field().substring(1), p.message()));
        }
        Set<Long> shown = new LinkedHashSet<>();
        found.forEach(s -> shown.add(s.id()));
        model.addAttribute("id", id);
        model.addAttribute("form", form);
        model.addAttribute("found", found);
        model.addAttribute("foundTotal", total);
        model.addAttribute("selected", new LinkedHashSet<>(selected));
        model.addAttribute("selectedHidden", selected.stream().filter(s -> !shown.contains(s)).toList());
        model.addAttribute("published", announcements.page("PUBLISHED", new ListQuery(0, 50, null, null)).items());
        FormErrors.put(model, all);
        return "spotcheck/announcement-form";
    }

    private AnnouncementService.NewAnnouncement request(Map<String, String> form, List<String> ids,
                                                        Map<String, String> errors) {
        List<Long> selected = selected(ids, errors);
        Long corrects = null;
        String c = form.get("correctsId");
        if (c != null && !c.isBlank()) {
            try {
                corrects = Long.valueOf(c.strip());
            } catch (NumberFormatException e) {
                errors.put("correctsId", Texts.msg("spotcheck.staff.error.choose"));
            }
        }
        String body = form.get("body");
        var req = new AnnouncementService.NewAnnouncement(form.get("title") == null ? null : form.get("title").strip(),
                body == null || body.isBlank() ? null : body.strip(), selected, corrects);
        for (ConstraintViolation<Object> v : validator.validate((Object) req)) {
            String field = v.getPropertyPath().toString().replaceAll("\\[.*", "");
            String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            errors.putIfAbsent(field, switch (constraint) {
                case "NotEmpty" -> Texts.msg("spotcheck.staff.error.no-samples");
                case "NotBlank", "NotNull" -> Texts.msg("spotcheck.staff.error.required");
                case "Size" -> Texts.msg("spotcheck.staff.error.too-long", v.getConstraintDescriptor().getAttributes().get("max"));
                default -> v.getMessage();
            });
        }
        return req;
    }

    private static List<Long> selected(List<String> ids, Map<String, String> errors) {
        Set<Long> out = new LinkedHashSet<>();
        if (ids != null) {
            for (String s : ids) {
                try {
                    out.add(Long.valueOf(s.strip()));
                } catch (NumberFormatException e) {
                    errors.put("sampleIds", Texts.msg("spotcheck.staff.error.choose"));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static Map<String, String> single(MultiValueMap<String, String> params) {
        Map<String, String> form = new HashMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("sampleIds") && !k.equals("_csrf") && v != null && !v.isEmpty()) {
                form.put(k, v.get(0));
            }
        });
        return form;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
