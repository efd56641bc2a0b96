package org.qualitycity.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.RateLimits;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.survey.internal.Dtos.AnswerIn;
import org.qualitycity.survey.internal.Dtos.PublicSurvey;
import org.qualitycity.survey.internal.Dtos.QuestionView;
import org.qualitycity.survey.internal.Dtos.Submission;
import org.qualitycity.survey.internal.SurveyPublic;
import org.qualitycity.survey.internal.SurveyService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The citizens' side without login, phone first: open surveys, and the questionnaire of a link or invitation. */
@Controller
class PublicSurveyPageController {

    private final SurveyPublic service;
    private final SurveyService surveys;

    PublicSurveyPageController(SurveyPublic service, SurveyService surveys) {
        this.service = service;
        this.surveys = surveys;
    }

    @GetMapping("/public/surveys")
    String open(Model model) {
        model.addAttribute("surveys", surveys.openSurveys());
        return "survey/public-list";
    }

    @GetMapping("/public/surveys/{token}")
    String form(@PathVariable String token, Model model) {
        PublicSurvey s = service.questionnaire(token);
        model.addAttribute("survey", s);
        model.addAttribute("values", Map.of());
        return "survey/public-form";
    }

    @PostMapping("/public/surveys/{token}")
    String answer(@PathVariable String token, @RequestParam MultiValueMap<String, String> form, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        PublicSurvey s = service.questionnaire(token);
        model.addAttribute("survey", s);
        model.addAttribute("values", form.toSingleValueMap());
        List<AnswerIn> answers = new ArrayList<>();
        for (QuestionView q : s.questions()) {
            String key = "q_" + q.code();
            switch (q.kind()) {
                case "SCALE" -> {
                    String v = form.getFirst(key);
                    Integer score = null;
                    if (v != null && !v.isBlank()) {
                        try {
                            score = Integer.parseInt(v.trim());
                        } catch (NumberFormatException e) {
                            score = 0; // refused as out of range
                        }
                    }
                    answers.add(new AnswerIn(q.code(), score, null, null));
                }
                case "SINGLE", "MULTIPLE" -> answers.add(new AnswerIn(q.code(), null,
                        form.getOrDefault(key, List.of()).stream().filter(x -> !x.isBlank()).toList(), null));
                default -> answers.add(new AnswerIn(q.code(), null, null, form.getFirst(key)));
            }
        }
        Submission submission = new Submission(form.getFirst("districtCode"), form.getFirst("sectorCode"), answers,
                form.getFirst("website"));
        try {
            model.addAttribute("receipt", service.answer(token, submission, request.getRemoteAddr()));
            return "survey/public-thanks";
        } catch (ValidationException e) {
            response.setStatus(400);
            Map<String, String> errors = new java.util.HashMap<>();
            FormErrors.of(e).forEach((field, message) -> {
                // answers[i] → the question's own field
                String f = field;
                if (field.startsWith("answers[")) {
                    int i = Integer.parseInt(field.substring(8, field.indexOf(']')));
                    f = i < s.questions().size() ? "q_" + s.questions().get(i).code() : "answers";
                }
                errors.put(f, message);
            });
            FormErrors.put(model, errors);
            return "survey/public-form";
        } catch (ConflictException e) {
            response.setStatus(409);
            FormErrors.put(model, Map.of("_form", e.getMessage()));
            return "survey/public-form";
        } catch (RateLimits.LimitedException e) {
            response.setStatus(429);
            FormErrors.put(model, Map.of("_form", "limited"));
            return "survey/public-form";
        }
    }
}
