package org.qualitycity.jobs.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

/** "My jobs" for every signed-in user, in the work-bench group. */
@Component
class JobsNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.home", "jobs.nav", "/jobs", null, "⟳", 20).staff());
    }
}
