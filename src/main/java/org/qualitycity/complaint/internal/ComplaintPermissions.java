package org.qualitycity.complaint.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class ComplaintPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("complaint:case:view", "查看投诉举报（个人信息脱敏）", "View complaints and reports (personal data masked)"),
                new Permission("complaint:case:create", "登记投诉举报（热线、窗口）", "Register complaints (hotline, walk-in)"),
                new Permission("complaint:case:handle", "办理投诉举报", "Handle complaints and reports"),
                new Permission("complaint:case:supervise", "督办投诉举报（延期审批、重新办理、查看个人信息）",
                        "Supervise complaints (approve extensions, reopen, view personal data)"),
                new Permission("complaint:rule:edit", "编辑分派规则", "Edit dispatch rules"));
    }
}
