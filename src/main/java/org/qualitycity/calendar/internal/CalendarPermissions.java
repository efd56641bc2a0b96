package org.qualitycity.calendar.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/** The permissions that the calendar checks. Counting working days needs none beyond signing in. */
@Component
class CalendarPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("calendar:year:view"),
                new Permission("calendar:year:edit"));
    }
}
