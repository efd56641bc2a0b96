package org.qualitycity.assessment.internal;

import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobProgress;
import org.qualitycity.platform.CurrentUser;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/** "assessment-run": computes the assessment of a year ({"year": 2018}). */
@Component
class AssessmentRunJob implements JobHandler {

    static final String KIND = "assessment-run";

    private final AssessmentService service;

    AssessmentRunJob(AssessmentService service) {
        this.service = service;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean submittableBy(CurrentUser user) {
        return user.can(AssessmentPermissions.RUN);
    }

    @Override
    public Object run(JsonNode params, JobProgress progress) {
        int year = params.get("year").asInt();
        progress.update(5, "assessment.job.running");
        int n = service.compute(year);
        progress.update(100, "assessment.job.done");
        return Map.of("year", year, "units", n);
    }
}
