package org.qualitycity.calendar.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

/** The calendar page in the side navigation, under system administration. */
@Component
class CalendarNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.system", "calendar.nav", "/calendar", "calendar:year:view", "▤", 950));
    }
}
