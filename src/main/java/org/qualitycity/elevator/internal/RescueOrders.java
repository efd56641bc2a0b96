package org.qualitycity.elevator.internal;

import org.qualitycity.elevator.internal.RescueWorkflow.Action;
import org.qualitycity.elevator.internal.RescueWorkflow.State;
import org.qualitycity.jobs.ScheduledRuns;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.WorkflowSteps;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * 96333 rescue orders: opened by a trapped-passenger alarm with a response timer (default 3 minutes) and an arrival
 * timer (default 30 minutes) from the opening; the steps of {@link RescueWorkflow}; a timer job, once per cluster
 * ({@link ScheduledRuns}, job {@code elevator.rescue-timers}), that escalates missed timers to the elevator's district
 * and the city (each timer once: its {@code *_escalated_at} column is claimed by the update) and opens orders for
 * cars whose trapped condition has lasted without a further status message.
 */
@Service
public class RescueOrders {

    static final String JOB = "elevator.rescue-timers";
    static final Map<String, String> SORTS = Map.of("opened", "o.opened_at", "state", "o.state");

    private final JdbcClient jdbc;
    private final Devices devices;
    private final Units units;
    private final AuditLog audit;
    private final Notifications notifications;
    private final WorkflowSteps steps;
    private final ScheduledRuns runs;
    private final Clock clock;
    private final Duration response;
    private final Duration arrival;
    private final Duration trapped;
    private final FaultCodes faultCodes;

