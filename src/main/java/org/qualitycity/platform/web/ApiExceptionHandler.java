package org.qualitycity.platform.web;

import jakarta.validation.ConstraintViolationException;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.RateLimits;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.Workflow;
import org.qualitycity.platform.internal.NulCharacter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details for every error of the JSON API, with {@code errors: [{field, message}]}
 * for bad input. Nothing internal (stack traces, SQL) reaches the client.
 */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://qualitycity.org/problems/" + code));
        return p;
    }

    static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", Texts.msg("error.api.invalid-input"));
        p.setProperty("errors", errors);
        return p;
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field == null ? "" : field, "message", message == null ? "invalid" : message);
    }

    @ExceptionHandler(ValidationException.class)
    ProblemDetail validation(ValidationException e) {
        return invalid(e.problems().stream().map(p -> error(p.field(), p.message())).toList());
    }

    @ExceptionHandler(BindException.class)
    ProblemDetail bind(BindException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getFieldErrors().forEach(f -> errors.add(error(f.getField(),
                f.isBindingFailure() ? Texts.msg("error.wrong-format") : f.getDefaultMessage())));
        e.getGlobalErrors().forEach(g -> errors.add(error(g.getObjectName(), g.getDefaultMessage())));
        return invalid(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail methodValidation(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                errors.add(error(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return invalid(errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraint(ConstraintViolationException e) {
        return invalid(e.getConstraintViolations().stream()
                .map(v -> error(lastNode(v.getPropertyPath()), v.getMessage())).toList());
    }

    /** "list.format" (method.parameter) and "arg.field" paths name the field by their last node. */
    private static String lastNode(jakarta.validation.Path path) {
        String name = null;
        for (var node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof DatabindException d && !d.getPath().isEmpty()) {
            String field = pathOf(d);
            boolean nul = d instanceof InvalidFormatException f && f.getValue() instanceof String v && NulCharacter.in(v);
            return invalid(List.of(error(field, nul ? NulCharacter.MESSAGE : Texts.msg("error.wrong-format"))));
        }
        if (e.getCause() instanceof JacksonException) {
            return invalid(List.of(error("body", Texts.msg("error.api.not-json"))));
        }
        return invalid(List.of(error("body", Texts.msg("error.api.body-unreadable"))));
    }

    static String pathOf(DatabindException d) {
        StringBuilder sb = new StringBuilder();
        for (var ref : d.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        boolean nul = e.getValue() instanceof String v && NulCharacter.in(v);
        return invalid(List.of(error(e.getName(), nul ? NulCharacter.MESSAGE : Texts.msg("error.wrong-format"))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return invalid(List.of(error(e.getParameterName(), Texts.msg("error.required"))));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ProblemDetail missingPart(MissingServletRequestPartException e) {
        return invalid(List.of(error(e.getRequestPartName(), Texts.msg("error.required"))));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ProblemDetail binding(ServletRequestBindingException e) {
        return invalid(List.of(error(e instanceof MissingRequestHeaderException h ? h.getHeaderName() : "request",
                Texts.msg("error.api.missing-or-invalid"))));
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ProblemDetail tooLarge(Exception e) {
        return invalid(List.of(error("file", Texts.msg("error.api.upload-too-large"))));
    }

    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipart(MultipartException e) {
        return invalid(List.of(error("file", Texts.msg("error.api.not-multipart"))));
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", Texts.msg("error.404.text"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", Texts.msg("error.404.text"));
    }

    /** A public entry's abuse limit ({@link RateLimits}): 429 with the seconds until the window ends. */
    @ExceptionHandler(RateLimits.LimitedException.class)
    ResponseEntity<ProblemDetail> limited(RateLimits.LimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", Texts.msg("error.api.too-many-requests")));
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
        if (e instanceof Workflow.Refused r) {
            r.codes().forEach(p::setProperty); // the names for API clients beside the labels of the detail
        }
        return p;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        if (e instanceof Workflow.Forbidden f) {
            ProblemDetail p = problem(HttpStatus.FORBIDDEN, "forbidden", f.getMessage());
            f.codes().forEach(p::setProperty);
            return p;
        }
        return problem(HttpStatus.FORBIDDEN, "forbidden", Texts.msg("error.403.text"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", Texts.msg("error.api.method"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", Texts.msg("error.api.media-type"));
    }

    /** The client accepts none of the API's types (e.g. only text/html): 406, written as problem+json regardless. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return preset(problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                Texts.msg("error.api.not-acceptable")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (NulCharacter.refusedByDatabase(e)) {
            // backstop: a U+0000 that reached PostgreSQL by a path no earlier check covers
            return preset(invalid(List.of(error("request", NulCharacter.MESSAGE))));
        }
        log.error("Unexpected error in API", e);
        return preset(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", Texts.msg("error.500.text")));
    }

    /** A content type set here is written whatever the request's Accept header says (never a second failure). */
    private static ResponseEntity<ProblemDetail> preset(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
