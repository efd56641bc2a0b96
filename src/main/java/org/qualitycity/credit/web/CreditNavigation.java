package org.qualitycity.credit.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class CreditNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        // staff pages (issue 12); the public list stays at /public/blacklist, linked from the public pages
        return List.of(
                new NavItem("nav.group.product", "credit.nav.blacklist", "/credit/blacklist", "credit:record:view", "⊘", 550)
                        .staff(),
                new NavItem("nav.group.product", "credit.nav.repairs", "/credit/repairs", "credit:repair:decide", "⟲", 560)
                        .staff());
    }
}
