package org.qualitycity.notification.web;

import org.qualitycity.notification.internal.NotificationService;
import org.qualitycity.platform.Security;
import org.springframework.stereotype.Component;

/**
 * The unread count for the top-bar badge, called from the template fragment
 * {@code notification/badge :: badge} as {@code @notificationBadge.unreadCount()}; public because the
 * template calls it by reflection.
 */
@Component("notificationBadge")
public class NotificationBadge {

    private final NotificationService notifications;

    NotificationBadge(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** Unread messages of the signed-in user; 0 without a user. */
    public long unreadCount() {
        return Security.currentUserIfAny().map(notifications::unreadCount).orElse(0L);
    }
}
