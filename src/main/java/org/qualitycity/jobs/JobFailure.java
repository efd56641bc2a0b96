package org.qualitycity.jobs;

import org.qualitycity.platform.Text;

/** A job failed for a reason its user should read (e.g. "row 12: unknown unit code 4212xx"). */
public class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message);
    }

    /** A failure told as a message key with arguments, shown in the language of whoever reads the job. */
    public JobFailure(Text message) {
        super(message.toJson());
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
