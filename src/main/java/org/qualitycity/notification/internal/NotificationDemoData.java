package org.qualitycity.notification.internal;

import org.qualitycity.notification.Notice;
import org.qualitycity.platform.DemoDataContributor;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.stereotype.Component;

import java.util.Random;

/** A welcome notice to every district and zone, so that the demo inbox is not empty. */
@Component
class NotificationDemoData implements DemoDataContributor {

    private final NotificationService notifications;
    private final Units units;

    NotificationDemoData(NotificationService notifications, Units units) {
        this.notifications = notifications;
        this.units = units;
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public void generate(Random random) {
        for (Unit area : units.areas()) {
            notifications.toUnit(area.id(), Notice.info("notice", "【演示】欢迎使用质量强市工作平台",
                    "市质强办：请各县市区按《咸宁市创建全国质量强市示范城市工作方案》分解任务，按时报送指标数据和工作进展。",
                    "/"));
        }
    }
}
