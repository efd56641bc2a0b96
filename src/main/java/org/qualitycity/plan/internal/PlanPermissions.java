package org.qualitycity.plan.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/** The permissions the plan module checks. Other modules read plans through {@code Plans} without one. */
@Component
class PlanPermissions implements PermissionCatalog {

    static final String VIEW = "plan:plan:view";
    static final String EDIT = "plan:plan:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(VIEW, "查看工作方案（指标、措施、阶段）", "View the plan (indicators, measures, phases)"),
                new Permission(EDIT, "维护工作方案（导入、替换方案文件，调整措施牵头和配合单位）",
                        "Maintain the plan (import or replace the plan file, assign measures' lead and co-operating units)"));
    }
}
