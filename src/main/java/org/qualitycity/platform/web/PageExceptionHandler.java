package org.qualitycity.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.internal.NulCharacter;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Friendly error pages for page controllers (forms handle their own field errors). Ordered before
 * Spring's problem-details advice, which would otherwise answer a page's bad parameters with JSON.
 */
@ControllerAdvice(annotations = Controller.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10)
class PageExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(404);
        return "error/404";
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        response.setStatus(409);
        model.addAttribute("message", e.getMessage());
        return "error/4xx";
    }

    @ExceptionHandler({ValidationException.class, BindException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, HandlerMethodValidationException.class,
            ConstraintViolationException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        response.setStatus(400);
        model.addAttribute("message", e instanceof ValidationException v && !v.problems().isEmpty() ? v.problems().get(0).message() : null);
        return "error/4xx";
    }

    /** Backstop: PostgreSQL refused a U+0000 that no form binding caught; anything else stays a 500. */
    @ExceptionHandler(DataAccessException.class)
    String database(DataAccessException e, Model model, HttpServletResponse response) {
        if (!NulCharacter.refusedByDatabase(e)) {
            throw e;
        }
        response.setStatus(400);
        model.addAttribute("message", null);
        return "error/4xx";
    }
}
