package org.qualitycity.traceability.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class TraceabilityNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.product", "traceability.nav.batches", "/traceability/batches",
                "traceability:batch:view", "⌗", 570));
    }
}
