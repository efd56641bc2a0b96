package org.qualitycity.enterprise.web;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EnterpriseNavigation implements Navigation {

    @Override
    public List<NavItem> items() {
        return List.of(new NavItem("nav.group.product", "enterprise.nav", "/enterprises", "enterprise:enterprise:view",
                "◧", 510),
                new NavItem("nav.group.product", "enterprise.catalogue.nav", "/licence-catalogue", "enterprise:catalogue:view",
                        "☑", 515).staff(),
                new NavItem("nav.group.product", "enterprise.export.nav", "/export-notifications",
                        "enterprise:enterprise:view", "✈", 516).staff());
    }
}
