package org.qualitycity.platform;

/**
 * A record does not exist or lies outside the caller's data scope. Both answer 404, so that nobody
 * learns by probing ids that a record exists.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
