package org.qualitycity.environment.internal;

import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.monitoring.AlarmChanged;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.Text;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Alarms of energy meters (above all the monitoring module's rule "no data for N hours", with the meter's
 * {@code noDataHours} attribute as its threshold) reach the enterprise (its linked accounts) and its regulator (the
 * meter's unit inbox) through the notification module, once when raised.
 */
@Component
class EnergyAlerts {

    private final Devices devices;
    private final Enterprises enterprises;
    private final Notifications notifications;

    EnergyAlerts(Devices devices, Enterprises enterprises, Notifications notifications) {
        this.devices = devices;
        this.enterprises = enterprises;
        this.notifications = notifications;
    }

    @EventListener
    void on(AlarmChanged alarm) {
        if (!"RAISED".equals(alarm.state())) {
            return;
        }
        devices.byId(alarm.deviceId()).filter(d -> d.profile() == DeviceProfile.ENERGY_METER).ifPresent(d -> {
            String code = d.attributes().get("enterpriseCode");
            var enterprise = code == null ? java.util.Optional.<org.qualitycity.enterprise.EnterpriseRef>empty()
                    : enterprises.byCreditCode(code);
            String name = enterprise.map(e -> e.name()).orElse(code == null ? "" : code);
            Notice notice = Notice.warn("environment", Text.of("environment.energy.alert.title", d.name()),
                    Text.of("environment.energy.alert.body", name, d.name(), d.code(), alarm.rule()),
                    "/environment/energy/meters/" + d.id());
            notifications.toUnit(d.unitId(), notice);
            enterprise.ifPresent(e -> enterprises.linkedUsers(e.id()).forEach(u -> notifications.toUser(u, notice)));
        });
    }
}
