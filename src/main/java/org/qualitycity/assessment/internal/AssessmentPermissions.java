package org.qualitycity.assessment.internal;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class AssessmentPermissions implements PermissionCatalog, Navigation {

    static final String VIEW = "assessment:result:view";
    static final String OBJECT = "assessment:result:object";
    static final String RUN = "assessment:result:run";
    static final String ADJUST = "assessment:result:adjust";
    static final String PUBLISH = "assessment:result:publish";
    static final String SCHEME = "assessment:scheme:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(VIEW, "查看考核结果", "View assessment results"),
                new Permission(OBJECT, "对本单位考核结果提出异议", "Object to the own unit's result"),
                new Permission(RUN, "运行年度考核", "Run the annual assessment"),
                new Permission(ADJUST, "调整考核得分、录入加减分", "Adjust scores, record bonus and deduction items"),
                new Permission(PUBLISH, "发布考核结果", "Publish the assessment"),
                new Permission(SCHEME, "编辑考核评分方案", "Edit scoring schemes"));
    }

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.assessment", "assessment.nav.results", "/assessments", VIEW, "★", 300),
                new NavItem("nav.group.assessment", "assessment.nav.schemes", "/assessments/schemes", SCHEME, "⚖", 301));
    }
}
