package org.qualitycity.portal.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class PortalNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("portal.nav.group", "portal.nav.moderation", "/portal/hot-topics",
                        "portal:hottopic:moderate", "✉", 900).staff(),
                new NavItem("portal.nav.group", "portal.nav.bigScreen", "/big-screen", "portal:bigscreen:view", "▣",
                        910).staff(),
                new NavItem("portal.nav.group", "portal.nav.portal", "/public/portal", null, "⌂", 920));
    }
}
