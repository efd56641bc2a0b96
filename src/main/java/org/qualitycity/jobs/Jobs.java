package org.qualitycity.jobs;

import org.qualitycity.platform.CurrentUser;

/** Submitting background jobs and reading their state, for every module. */
public interface Jobs {

    /**
     * Queues a job; a worker on some node runs it soon after the calling transaction commits. The
     * caller has checked that the user may start it.
     *
     * @param params anything serialisable as JSON (a record, a map, a JsonNode), or null
     * @return the job's id
     * @throws org.qualitycity.platform.ValidationException on {@code kind} if no handler exists for it
     */
    long submit(String kind, Object params, CurrentUser user);

    /**
     * A job visible to the user: its creator's, or any in scope for a holder of {@code jobs:job:view-all};
     * otherwise {@link org.qualitycity.platform.NotFoundException}.
     */
    JobView get(long id, CurrentUser user);
}
