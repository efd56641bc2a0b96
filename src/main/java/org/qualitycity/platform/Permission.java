package org.qualitycity.platform;

/**
 * A permission string {@code module:resource:action}. Its label for the role editor is the message
 * {@link #labelKey()} in the module's bundle.
 */
public record Permission(String code) {

    public Permission {
        if (!code.matches("[a-z]+:[a-z-]+:[a-z-]+")) {
            throw new IllegalArgumentException("permission must be module:resource:action: " + code);
        }
    }

    /** {@code module.permission.resource.action}, e.g. {@code credit.permission.record.view}. */
    public String labelKey() {
        String[] p = code.split(":");
        return p[0] + ".permission." + p[1] + "." + p[2];
    }
}
