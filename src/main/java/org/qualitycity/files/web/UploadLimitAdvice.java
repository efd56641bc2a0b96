package org.qualitycity.files.web;

import org.qualitycity.files.Attachments;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A too-large upload is a 400 naming the field {@code file}, like every other bad input. Needed
 * because the servlet container refuses the multipart body while the DispatcherServlet parses it,
 * before any controller is chosen, so the API's own advice (bound to {@code @ApiController}) never
 * sees it and Spring Boot would answer 413 without a field. This advice has no selector for that
 * reason and handles only this one exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitAdvice {

    private final Attachments attachments;

    UploadLimitAdvice(Attachments attachments) {
        this.attachments = attachments;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        p.setType(URI.create("https://qualitycity.org/problems/invalid-input"));
        p.setProperty("errors", List.of(Map.of("field", "file", "message",
                "is larger than the upload limit of " + attachments.maxSizeBytes() / (1024 * 1024) + " MB")));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
