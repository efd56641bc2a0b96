package org.qualitycity.credit.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class CreditPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("credit:record:view", "查看企业信用", "View credit records"),
                new Permission("credit:event:edit", "录入行政处罚和荣誉", "Enter penalties and honours"),
                new Permission("credit:rule:edit", "修改信用评级规则", "Edit the grading rules"),
                new Permission("credit:blacklist:edit", "列入严重违法失信名单", "List enterprises as serious violators"),
                new Permission("credit:repair:apply", "申请信用修复", "Apply for credit repair"),
                new Permission("credit:repair:decide", "审核信用修复", "Decide credit-repair applications"));
    }
}
