package org.qualitycity.spotcheck.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class SpotcheckPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("spotcheck:sample:view"),
                new Permission("spotcheck:sample:edit"),
                new Permission("spotcheck:result:edit"),
                new Permission("spotcheck:objection:submit"),
                new Permission("spotcheck:rectification:submit"),
                new Permission("spotcheck:rectification:review"),
                new Permission("spotcheck:plan:edit"),
                new Permission("spotcheck:announcement:publish"),
                new Permission("spotcheck:draw:view"),
                new Permission("spotcheck:draw:create"),
                new Permission("spotcheck:inspector:edit"));
    }
}
