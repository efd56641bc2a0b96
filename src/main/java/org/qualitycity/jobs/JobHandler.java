package org.qualitycity.jobs;

import org.qualitycity.platform.CurrentUser;
import tools.jackson.databind.JsonNode;

/**
 * Runs the jobs of one kind. Register a bean per kind; a node claims only the kinds it has handlers
 * for. The handler runs on a worker thread without a signed-in user and outside any transaction.
 */
public interface JobHandler {

    /** The kind, lower case with hyphens, e.g. "indicator-recompute"; at most 60 characters. */
    String kind();

    /**
     * Does the work. The returned object (a record, a map, or null) is stored as the job's JSON result.
     * A {@link JobFailure}, {@link org.qualitycity.platform.ValidationException} or
     * {@link org.qualitycity.platform.ConflictException} ends the job as FAILED with its message shown
     * to the user; any other exception ends it as FAILED with a generic message, and is logged.
     */
    Object run(JsonNode params, JobProgress progress) throws Exception;

    /**
     * Whether the user may start this kind from the generic jobs page or {@code POST /api/v1/jobs}.
     * By default no one: the owning module submits it through {@link Jobs#submit} after its own checks.
     */
    default boolean submittableBy(CurrentUser user) {
        return false;
    }
}
