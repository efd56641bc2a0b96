package org.qualitycity.notification.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

/** The inbox for every signed-in user, in the work-bench group. */
@Component
class NotificationNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.home", "notification.nav", "/notifications", null, "✉", 10));
    }
}
