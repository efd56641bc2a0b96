package org.qualitycity.plan.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/** The permissions the plan module checks. Other modules read plans through {@code Plans} without one. */
@Component
class PlanPermissions implements PermissionCatalog {

    static final String VIEW = "plan:plan:view";
    static final String EDIT = "plan:plan:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(VIEW),
                new Permission(EDIT));
    }
}
