package org.qualitycity.platform.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class PlatformPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("platform:unit:view", "查看单位", "View units"),
                new Permission("platform:unit:edit", "管理单位", "Manage units"),
                new Permission("platform:user:view", "查看用户", "View users"),
                new Permission("platform:user:edit", "管理用户", "Manage users"),
                new Permission("platform:role:view", "查看角色", "View roles"),
                new Permission("platform:role:edit", "管理角色", "Manage roles"),
                new Permission("platform:audit:view", "查看审计日志", "View the audit trail"),
                new Permission("platform:login-log:view", "查看登录日志", "View the login log"),
                new Permission("platform:monitor:view", "查看运行指标", "View metrics"),
                new Permission("platform:admin-role:grant", "指定管理员（系统、安全、审计、市级）",
                        "Designate administrators (system, security, audit, city)"));
    }
}
