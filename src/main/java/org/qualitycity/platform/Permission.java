package org.qualitycity.platform;

/**
 * A permission string {@code module:resource:action} with its labels for the role editor.
 */
public record Permission(String code, String labelZh, String labelEn) {

    public Permission {
        if (!code.matches("[a-z]+:[a-z-]+:[a-z-]+")) {
            throw new IllegalArgumentException("permission must be module:resource:action: " + code);
        }
    }
}
