package org.qualitycity.plan.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

/** The plan's pages in the side navigation, in their own group. */
@Component
class PlanNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.plan", "plan.nav.overview", "/plan/overview", "plan:plan:view", "◎", 100),
                new NavItem("nav.group.plan", "plan.nav.indicators", "/plan/indicators", "plan:plan:view", "▦", 101),
                new NavItem("nav.group.plan", "plan.nav.measures", "/plan/measures", "plan:plan:view", "☰", 102),
                new NavItem("nav.group.plan", "plan.nav.import", "/plan/import", "plan:plan:edit", "⇅", 103));
    }
}
