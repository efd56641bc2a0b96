/**
 * Notifications (站内消息): an inbox per user. Other modules post messages to a user or to a unit
 * (every user of that unit sees it) through {@link org.qualitycity.notification.Notifications}, e.g.
 * for overdue tasks or red indicators.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"platform", "platform :: web"})
package org.qualitycity.notification;
