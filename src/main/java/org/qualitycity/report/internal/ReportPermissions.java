package org.qualitycity.report.internal;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class ReportPermissions implements PermissionCatalog, Navigation {

    static final String VIEW = "report:document:view";
    static final String GENERATE = "report:document:generate";
    static final String PUBLISH = "report:document:publish";
    static final String TEMPLATE = "report:template:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission(VIEW), new Permission(GENERATE), new Permission(PUBLISH), new Permission(TEMPLATE));
    }

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.report", "report.nav.documents", "/reports", VIEW, "▤", 350).staff(),
                new NavItem("nav.group.report", "report.nav.templates", "/reports/templates", TEMPLATE, "▥", 351).staff());
    }
}
