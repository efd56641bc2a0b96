package org.qualitycity.files.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/** The files permissions; which owners' files a user reaches is decided by the owner type's policy. */
@Component
class FilesPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("files:file:view"),
                new Permission("files:file:upload"),
                new Permission("files:file:delete"));
    }
}
