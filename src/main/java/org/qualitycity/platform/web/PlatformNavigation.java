package org.qualitycity.platform.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class PlatformNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.home", "nav.home", "/", null, "⌂", 0),
                new NavItem("nav.group.system", "nav.units", "/units", "platform:unit:view", "▦", 900),
                new NavItem("nav.group.system", "nav.users", "/users", "platform:user:view", "☺", 910),
                new NavItem("nav.group.system", "nav.roles", "/roles", "platform:role:view", "◆", 920),
                new NavItem("nav.group.system", "nav.audit", "/audit", "platform:audit:view", "✎", 930),
                new NavItem("nav.group.system", "nav.logins", "/login-log", "platform:login-log:view", "⇥", 940),
                // the API browser is for administrators (role viewers), not for the reporting units
                new NavItem("nav.group.system", "nav.apidocs", "/api-docs.html", "platform:role:view", "{}", 990).staff());
    }
}