    RescueOrders(JdbcClient jdbc, Devices devices, Units units, AuditLog audit, Notifications notifications,
                 WorkflowSteps steps, ScheduledRuns runs, Clock clock, FaultCodes faultCodes,
                 @Value("${qc.elevator.response-minutes:3}") long responseMinutes,
                 @Value("${qc.elevator.arrival-minutes:30}") long arrivalMinutes,
                 @Value("${qc.elevator.trapped-seconds:60}") long trappedSeconds) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.units = units;
        this.audit = audit;
        this.notifications = notifications;
        this.steps = steps;
        this.runs = runs;
        this.clock = clock;
        this.response = Duration.ofMinutes(responseMinutes);
        this.arrival = Duration.ofMinutes(arrivalMinutes);
        this.trapped = Duration.ofSeconds(trappedSeconds);
        this.faultCodes = faultCodes;
    }

    /** How long the trapped condition must last before an order opens. */
    Duration trappedAfter() {
        return trapped;
    }

    /** One order with its elevator and timers. */
    public record OrderView(long id, long deviceId, String elevator, String registrationCode, String code96333,
                            String address, String unitCode, String state, Instant trappedSince, Instant openedAt,
                            Instant responseDue, Instant arrivalDue, Instant respondedAt, Instant arrivedAt,
                            Instant releasedAt, Instant closedAt, boolean responseEscalated, boolean arrivalEscalated,
                            boolean responseMissed, boolean arrivalMissed, String note, boolean demo,
                            java.util.List<String> actions, FaultCodes.FaultLabel fault) {
    }

    /** A step: the action and an optional note. */
    public record Step(Action action, String note) {
    }

    /**
     * Opens an order for the elevator unless one is running (then nothing happens).
     *
     * @return the new order's id, or null when one was running already
     */
    @Transactional
    public Long open(Device d, Instant trappedSince, boolean demo) {
        Instant now = clock.instant();
        Long id = jdbc.sql("""
                        INSERT INTO elevator_rescue_order (device_id, unit_id, state, trapped_since, opened_at, response_due,
                                                           arrival_due, demo, fault_code)
                        VALUES (:device, :unit, 'OPEN', :since, :now, :responseDue, :arrivalDue, :demo,
                                (SELECT s.fault_code FROM elevator_status s WHERE s.device_id = :device))
                        ON CONFLICT (device_id) WHERE state IN ('OPEN', 'RESPONDED', 'ARRIVED') DO NOTHING
                        RETURNING id""")
                .param("device", d.id()).param("unit", d.unitId()).param("since", Timestamp.from(trappedSince))
                .param("now", Timestamp.from(now)).param("responseDue", Timestamp.from(now.plus(response)))
                .param("arrivalDue", Timestamp.from(now.plus(arrival))).param("demo", demo)
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            return null;
        }
        audit.record("elevator", "rescue-order", id, d.unitId(), "OPEN", null,
                Map.of("deviceId", d.id(), "trappedSince", trappedSince.toString()));
        notifications.toUnit(d.unitId(), Notice.alert("elevator", Text.of("elevator.message.trapped.title", d.name()),
                Text.of("elevator.message.trapped.body", d.name(), d.attributes().getOrDefault("address", ""),
                        d.attributes().getOrDefault("code96333", "")), "/elevators/rescue-orders"));
        return id;
    }

    @Transactional(readOnly = true)
    public PageResult<OrderView> list(Boolean running, ListQuery q, CurrentUser user) {
        ListSql list = ListSql.from("FROM elevator_rescue_order o")
                .where(user.scope().predicate("o.unit_id", null), user.scope().params());
        if (running != null) {
            list.where(running ? "o.state IN ('OPEN', 'RESPONDED', 'ARRIVED')" : "o.state NOT IN ('OPEN', 'RESPONDED', 'ARRIVED')");
        }
        return list.orderBy(q, SORTS, "opened", true, "o.id")
                .page(jdbc, "SELECT o.* FROM elevator_rescue_order o ", this::map, q);
    }

    @Transactional(readOnly = true)
    public OrderView get(long id, CurrentUser user) {
        return jdbc.sql("SELECT o.* FROM elevator_rescue_order o WHERE o.id = :id AND "
                        + user.scope().predicate("o.unit_id", null))
                .param("id", id).params(user.scope().params()).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("rescue-order"));
    }

    @Transactional
    public OrderView act(long id, Step step, CurrentUser user) {
        if (step == null || step.action() == null) {
            throw new ValidationException("action", Texts.msg("elevator.error.action"));
        }
        if (step.note() != null && step.note().length() > 500) {
            throw new ValidationException("note", Texts.msg("elevator.error.note"));
        }
        OrderView o = get(id, user);
        Instant now = clock.instant();
        String column = switch (step.action()) {
            case RESPOND -> "responded_at";
            case ARRIVE -> "arrived_at";
            case RELEASE -> "released_at";
            case CLOSE, CANCEL -> "closed_at";
        };
        var unitId = units.byCode(o.unitCode()).map(u -> u.id()).orElse(null);
        steps.apply(RescueWorkflow.TABLE, id, unitId, State.valueOf(o.state()), step.action(),
                new RescueWorkflow.Facts(user.can("elevator:rescue:handle")), t -> {
                    // the column is one of the constants above, never input
                    jdbc.sql("UPDATE elevator_rescue_order SET state = :to, " + column + " = :now,"
                                    + " note = COALESCE(:note, note) WHERE id = :id")
                            .param("to", t.to().name()).param("now", Timestamp.from(now)).param("note", step.note())
                            .param("id", id).update();
                    return WorkflowSteps.Change.STATES;
                });
        return get(id, user);
    }

    /** The timer job: every {@code qc.elevator.timer-ms} (default 15 s), once per cluster. */
    @Scheduled(fixedDelayString = "${qc.elevator.timer-ms:15000}", initialDelayString = "${qc.elevator.timer-ms:15000}")
    void timer() {
        runs.runIfFree(JOB, this::checkTimers);
    }

    /**
     * Escalates missed timers (each once) and opens orders for trapped conditions that have lasted; idempotent.
     *
     * @return how many escalations and openings this run made
     */
    public int checkTimers() {
        Instant now = clock.instant();
        int done = 0;
        List<long[]> missedResponse = jdbc.sql("""
                        UPDATE elevator_rescue_order SET response_escalated_at = :now
                        WHERE state = 'OPEN' AND response_due < :now AND response_escalated_at IS NULL
                        RETURNING id, device_id, unit_id""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        for (long[] m : missedResponse) {
            escalate(m, "elevator.message.noResponse", false);
            done++;
        }
        List<long[]> missedArrival = jdbc.sql("""
                        UPDATE elevator_rescue_order SET arrival_escalated_at = :now
                        WHERE state IN ('OPEN', 'RESPONDED') AND arrival_due < :now AND arrival_escalated_at IS NULL
                        RETURNING id, device_id, unit_id""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        for (long[] m : missedArrival) {
            escalate(m, "elevator.message.noArrival", true);
            done++;
        }
        // a car that went silent while trapped: its condition has lasted since the last status message
        List<long[]> silent = jdbc.sql("""
                        SELECT s.device_id, extract(epoch FROM s.trapped_since) * 1000 FROM elevator_status s
                        WHERE s.trapped_since <= :limit AND NOT EXISTS (SELECT 1 FROM elevator_rescue_order o
                              WHERE o.device_id = s.device_id AND o.state IN ('OPEN', 'RESPONDED', 'ARRIVED'))""")
                .param("limit", Timestamp.from(now.minus(trapped)))
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        for (long[] s : silent) {
            Device d = devices.byId(s[0]).orElse(null);
            if (d != null && open(d, Instant.ofEpochMilli(s[1]), d.demo()) != null) {
                done++;
            }
        }
        return done;
    }

    private void escalate(long[] m, String key, boolean toCity) {
        String name = devices.byId(m[1]).map(Device::name).orElse("#" + m[1]);
        String link = "/elevators/rescue-orders";
        audit.record("elevator", "rescue-order", m[0], m[2], key.endsWith("noResponse") ? "ESCALATE_RESPONSE"
                : "ESCALATE_ARRIVAL", null, Map.of("deviceId", m[1]));
        notifications.toUnit(m[2], Notice.alert("elevator", Text.of(key + ".title", name), Text.of(key + ".body", name, m[0]),
                link));
        if (toCity) {
            long city = units.city().id();
            if (city != m[2]) {
                notifications.toUnit(city, Notice.alert("elevator", Text.of(key + ".title", name),
                        Text.of(key + ".body", name, m[0]), link));
            }
        }
    }

    private OrderView map(ResultSet rs, int n) throws SQLException {
        Instant now = clock.instant();
        long deviceId = rs.getLong("device_id");
        Device d = devices.byId(deviceId).orElse(null);
        Map<String, String> a = d == null ? Map.of() : d.attributes();
        String state = rs.getString("state");
        Instant responseDue = rs.getTimestamp("response_due").toInstant();
        Instant arrivalDue = rs.getTimestamp("arrival_due").toInstant();
        Instant responded = instant(rs, "responded_at");
        Instant arrived = instant(rs, "arrived_at");
        boolean responseMissed = responded == null ? now.isAfter(responseDue) && !"CANCELLED".equals(state)
                : responded.isAfter(responseDue);
        boolean arrivalMissed = arrived == null ? now.isAfter(arrivalDue) && !"CANCELLED".equals(state)
                : arrived.isAfter(arrivalDue);
        String unitCode = units.byId(rs.getLong("unit_id")).map(u -> u.code()).orElse("");
        return new OrderView(rs.getLong("id"), deviceId, d == null ? "#" + deviceId : d.name(),
                a.getOrDefault("registrationCode", ""), a.getOrDefault("code96333", ""), a.getOrDefault("address", ""),
                unitCode, state, rs.getTimestamp("trapped_since").toInstant(), rs.getTimestamp("opened_at").toInstant(),
                responseDue, arrivalDue, responded, arrived, instant(rs, "released_at"), instant(rs, "closed_at"),
                rs.getTimestamp("response_escalated_at") != null, rs.getTimestamp("arrival_escalated_at") != null,
                responseMissed, arrivalMissed, rs.getString("note"), rs.getBoolean("demo"),
                RescueWorkflow.TABLE.actionsIn(State.valueOf(state)).stream().map(Enum::name).sorted().toList(),
                faultCodes.label(rs.getString("fault_code")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
