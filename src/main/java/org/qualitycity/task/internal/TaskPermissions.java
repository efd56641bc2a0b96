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
                new Permission(VIEW, "查看督办任务", "View tasks"),
                new Permission(HANDLE, "办理督办任务(签收、报送进展、反馈)", "Handle tasks (acknowledge, report, feed back)"),
                new Permission(REVIEW, "交办、复核、办结督办任务", "Assign, review and close tasks"),
                new Permission(EDIT, "新建和拆分督办任务", "Create and split tasks"));
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
