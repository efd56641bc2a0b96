package org.qualitycity.monitoring.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.WorkbenchSource;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** Active alarms of the devices of the user's units, the most recent first, linking to the operations page. */
@Component
class AlarmWorkbench implements WorkbenchSource {

    private final AlarmService alarms;

    AlarmWorkbench(AlarmService alarms) {
        this.alarms = alarms;
    }

    @Override
    public List<Queue> queues(CurrentUser user, LocalDate today) {
        if (!user.can(MonitoringPermissions.ALARM_VIEW)) {
            return List.of();
        }
        PageResult<AlarmService.AlarmView> page = alarms.list(user, "ACTIVE", null,
                new ListQuery(0, TOP, "raisedAt", "desc"));
        if (page.total() == 0) {
            return List.of();
        }
        boolean raised = page.items().stream().anyMatch(a -> "RAISED".equals(a.state()));
        List<Item> items = page.items().stream().map(a -> new Item(Text.of("monitoring.workbench.alarm", a.deviceName(),
                a.rule(), Text.of("monitoring.alarmState." + a.state())), "/monitoring?alarm=" + a.id(), null, null,
                "RAISED".equals(a.state()))).toList();
        return List.of(new Queue(Text.of("monitoring.workbench.alarms", page.total()), page.total(),
                "/monitoring", "/monitoring", raised ? Urgency.OVERDUE : Urgency.OPEN, items));
    }
}
