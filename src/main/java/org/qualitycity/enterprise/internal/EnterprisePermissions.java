package org.qualitycity.enterprise.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EnterprisePermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("enterprise:enterprise:view"),
                new Permission("enterprise:enterprise:edit"),
                new Permission("enterprise:enterprise:import"),
                new Permission(EnterpriseAccountAdministration.MANAGE),
                new Permission("enterprise:catalogue:view"),
                new Permission("enterprise:catalogue:edit"));
    }
}
