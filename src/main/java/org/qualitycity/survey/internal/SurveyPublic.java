package org.qualitycity.survey.internal;

import org.qualitycity.survey.internal.Dtos.PublicSurvey;
import org.qualitycity.survey.internal.Dtos.Receipt;
import org.qualitycity.survey.internal.Dtos.Submission;
import org.springframework.stereotype.Service;

/** The public side: the token's questionnaire, and an answer counted against the address's limit first. */
@Service
public class SurveyPublic {

    private final SurveyService service;
    private final SurveyRateLimiter limiter;

    SurveyPublic(SurveyService service, SurveyRateLimiter limiter) {
        this.service = service;
        this.limiter = limiter;
    }

    public PublicSurvey questionnaire(String token) {
        return service.publicSurvey(token);
    }

    /** Unknown tokens are a 404 before anything is counted; every answer to a known one counts. */
    public Receipt answer(String token, Submission body, String ip) {
        SurveyService.Target t = service.target(token);
        limiter.hit(ip);
        return service.submitPublic(token, body, t);
    }
}
