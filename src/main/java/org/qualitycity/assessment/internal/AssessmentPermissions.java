package org.qualitycity.assessment.internal;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class AssessmentPermissions implements PermissionCatalog, Navigation {

    static final String VIEW = "assessment:result:view";
    static final String OBJECT = "assessment:result:object";
    static final String RUN = "assessment:result:run";
    static final String ADJUST = "assessment:result:adjust";
    static final String PUBLISH = "assessment:result:publish";
    static final String SCHEME = "assessment:scheme:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(VIEW),
                new Permission(OBJECT),
                new Permission(RUN),
                new Permission(ADJUST),
                new Permission(PUBLISH),
                new Permission(SCHEME));
    }

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.assessment", "assessment.nav.results", "/assessments", VIEW, "★", 300),
                new NavItem("nav.group.assessment", "assessment.nav.schemes", "/assessments/schemes", SCHEME, "⚖", 301));
    }
}
