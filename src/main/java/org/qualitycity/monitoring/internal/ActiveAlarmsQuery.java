package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.ActiveAlarms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link ActiveAlarms} over {@code monitoring_alarm} (added for the big screen, issue 18). */
@Component
class ActiveAlarmsQuery implements ActiveAlarms {

    private final JdbcClient jdbc;

    ActiveAlarmsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ActiveAlarm> active(int limit) {
        return jdbc.sql("""
                        SELECT a.id, d.code AS device_code, d.name AS device_name, d.profile, u.code AS unit_code,
                               r.code AS rule, a.severity, a.state, a.raised_at
                        FROM monitoring_alarm a JOIN monitoring_device d ON d.id = a.device_id
                        JOIN monitoring_alarm_rule r ON r.id = a.rule_id JOIN platform_unit u ON u.id = a.unit_id
                        WHERE a.state <> 'CLEARED'
                        ORDER BY CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'MAJOR' THEN 1 WHEN 'MINOR' THEN 2 ELSE 3 END,
                                 a.raised_at DESC, a.id DESC
                        LIMIT :limit""")
                .param("limit", Math.max(0, limit))
                .query((rs, i) -> new ActiveAlarm(rs.getLong("id"), rs.getString("device_code"),
                        rs.getString("device_name"), rs.getString("profile"), rs.getString("unit_code"),
                        rs.getString("rule"), rs.getString("severity"), rs.getString("state"),
                        rs.getTimestamp("raised_at").toInstant()))
                .list();
    }

    @Override
    public long countActive() {
        return jdbc.sql("SELECT count(*) FROM monitoring_alarm WHERE state <> 'CLEARED'").query(Long.class).single();
    }
}
