package org.qualitycity.elevator.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class ElevatorPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission("elevator:elevator:view"), new Permission("elevator:elevator:record"),
                new Permission("elevator:rescue:handle"));
    }
}
