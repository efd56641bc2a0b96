package org.qualitycity.monitoring.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class MonitoringPermissions implements PermissionCatalog {

    static final String DEVICE_VIEW = "monitoring:device:view";
    static final String DEVICE_EDIT = "monitoring:device:edit";
    static final String ALARM_VIEW = "monitoring:alarm:view";
    static final String ALARM_ACK = "monitoring:alarm:ack";
    static final String RULE_EDIT = "monitoring:rule:edit";

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission(DEVICE_VIEW), new Permission(DEVICE_EDIT), new Permission(ALARM_VIEW),
                new Permission(ALARM_ACK), new Permission(RULE_EDIT));
    }
}
