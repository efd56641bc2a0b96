package org.qualitycity.notification.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reading one's own inbox needs no permission; sending a notice by hand does. */
@Component
class NotificationPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission("notification:message:send"));
    }
}
