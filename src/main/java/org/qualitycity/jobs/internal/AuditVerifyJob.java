package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.JobHandler;
import org.qualitycity.jobs.JobProgress;
import org.qualitycity.platform.AuditVerifier;
import org.qualitycity.platform.CurrentUser;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * "audit-verify": recomputes the audit trail's hash chain in the background (on a large trail this
 * takes a while) and stores the verification as the result. Anyone who may read the audit trail may
 * start it.
 */
@Component
class AuditVerifyJob implements JobHandler {

    static final String KIND = "audit-verify";

    private final AuditVerifier verifier;

    AuditVerifyJob(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean submittableBy(CurrentUser user) {
        return user.can("platform:audit:view");
    }

    @Override
    public Object run(JsonNode params, JobProgress progress) {
        progress.update(5, "jobs.audit-verify.running");
        AuditVerifier.Verification v = verifier.verify();
        progress.update(100, v.intact() ? "jobs.audit-verify.intact" : "jobs.audit-verify.broken");
        return v;
    }
}
