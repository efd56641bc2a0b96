package org.qualitycity.traceability.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class TraceabilityPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("traceability:batch:view"),
                new Permission("traceability:batch:edit"),
                new Permission("traceability:event:capture"),
                new Permission("traceability:batch:recall"));
    }
}
