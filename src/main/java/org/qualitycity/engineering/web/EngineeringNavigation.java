package org.qualitycity.engineering.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EngineeringNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("engineering.nav.group", "engineering.nav.projects", "/projects", "engineering:project:view",
                        "⌂", 560).staff(),
                new NavItem("engineering.nav.group", "engineering.nav.map", "/projects/map", "engineering:project:view",
                        "◎", 561).staff());
    }
}
