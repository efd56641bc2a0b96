package org.qualitycity.survey.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class SurveyPermissions implements PermissionCatalog {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("survey:survey:view"),
                new Permission("survey:survey:edit"),
                new Permission("survey:answer:enter"),
                new Permission("survey:answer:import"));
    }
}
