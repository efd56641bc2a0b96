package org.qualitycity.jobs;

/** A job's life: QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED (a queued job may be cancelled directly). */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
