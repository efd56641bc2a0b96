package org.qualitycity.monitoring.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Random;

/**
 * Demo "no data" rules, one per profile (labelled demo), watching the demo devices through their attribute
 * {@code noDataHours} (air stations 2 h, water 6 h, meters 24 h, elevators 1 h); the {@link DemoTelemetry} simulator
 * keeps the demo devices reporting, so the rules stay quiet unless it stops. Runs after the modules that register the
 * demo devices; set-based SQL only.
 */
@Component
class MonitoringDemoData implements DemoDataContributor {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringDemoData.class);

    private final JdbcClient jdbc;
    private final AlarmRules rules;
    private final DeviceRegistry devices;

    MonitoringDemoData(JdbcClient jdbc, AlarmRules rules, DeviceRegistry devices) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.devices = devices;
    }

    @Override
    public int order() {
        return 480;
    }

    @Override
    public void generate(Random random) {
        long t0 = System.nanoTime();
        jdbc.sql("""
                INSERT INTO monitoring_alarm_rule (profile, code, severity, kind, threshold_attribute, demo)
                SELECT p, 'no-data', 'MAJOR', 'NO_DATA', 'noDataHours', true
                FROM unnest(ARRAY['AIR_STATION', 'WATER_SECTION', 'DRINKING_WATER_SOURCE', 'ENERGY_METER', 'ELEVATOR']) p
                ON CONFLICT (profile, code) DO NOTHING""").update();
        int tagged = jdbc.sql("""
                UPDATE monitoring_device SET attributes = attributes || jsonb_build_object('noDataHours', CASE profile
                    WHEN 'AIR_STATION' THEN '2' WHEN 'ENERGY_METER' THEN '24' WHEN 'ELEVATOR' THEN '1' ELSE '6' END)
                WHERE demo AND attributes -> 'noDataHours' IS NULL""").update();
        rules.reload();
        devices.evict();
        LOG.info("Monitoring demo data: no-data rules for {} demo devices in {} ms", tagged,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
