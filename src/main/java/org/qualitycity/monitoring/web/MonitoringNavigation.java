package org.qualitycity.monitoring.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class MonitoringNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.monitoring", "monitoring.nav.operations", "/monitoring",
                "monitoring:device:view", "◉", 700).staff());
    }
}
