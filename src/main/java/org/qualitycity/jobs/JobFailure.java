package org.qualitycity.jobs;

/** A job failed for a reason its user should read (e.g. "row 12: unknown unit code 12345x"). */
public class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
