package org.qualitycity.credit.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class CreditNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.product", "credit.nav.blacklist", "/public/blacklist", null, "⊘", 550));
    }
}
