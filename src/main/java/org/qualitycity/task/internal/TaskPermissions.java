package org.qualitycity.task.internal;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class TaskPermissions implements PermissionCatalog, Navigation {

    static final String VIEW = "task:task:view";
    static final String HANDLE = "task:task:handle";
    static final String REVIEW = "task:task:review";
    static final String EDIT = "task:task:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(VIEW),
                new Permission(HANDLE),
                new Permission(REVIEW),
                new Permission(EDIT));
    }

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.task", "task.nav.mine", "/tasks/mine", VIEW, "☑", 200),
                new NavItem("nav.group.task", "task.nav.all", "/tasks", VIEW, "☰", 201),
                new NavItem("nav.group.task", "task.nav.timeline", "/tasks/timeline", VIEW, "▭", 202),
                new NavItem("nav.group.task", "task.nav.notices", "/tasks/notices", VIEW, "⚑", 203),
                new NavItem("nav.group.task", "task.nav.selfcheck", "/tasks/checklists/SELF_CHECK", VIEW, "✔", 204),
                new NavItem("nav.group.task", "task.nav.preacceptance", "/tasks/checklists/PRE_ACCEPTANCE", VIEW, "✔", 205));
    }
}
