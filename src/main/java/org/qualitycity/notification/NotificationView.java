package org.qualitycity.notification;

import java.time.Instant;

/**
 * A message in a user's inbox.
 *
 * @param toUnit whether it was addressed to the user's unit (rather than to the user)
 * @param readAt when this user read it, or null
 */
public record NotificationView(long id, String category, String title, String body, String link, Severity severity,
                               boolean toUnit, Instant createdAt, Instant readAt) {

    public boolean read() {
        return readAt != null;
    }
}
