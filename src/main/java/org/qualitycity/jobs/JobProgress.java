package org.qualitycity.jobs;

import org.qualitycity.platform.Text;

/**
 * What a running job reports. Each update is written at once in its own short transaction, so that a
 * page reload (on any node) sees it, whatever transaction the handler itself uses.
 */
public interface JobProgress {

    /**
     * @param percent 0–100 (clamped)
     * @param message short text for people, or a message key (shown localised when the key exists);
     *                at most 500 characters are kept
     * @throws JobCancelledException if the job's creator has cancelled it: let it propagate
     */
    void update(int percent, String message);

    /**
     * Progress as a message key with arguments, shown in the language of whoever reads the job.
     *
     * @throws JobCancelledException if the job's creator has cancelled it: let it propagate
     */
    default void update(int percent, Text message) {
        update(percent, message.toJson());
    }

    /** Whether the job has been cancelled; handlers that do not call {@link #update} often can ask. */
    boolean cancelRequested();

    long jobId();

    /** The user who submitted the job, or null for a job submitted by the system. */
    Long createdBy();

    /** Thrown by {@link #update} when the job was cancelled; the job ends as CANCELLED. */
    class JobCancelledException extends RuntimeException {

        public JobCancelledException(long jobId) {
            super("job " + jobId + " was cancelled");
        }
    }
}
