package org.qualitycity.spotcheck.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.spotcheck.internal.DrawService;
import org.qualitycity.spotcheck.internal.SpotcheckService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pages of 双随机一公开: the list of draws (pager, export), a new draw, a draw with its seed, lists and verification. */
@Controller
class DrawPageController {

    private final DrawService draws;
    private final SpotcheckService samples;
    private final Units units;
    private final jakarta.validation.Validator validator;
    private final Clock clock;

    DrawPageController(DrawService draws, SpotcheckService samples, Units units, jakarta.validation.Validator validator,
                       Clock clock) {
        this.draws = draws;
        this.samples = samples;
        this.units = units;
        this.validator = validator;
        this.clock = clock;
    }

    @GetMapping("/spotchecks/random-draws")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    String list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
                @Valid @ModelAttribute ListQuery query, Model model) {
        model.addAttribute("page", draws.list(year, q, query, Security.currentUser()));
        model.addAttribute("filter", Map.of("year", year == null ? "" : year.toString(), "q", q == null ? "" : q));
        return "spotcheck/draws";
    }

    @GetMapping("/spotchecks/random-draws/export")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Integer year,
                                                 @RequestParam(required = false) String q,
                                                 @Valid @ModelAttribute ListQuery query) {
        return ExcelExport.response(clock, "random-draws", "draws", DrawExports.COLUMNS,
                draws.all(year, q, query, Security.currentUser()));
    }

    @GetMapping("/spotchecks/random-draws/new")
    @PreAuthorize("hasAuthority('spotcheck:draw:create')")
    String newForm(Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("sampleSize", "10");
        form.put("excludeOwnDistrict", "true");
        form.put("publish", "true");
        form.put("inspectorDisclosure", "NAMES");
        return form(form, model);
    }

    private String form(Map<String, String> form, Model model) {
        CurrentUser user = Security.currentUser();
        model.addAttribute("form", form);
        model.addAttribute("categories", samples.categories());
        model.addAttribute("areas", units.visibleToAreas(user));
        return "spotcheck/draw-form";
    }

    @PostMapping("/spotchecks/random-draws")
    @PreAuthorize("hasAuthority('spotcheck:draw:create')")
    String create(@RequestParam Map<String, String> form, Model model) {
        try {
            // overrides: one per line, "credit code reason"
            List<DrawService.Override> overrides = new ArrayList<>();
            for (String line : form.getOrDefault("overrides", "").split("\\R")) {
                if (!line.isBlank()) {
                    String[] p = line.trim().split("[\\s,\\uFF0C]+", 2);
                    overrides.add(new DrawService.Override(p[0], p.length > 1 ? p[1] : ""));
                }
            }
            Integer size = null;
            String n = form.getOrDefault("sampleSize", "").trim();
            if (!n.isEmpty()) {
                try {
                    size = Integer.valueOf(n);
                } catch (NumberFormatException e) {
                    throw new ValidationException("sampleSize", org.qualitycity.platform.Texts.msg("spotcheck.draw.error.size"));
                }
            }
            var req = new DrawService.NewDraw(form.get("title"), form.get("categoryCode"), form.get("industry"),
                    form.get("unitCode"), form.get("creditGrade"), size, "true".equals(form.get("excludeOwnDistrict")),
                    form.get("inspectorUnitCode"), form.get("seed"), overrides, "true".equals(form.get("publish")),
                    form.get("inspectorDisclosure"));
            var v = validator.validate(req);
            if (!v.isEmpty()) {
                List<ValidationException.FieldProblem> problems = new ArrayList<>();
                v.forEach(c -> problems.add(new ValidationException.FieldProblem(
                        c.getPropertyPath().toString().replaceAll("\\[.*", ""), c.getMessage())));
                throw new ValidationException(problems);
            }
            var created = draws.create(req, Security.currentUser());
            return "redirect:/spotchecks/random-draws/" + created.id();
        } catch (ValidationException e) {
            Map<String, String> errors = new HashMap<>();
            FormErrors.of(e).forEach((k, val) -> errors.put(k.replaceAll("\\[.*", ""), val));
            FormErrors.put(model, errors);
            return form(new HashMap<>(form), model);
        }
    }

    @GetMapping("/spotchecks/random-draws/{id:\\d+}")
    @PreAuthorize("hasAuthority('spotcheck:draw:view')")
    String detail(@PathVariable long id, Model model) {
        CurrentUser user = Security.currentUser();
        model.addAttribute("draw", draws.get(id, user));
        model.addAttribute("verification", draws.verify(id, user));
        return "spotcheck/draw";
    }

    @PostMapping("/spotchecks/random-draws/{id:\\d+}/publication")
    @PreAuthorize("hasAuthority('spotcheck:draw:create')")
    String publish(@PathVariable long id, RedirectAttributes flash) {
        try {
            draws.publish(id, Security.currentUser());
            flash.addFlashAttribute("flash", "spotcheck.draws.publishedFlash");
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/spotchecks/random-draws/" + id;
    }

    /** The published draws for everyone (no login): plan, filter, seed, picks with inspectors and results. */
    @GetMapping("/public/random-draws")
    String publicList(@RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
                      @Valid @ModelAttribute ListQuery query, Model model) {
        if (q != null && q.length() > 100) {
            throw new ValidationException("q", Texts.msg("spotcheck.announcements.searchTooLong"));
        }
        if (year != null && (year < 2000 || year > 2999)) {
            throw new ValidationException("year", Texts.msg("spotcheck.publicDraws.badYear"));
        }
        model.addAttribute("page", draws.published(year, q, query));
        model.addAttribute("filter", Map.of("year", year == null ? "" : year.toString(), "q", q == null ? "" : q));
        return "spotcheck/public-draws";
    }

    @GetMapping("/public/random-draws/{id:\\d+}")
    String publicDetail(@PathVariable long id, Model model) {
        model.addAttribute("d", draws.publishedDraw(id));
        return "spotcheck/public-draw";
    }
}
