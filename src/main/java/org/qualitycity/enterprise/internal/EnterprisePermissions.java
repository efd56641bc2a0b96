package org.qualitycity.enterprise.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EnterprisePermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("enterprise:enterprise:view", "查看企业档案", "View the enterprise register"),
                new Permission("enterprise:enterprise:edit", "登记和修改企业", "Register and edit enterprises"),
                new Permission("enterprise:enterprise:import", "Excel 批量导入企业", "Import enterprises from Excel"),
                new Permission(EnterpriseAccountAdministration.MANAGE, "管理企业账号（登记企业的监管部门）",
                        "Administer enterprise accounts (the regulator that registered the enterprise)"));
    }
}
