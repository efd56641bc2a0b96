package org.qualitycity.indicator.internal;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class IndicatorPermissions implements PermissionCatalog, Navigation {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("indicator:value:view"),
                new Permission("indicator:value:enter"),
                new Permission("indicator:value:approve"),
                new Permission("indicator:value:reopen"),
                new Permission("indicator:target:edit"),
                new Permission("indicator:result:recompute"));
    }

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.indicator", "nav.indicator.dashboard", "/indicators/dashboard", "indicator:value:view", "▤", 100),
                new NavItem("nav.group.indicator", "nav.indicator.warnings", "/indicators/warnings", "indicator:value:view", "⚠", 110),
                new NavItem("nav.group.indicator", "nav.indicator.entry", "/indicators/entry", "indicator:value:enter", "✎", 120),
                new NavItem("nav.group.indicator", "nav.indicator.review", "/indicators/review", "indicator:value:approve", "✓", 130));
    }
}
