package org.qualitycity.platform.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class PlatformPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("platform:unit:view"),
                new Permission("platform:unit:edit"),
                new Permission("platform:user:view"),
                new Permission("platform:user:edit"),
                new Permission("platform:role:view"),
                new Permission("platform:role:edit"),
                new Permission("platform:audit:view"),
                new Permission("platform:login-log:view"),
                new Permission("platform:monitor:view"),
                new Permission("platform:admin-role:grant"));
    }
}
