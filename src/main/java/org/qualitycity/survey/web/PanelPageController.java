package org.qualitycity.survey.web;

import org.qualitycity.files.Attachments;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.survey.internal.PanelDtos.CriterionScore;
import org.qualitycity.survey.internal.PanelDtos.CriterionView;
import org.qualitycity.survey.internal.PanelDtos.ExpertScores;
import org.qualitycity.survey.internal.PanelDtos.NewCriterion;
import org.qualitycity.survey.internal.PanelDtos.NewExpert;
import org.qualitycity.survey.internal.PanelDtos.NewPanel;
import org.qualitycity.survey.internal.PanelDtos.PanelView;
import org.qualitycity.survey.internal.SurveyPanels;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pages of the expert panels: list and create, enter each expert's scores, see the result; evidence is attached with the
 * files module's shared form (owner type survey-panel).
 */
@Controller
class PanelPageController {

    private final SurveyPanels panels;
    private final Attachments attachments;
    private final Plans plans;

    PanelPageController(SurveyPanels panels, Attachments attachments, Plans plans) {
        this.panels = panels;
        this.attachments = attachments;
        this.plans = plans;
    }

    /** The assessed indicators' names in the reader's language, by code (the code itself where the plan lacks it). */
    private Map<String, String> indicatorNames() {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        String plan = plans.current().id();
        Map<String, String> names = new LinkedHashMap<>();
        for (String code : panels.indicators()) {
            names.put(code, plans.indicator(plan, code)
                    .map(d -> english && d.nameEn() != null ? d.nameEn() : d.displayNameZh())
                    .orElse(code));
        }
        return names;
    }

    @GetMapping("/surveys/panels")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    String list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String indicator,
                Model model) {
        model.addAttribute("panels", panels.list(year, indicator, Security.currentUser()));
        model.addAttribute("indicators", indicatorNames());
        model.addAttribute("canEdit", Security.currentUser().can("survey:survey:edit"));
        return "survey/panels";
    }

    /** Criteria one per line as "name|weight", experts one per line as "name|affiliation". */
    @PostMapping("/surveys/panels")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    String create(@RequestParam(required = false) String indicator, @RequestParam(required = false) Integer year,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String criteria,
                  @RequestParam(required = false) String experts, RedirectAttributes flash) {
        try {
            List<NewCriterion> cs = new ArrayList<>();
            for (String line : lines(criteria)) {
                String[] p = line.split("\\|", 2);
                double w;
                try {
                    w = p.length < 2 ? 1 : Double.parseDouble(p[1].trim());
                } catch (NumberFormatException e) {
                    throw new ValidationException("criteria", Texts.msg("error.not-a-number"));
                }
                cs.add(new NewCriterion(p[0].trim(), w));
            }
            List<NewExpert> es = lines(experts).stream().map(l -> l.split("\\|", 2))
                    .map(p -> new NewExpert(p[0].trim(), p.length < 2 ? null : p[1].trim())).toList();
            if (title == null || title.isBlank()) {
                throw new ValidationException("title", Texts.msg("error.required"));
            }
            if (year == null) {
                throw new ValidationException("year", Texts.msg("error.required"));
            }
            if (cs.isEmpty()) {
                throw new ValidationException("criteria", Texts.msg("error.required"));
            }
            if (es.isEmpty()) {
                throw new ValidationException("experts", Texts.msg("error.required"));
            }
            PanelView v = panels.create(new NewPanel(indicator, year, title, cs, es, null, null, null),
                    Security.currentUser());
            return "redirect:/surveys/panels/" + v.id();
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", message(e));
            return "redirect:/surveys/panels";
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static String message(ValidationException e) {
        return e.problems().stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    }

    @GetMapping("/surveys/panels/{id:\\d+}")
    @PreAuthorize("hasAuthority('survey:survey:view')")
    String detail(@PathVariable long id, Model model) {
        CurrentUser user = Security.currentUser();
        PanelView p = panels.get(id, user);
        model.addAttribute("panel", p);
        model.addAttribute("indicators", indicatorNames());
        model.addAttribute("evidence", attachments.list("survey-panel", id, user));
        model.addAttribute("canEdit", user.can("survey:survey:edit"));
        model.addAttribute("canUpload", attachments.canWrite("survey-panel", id, user));
        model.addAttribute("maxSize", attachments.maxSizeBytes());
        return "survey/panel";
    }

    /** One expert's scores from the form: fields c{criterionId}; a blank field is left unscored. */
    @PostMapping("/surveys/panels/{id:\\d+}/scores")
    @PreAuthorize("hasAuthority('survey:survey:edit')")
    String score(@PathVariable long id, @RequestParam long expertId, @RequestParam Map<String, String> form,
                 RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        try {
            PanelView p = panels.get(id, user);
            List<CriterionScore> scores = new ArrayList<>();
            for (CriterionView c : p.criteria()) {
                String v = form.get("c" + c.id());
                if (v == null || v.isBlank()) {
                    continue;
                }
                try {
                    scores.add(new CriterionScore(c.id(), Double.parseDouble(v.trim())));
                } catch (NumberFormatException e) {
                    throw new ValidationException("c" + c.id(), Texts.msg("error.not-a-number"));
                }
            }
            if (scores.isEmpty()) {
                throw new ValidationException("scores", Texts.msg("error.required"));
            }
            panels.score(id, expertId, new ExpertScores(scores), user);
            flash.addFlashAttribute("done", true);
        } catch (ValidationException e) {
            flash.addFlashAttribute("error", message(e));
        }
        return "redirect:/surveys/panels/" + id;
    }
}
