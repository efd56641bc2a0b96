package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.AlarmChanged;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.jobs.ScheduledRuns;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alarms as users see them: lists in the caller's scope, acknowledgement, history; the "no data" sweep. */
@Service
public class AlarmService {

    public record AlarmView(long id, long deviceId, String deviceCode, String deviceName, String profile,
                            String unitCode, String rule, String severity, String state, Instant raisedAt, Double value,
                            Instant acknowledgedAt, Instant clearedAt) {
    }

    public record AlarmDetail(AlarmView alarm, List<WorkflowSteps.Step> history) {
    }

    private static final String FROM = """
             FROM monitoring_alarm a JOIN monitoring_device d ON d.id = a.device_id
             JOIN monitoring_alarm_rule r ON r.id = a.rule_id JOIN platform_unit u ON u.id = a.unit_id""";
    private static final String SELECT = """
            SELECT a.id, a.device_id, d.code AS device_code, d.name AS device_name, d.profile, u.code AS unit_code,
                   r.code AS rule, a.severity, a.state, a.raised_at, a.value, a.acknowledged_at, a.cleared_at""" + " " + FROM;
    private static final Map<String, String> SORTS = Map.of("raisedAt", "a.raised_at", "severity",
            "CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'MAJOR' THEN 1 WHEN 'MINOR' THEN 2 ELSE 3 END",
            "device", "d.code");

    private final JdbcClient jdbc;
    private final WorkflowSteps steps;
    private final ApplicationEventPublisher events;
    private final AlarmEngine engine;
    private final ScheduledRuns runs;
    private final Clock clock;

    AlarmService(JdbcClient jdbc, WorkflowSteps steps, ApplicationEventPublisher events, AlarmEngine engine,
                 ScheduledRuns runs, Clock clock) {
        this.jdbc = jdbc;
        this.steps = steps;
        this.events = events;
        this.engine = engine;
        this.runs = runs;
        this.clock = clock;
    }

    /** Alarms in the caller's scope; state ACTIVE (default) means raised or acknowledged. */
    public PageResult<AlarmView> list(CurrentUser user, String state, Long deviceId, ListQuery q) {
        return query(user, state, deviceId).orderBy(q, SORTS, "raisedAt", true, "a.id DESC")
                .page(jdbc, SELECT, AlarmService::map, q);
    }

    public long countActive(CurrentUser user) {
        return query(user, "ACTIVE", null).count(jdbc);
    }

    private ListSql query(CurrentUser user, String state, Long deviceId) {
        String s = state == null || state.isBlank() ? "ACTIVE" : state;
        if (!s.matches("ACTIVE|ALL|RAISED|ACKNOWLEDGED|CLEARED")) {
            throw new ValidationException("state", Texts.msg("monitoring.error.alarm-state"));
        }
        return ListSql.from(FROM).scope(user.scope(), "a.unit_id", null)
                .when("ACTIVE".equals(s), "a.state <> 'CLEARED'")
                .equal("a.state", "state", s.matches("RAISED|ACKNOWLEDGED|CLEARED") ? s : null)
                .equal("a.device_id", "deviceId", deviceId);
    }

    public AlarmDetail get(long id, CurrentUser user) {
        AlarmView v = ListSql.from(FROM).scope(user.scope(), "a.unit_id", null).equal("a.id", "id", id)
                .orderBy("a.id").all(jdbc, SELECT, AlarmService::map, 1).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("alarm"));
        return new AlarmDetail(v, steps.history(AlarmWorkflow.TABLE, id));
    }

    @Transactional
    public AlarmDetail acknowledge(long id, CurrentUser user) {
        AlarmView v = get(id, user).alarm();
        Map<String, Object> row = jdbc.sql("SELECT state, unit_id FROM monitoring_alarm WHERE id = :id FOR UPDATE")
                .param("id", id).query().singleRow();
        String current = (String) row.get("state");
        Instant now = clock.instant();
        steps.apply(AlarmWorkflow.TABLE, id, ((Number) row.get("unit_id")).longValue(), AlarmWorkflow.State.valueOf(current), AlarmWorkflow.Step.ACKNOWLEDGE,
                new AlarmWorkflow.Facts(), t -> {
                    jdbc.sql("""
                                    UPDATE monitoring_alarm SET state = 'ACKNOWLEDGED', acknowledged_at = :at,
                                        acknowledged_by = :by WHERE id = :id""")
                            .param("at", Timestamp.from(now)).param("by", user.id()).param("id", id).update();
                    return WorkflowSteps.Change.STATES;
                });
        events.publishEvent(new AlarmChanged(id, v.deviceId(), v.rule(), v.severity(), "ACKNOWLEDGED", now));
        return get(id, user);
    }

    @Scheduled(fixedDelayString = "${qc.monitoring.no-data-sweep-ms:60000}",
            initialDelayString = "${qc.monitoring.no-data-sweep-delay-ms:60000}")
    void sweep() {
        runs.runIfFree("monitoring.no-data", engine::sweepNoData);
    }

    private static AlarmView map(ResultSet rs, int row) throws SQLException {
        return new AlarmView(rs.getLong("id"), rs.getLong("device_id"), rs.getString("device_code"),
                rs.getString("device_name"), rs.getString("profile"), rs.getString("unit_code"), rs.getString("rule"),
                rs.getString("severity"), rs.getString("state"), rs.getTimestamp("raised_at").toInstant(),
                (Double) rs.getObject("value"), instant(rs.getTimestamp("acknowledged_at")),
                instant(rs.getTimestamp("cleared_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
