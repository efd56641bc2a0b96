package org.qualitycity.platform.web;

import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.Texts;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field errors for a re-rendered form: the template shows {@code errors[field]} beside each field.
 * Public so that every module's page controllers use the same mechanism.
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static Map<String, String> of(BindingResult result) {
        Map<String, String> errors = new LinkedHashMap<>();
        result.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(),
                f.isBindingFailure() ? Texts.msg("error.wrong-format") : f.getDefaultMessage()));
        result.getGlobalErrors().forEach(g -> errors.putIfAbsent("_form", g.getDefaultMessage()));
        return errors;
    }

    public static Map<String, String> of(ValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        return errors;
    }

    public static void put(Model model, Map<String, String> errors) {
        model.addAttribute("errors", errors);
    }
}
