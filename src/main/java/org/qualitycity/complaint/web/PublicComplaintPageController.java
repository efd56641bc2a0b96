package org.qualitycity.complaint.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.RateLimits;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/** The citizens' form (no login, phone-friendly) and tracking by code and the phone's last four digits. */
@Controller
@RequestMapping("/public/complaints")
class PublicComplaintPageController {

    private final ComplaintService service;
    private final IntakeLimits limiter;
    private final Validation validation;
    private final Units units;

    PublicComplaintPageController(ComplaintService service, IntakeLimits limiter, Validation validation, Units units) {
        this.service = service;
        this.limiter = limiter;
        this.validation = validation;
        this.units = units;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", new Submission("COMPLAINT", "GOODS", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        model.addAttribute("areas", units.areas());
        return "complaint/public-form";
    }

    @PostMapping
    String submit(@ModelAttribute("form") Submission form, BindingResult binding, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("areas", units.areas());
        if (binding.hasErrors()) {
            // a value that cannot be bound at all (e.g. U+0000): the form again, with the field marked
            response.setStatus(400);
            FormErrors.put(model, FormErrors.of(binding));
            // the form could not be constructed: show it empty (the binding result holds no target to render)
            model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "form");
            model.addAttribute("form", form != null ? form : new Submission("COMPLAINT", "GOODS", null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null));
            return "complaint/public-form";
        }
        try {
            String phoneHash = limiter.submission(request.getRemoteAddr(), form.phone());
            Receipt r = service.submit(validation.check(form), "WEB", request.getRemoteAddr(), null, phoneHash);
            model.addAttribute("receipt", r);
            return "complaint/public-receipt";
        } catch (ValidationException e) {
            response.setStatus(400);
            FormErrors.put(model, FormErrors.of(e));
            return "complaint/public-form";
        } catch (RateLimits.LimitedException e) {
            response.setStatus(429);
            FormErrors.put(model, Map.of("_form", "limited"));
            return "complaint/public-form";
        }
    }

    @GetMapping("/track")
    String track(@RequestParam(required = false) String code, @RequestParam(required = false) String phone4,
                 Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("code", code);
        if (code != null && !code.isBlank()) {
            try {
                limiter.tracking(request.getRemoteAddr());
                model.addAttribute("result", service.track(code.trim(), phone4 == null ? null : phone4.trim()));
            } catch (ValidationException | NotFoundException e) {
                model.addAttribute("notFound", true);
            } catch (RateLimits.LimitedException e) {
                response.setStatus(429);
                model.addAttribute("limited", true);
            }
        }
        return "complaint/public-track";
    }
}
