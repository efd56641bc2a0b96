package org.qualitycity.credit.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class CreditPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("credit:record:view"),
                new Permission("credit:event:edit"),
                new Permission("credit:rule:edit"),
                new Permission("credit:blacklist:edit"),
                new Permission("credit:repair:apply"),
                new Permission("credit:repair:decide"));
    }
}
