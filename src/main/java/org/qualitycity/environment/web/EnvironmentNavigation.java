package org.qualitycity.environment.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EnvironmentNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("environment.nav.group", "environment.nav.air", "/environment/stations?profile=AIR_STATION",
                        "environment:station:view", "☁", 700).staff(),
                new NavItem("environment.nav.group", "environment.nav.water", "/environment/stations?profile=WATER_SECTION",
                        "environment:station:view", "≈", 701).staff(),
                new NavItem("environment.nav.group", "environment.nav.drinking",
                        "/environment/stations?profile=DRINKING_WATER_SOURCE", "environment:station:view", "◇", 702).staff(),
                new NavItem("environment.nav.group", "environment.nav.energy", "/environment/energy",
                        "environment:energy:view", "⚡", 703));
    }
}
