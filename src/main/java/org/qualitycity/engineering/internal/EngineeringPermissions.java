package org.qualitycity.engineering.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EngineeringPermissions implements PermissionCatalog {

    static final String VIEW = "engineering:project:view";
    static final String EDIT = "engineering:project:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission(VIEW), new Permission(EDIT));
    }
}
