package org.qualitycity.environment.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EnvironmentPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission("environment:station:view"), new Permission("environment:energy:view"));
    }
}
