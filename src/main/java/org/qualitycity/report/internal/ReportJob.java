package org.qualitycity.report.internal;

import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobProgress;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** "report-generate": reads the data of a white paper or an analysis and writes its Word document. */
@Component
class ReportJob implements JobHandler {

    private final ReportGenerator generator;

    ReportJob(ReportGenerator generator) {
        this.generator = generator;
    }

    @Override
    public String kind() {
        return ReportService.JOB;
    }

    @Override
    public Object run(JsonNode params, JobProgress progress) {
        long id = params.get("documentId").asLong();
        generator.generate(id, progress);
        return ReportService.jobResult(id);
    }
}
