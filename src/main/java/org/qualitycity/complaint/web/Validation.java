package org.qualitycity.complaint.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Bean validation run by hand, after the rate limiter has counted the request (so that a flood of
 * invalid submissions is limited too); every problem becomes a 400 field error.
 */
@Component
class Validation {

    private final Validator validator;

    Validation(Validator validator) {
        this.validator = validator;
    }

    <T> T check(T body) {
        if (body == null) {
            throw new ValidationException("body", Texts.msg("complaint.error.json-object"));
        }
        Set<ConstraintViolation<T>> v = validator.validate(body);
        if (!v.isEmpty()) {
            List<FieldProblem> problems = v.stream()
                    .map(c -> new FieldProblem(c.getPropertyPath().toString(), c.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field)).toList();
            throw new ValidationException(problems);
        }
        return body;
    }
}
