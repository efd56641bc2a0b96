package org.qualitycity.spotcheck.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class SpotcheckPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("spotcheck:sample:view", "查看抽查样品和结果", "View samples and results"),
                new Permission("spotcheck:sample:edit", "录入抽样记录", "Record samplings"),
                new Permission("spotcheck:result:edit", "录入检验结果和复检", "Record results and re-tests"),
                new Permission("spotcheck:objection:submit", "提出异议", "File objections"),
                new Permission("spotcheck:rectification:submit", "提交整改报告", "Submit rectification reports"),
                new Permission("spotcheck:rectification:review", "复查整改", "Re-inspect after rectification"),
                new Permission("spotcheck:plan:edit", "制定抽查计划", "Draw up sampling plans"),
                new Permission("spotcheck:announcement:publish", "发布抽查结果公告", "Publish result announcements"));
    }
}
