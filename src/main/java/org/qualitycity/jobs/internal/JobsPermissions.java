package org.qualitycity.jobs.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/** Everyone sees and cancels their own jobs; seeing others' jobs (in one's data scope) needs a permission. */
@Component
class JobsPermissions implements PermissionCatalog {

    static final String VIEW_ALL = "jobs:job:view-all";

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission(VIEW_ALL));
    }
}
