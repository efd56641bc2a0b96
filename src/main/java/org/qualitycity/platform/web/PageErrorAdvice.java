package org.qualitycity.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;

import java.io.IOException;

/**
 * The errors Spring MVC raises before or beside a page controller (a method the URL does not allow, a body or
 * media type it cannot read, a missing part): on a page URL the friendly error page of the status (through the
 * container's error page, which renders {@code error/4xx} for a browser), never Spring's problem+json; under the
 * API paths problem+json as before. The API's and the pages' own handlers come first (lower order); this one sees
 * what they leave, including requests for which no controller was chosen (405, 406, 415).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PageErrorAdvice {

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class, MissingServletRequestPartException.class,
            ServletRequestBindingException.class, MaxUploadSizeExceededException.class, MultipartException.class,
            HttpMessageNotReadableException.class, TypeMismatchException.class, NoHandlerFoundException.class,
            ErrorResponseException.class})
    ResponseEntity<ProblemDetail> error(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpStatusCode status = e instanceof ErrorResponse r ? r.getStatusCode()
                : e instanceof MultipartException && !(e instanceof MaxUploadSizeExceededException)
                ? HttpStatus.BAD_REQUEST : e instanceof MaxUploadSizeExceededException
                ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        if (NoResourceAdvice.isApi(request)) {
            ProblemDetail body = e instanceof ErrorResponse r ? r.getBody()
                    : ProblemDetail.forStatusAndDetail(status, "The request could not be read.");
            var answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (e instanceof ErrorResponse r) {
                answer.headers(r.getHeaders());
            }
            return answer.body(body);
        }
        if (e instanceof ErrorResponse r) {
            r.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        }
        response.sendError(status.value());
        return null;
    }
}
