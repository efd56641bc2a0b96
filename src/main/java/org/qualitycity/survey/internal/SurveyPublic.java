package org.qualitycity.survey.internal;

import org.qualitycity.survey.internal.Dtos.PublicSurvey;
import org.qualitycity.survey.internal.Dtos.Receipt;
import org.qualitycity.survey.internal.Dtos.Submission;
import org.qualitycity.platform.RateLimits;
import org.springframework.stereotype.Service;

/**
 * The public side: the token's questionnaire, and an answer counted against the address's limit first
 * ({@code qc.rate-limits.survey-answers-per-ip}, {@link RateLimits}).
 */
@Service
public class SurveyPublic {

    private final SurveyService service;
    private final RateLimits limits;
    private final RateLimits.Limit perIp;

    SurveyPublic(SurveyService service, RateLimits limits) {
        this.service = service;
        this.limits = limits;
        this.perIp = limits.limit("survey-answers-per-ip");
    }

    public PublicSurvey questionnaire(String token) {
        return service.publicSurvey(token);
    }

    /** Unknown tokens are a 404 before anything is counted; every answer to a known one counts. */
    public Receipt answer(String token, Submission body, String ip) {
        SurveyService.Target t = service.target(token);
        limits.hit(perIp.key(ip));
        return service.submitPublic(token, body, t);
    }
}
