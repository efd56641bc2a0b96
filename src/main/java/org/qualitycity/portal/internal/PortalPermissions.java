package org.qualitycity.portal.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class PortalPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission("portal:hottopic:moderate"), new Permission("portal:bigscreen:view"));
    }
}
