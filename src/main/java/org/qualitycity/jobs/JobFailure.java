package org.qualitycity.jobs;

/** A job failed for a reason its user should read (e.g. "row 12: unknown unit code 4212xx"). */
public class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
