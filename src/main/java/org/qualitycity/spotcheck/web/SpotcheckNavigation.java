package org.qualitycity.spotcheck.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class SpotcheckNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.product", "spotcheck.nav.samples", "/spotchecks/samples", "spotcheck:sample:view", "⚗", 520),
                new NavItem("nav.group.product", "spotcheck.nav.followUps", "/spotchecks/follow-ups", "spotcheck:sample:view", "↻", 530),
                new NavItem("nav.group.product", "spotcheck.nav.draws", "/spotchecks/random-draws", "spotcheck:draw:view",
                        "⚄", 535).staff(),
                new NavItem("nav.group.product", "spotcheck.nav.announcements", "/spotchecks/announcements",
                        "spotcheck:announcement:publish", "¶", 540).staff());
    }
}
