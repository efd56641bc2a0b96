package org.qualitycity.complaint.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class ComplaintPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("complaint:case:view"),
                new Permission("complaint:case:create"),
                new Permission("complaint:case:handle"),
                new Permission("complaint:case:supervise"),
                new Permission("complaint:rule:edit"));
    }
}
