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
                new Permission("calendar:year:view", "查看工作日历", "View the working-day calendar"),
                new Permission("calendar:year:edit", "维护工作日历（录入年度放假安排）",
                        "Maintain the working-day calendar (load a year's holiday arrangement)"));
    }
}
