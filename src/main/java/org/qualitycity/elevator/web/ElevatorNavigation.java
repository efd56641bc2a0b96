package org.qualitycity.elevator.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class ElevatorNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("elevator.nav.group", "elevator.nav.rescue", "/elevators/rescue-orders",
                        "elevator:elevator:view", "⚠", 720).staff(),
                new NavItem("elevator.nav.group", "elevator.nav.register", "/elevators", "elevator:elevator:view", "⇅", 721)
                        .staff());
    }
}
