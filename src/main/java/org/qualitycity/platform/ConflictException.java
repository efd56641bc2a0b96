package org.qualitycity.platform;

/** The request is valid but conflicts with the record's state (409), e.g. a locked value. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
