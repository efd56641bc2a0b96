package org.qualitycity.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;

/**
 * A URL that no controller and no static resource answers: problem+json under the API paths, the
 * friendly 404 page (through the container's error page) everywhere else. Without this, Spring's
 * problem-details handler would answer every unknown page URL with JSON. No selector: no controller
 * was chosen for such a request.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NoResourceAdvice {

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/open311/") || path.startsWith("/v3/api-docs")
                || path.startsWith("/actuator/");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isApi(request)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiExceptionHandler.problem(HttpStatus.NOT_FOUND, "not-found", "No such resource."));
        }
        response.sendError(HttpStatus.NOT_FOUND.value());
        return null;
    }
}
