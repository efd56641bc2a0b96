package org.qualitycity.indicator.internal;

import org.qualitycity.platform.NavItem;
import org.qualitycity.platform.Navigation;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class IndicatorPermissions implements PermissionCatalog, Navigation {

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission("indicator:value:view", "查看指标数据", "View indicator data"),
                new Permission("indicator:value:enter", "填报指标数据", "Enter indicator data"),
                new Permission("indicator:value:approve", "审核指标数据", "Approve indicator data"),
                new Permission("indicator:value:reopen", "重新打开已锁定数据", "Reopen locked indicator data"),
                new Permission("indicator:target:edit", "调整指标目标", "Change indicator targets"),
                new Permission("indicator:result:recompute", "重新计算指标", "Recompute indicators"));
    }

    @Override
    public List<NavItem> items() {
        return List.of(
                new NavItem("nav.group.indicator", "nav.indicator.dashboard", "/indicators/dashboard", "indicator:value:view", "▤", 100),
                new NavItem("nav.group.indicator", "nav.indicator.warnings", "/indicators/warnings", "indicator:value:view", "⚠", 110),
                new NavItem("nav.group.indicator", "nav.indicator.entry", "/indicators/entry", "indicator:value:enter", "✎", 120),
                new NavItem("nav.group.indicator", "nav.indicator.review", "/indicators/review", "indicator:value:approve", "✓", 130));
    }
}
