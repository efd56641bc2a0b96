package org.qualitycity.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.qualitycity.platform.web.ApiController;
import org.qualitycity.survey.internal.Dtos.PublicSurvey;
import org.qualitycity.survey.internal.Dtos.Receipt;
import org.qualitycity.survey.internal.Dtos.Submission;
import org.qualitycity.survey.internal.SurveyPublic;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;


/** Answering without login, by a survey's public link or an invitation token (one answer each; rate-limited). */
@ApiController("/api/v1/public/surveys")
@Tag(name = "Satisfaction surveys (public)")
class PublicSurveyApiController {

    private final SurveyPublic service;

    PublicSurveyApiController(SurveyPublic service) {
        this.service = service;
    }

    @GetMapping("/{token}")
    @Operation(summary = "The questionnaire a link or invitation opens (answered: the invitation has been used)")
    PublicSurvey get(@PathVariable String token) {
        return service.questionnaire(token);
    }

    @PostMapping("/{token}/answers")
    @Operation(summary = "Answer; an invitation answers once (409 the second time)")
    ResponseEntity<Receipt> answer(@PathVariable String token, @RequestBody(required = false) Submission body,
                                   HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.answer(token, body, request.getRemoteAddr()));
    }
}
