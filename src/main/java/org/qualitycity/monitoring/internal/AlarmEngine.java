package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.AlarmChanged;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.monitoring.Point;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.WorkflowSteps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates the alarm rules of a device's profile on its new points (N values only, in time order; durations by
 * the measurements' own times). A rule's state per device (when its condition began to hold, the recent hits of a
 * repeating rule, its open alarm) is kept in memory and written to {@code monitoring_rule_state} whenever it
 * changes, in the same transaction as the alarm it raises or clears; a node that starts (or takes over a device)
 * loads it from there, so evaluation resumes where it stopped. One device is evaluated by one ingestion writer at a
 * time (the pipeline's device affinity), so its state needs no lock beyond the device's monitor against the
 * "no data" sweep.
 */
@Component
public class AlarmEngine {

    private final JdbcClient jdbc;
    private final AlarmRules rules;
    private final Devices devices;
    private final WorkflowSteps steps;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<Long, DeviceState> states = new ConcurrentHashMap<>();
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    /** Batches evaluate under the read lock; the "no data" sweep raises under the write lock. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock sweepLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    static final class RuleState {
        Instant since;
        final ArrayDeque<Long> hits = new ArrayDeque<>();
        Long alarmId;
        /** The id of an alarm raised in this batch, known once its insert ran (alarmId is -1 until then). */
        long[] pending;
        boolean dirty;
    }

    static final class DeviceState {
        final Map<Long, RuleState> byRule = new HashMap<>();

        RuleState of(long rule) {
            return byRule.computeIfAbsent(rule, k -> new RuleState());
        }
    }

    AlarmEngine(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate, AlarmRules rules,
                Devices devices, WorkflowSteps steps, AuditLog audit,
                TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.rules = rules;
        this.devices = devices;
        this.steps = steps;
        this.audit = audit;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** Forgets every device's state; it is loaded again from the database (as after a restart). */
    public void forgetState() {
        states.clear();
    }

    private DeviceState load(long deviceId) {
        DeviceState ds = new DeviceState();
        jdbc.sql("SELECT rule_id, since, hits FROM monitoring_rule_state WHERE device_id = :d").param("d", deviceId)
                .query(rs -> {
                    RuleState s = ds.of(rs.getLong(1));
                    Timestamp since = rs.getTimestamp(2);
                    s.since = since == null ? null : since.toInstant();
                    Long[] hits = (Long[]) rs.getArray(3).getArray();
                    for (Long h : hits) {
                        s.hits.add(h);
                    }
                });
        jdbc.sql("SELECT rule_id, id FROM monitoring_alarm WHERE device_id = :d AND state <> 'CLEARED'")
                .param("d", deviceId).query(rs -> {
                    ds.of(rs.getLong(1)).alarmId = rs.getLong(2);
                });
        return ds;
    }

    void evaluate(Device device, List<Point> points, Instant receivedAt) {
        Map<Device, List<Point>> one = new LinkedHashMap<>();
        one.put(device, points);
        evaluate(one, receivedAt);
    }

    /**
     * Evaluates a stored batch: every device's rules in memory, then ONE transaction for the batch with the alarms
     * raised or cleared and ONE statement writing every rule state that changed. If that transaction fails, the
     * devices' states are loaded again and each device is evaluated on its own (one bad device does not cost the
     * others their alarms).
     */
    void evaluate(Map<Device, List<Point>> byDevice, Instant receivedAt) {
        List<Runnable> actions = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        List<RuleState> dirty = new ArrayList<>();
        List<Long> evaluated = new ArrayList<>();
        sweepLock.readLock().lock();
        try {
            for (Map.Entry<Device, List<Point>> e : byDevice.entrySet()) {
                Device device = e.getKey();
                List<AlarmRule> rs = rules.forProfile(device.profile());
                if (rs.isEmpty()) {
                    continue;
                }
                evaluated.add(device.id());
                DeviceState ds = states.computeIfAbsent(device.id(), this::load);
                synchronized (ds) {
                    compute(device, rs, ds, e.getValue(), receivedAt, actions);
                    for (Map.Entry<Long, RuleState> r : ds.byRule.entrySet()) {
                        if (r.getValue().dirty) {
                            keys.add(new long[] {device.id(), r.getKey()});
                            dirty.add(r.getValue());
                        }
                    }
                }
            }
            if (actions.isEmpty() && dirty.isEmpty()) {
                return;
            }
            try {
                tx.executeWithoutResult(status -> {
                    for (Runnable a : actions) {
                        a.run();
                    }
                    saveAll(keys, dirty);
                });
            } catch (RuntimeException e) {
                // the memory no longer matches the database: load the states again
                evaluated.forEach(states::remove);
                if (byDevice.size() == 1) {
                    throw e;
                }
                for (Map.Entry<Device, List<Point>> d : byDevice.entrySet()) {
                    Map<Device, List<Point>> one = new LinkedHashMap<>();
                    one.put(d.getKey(), d.getValue());
                    try {
                        evaluate(one, receivedAt);
                    } catch (RuntimeException ex) {
                        org.slf4j.LoggerFactory.getLogger(AlarmEngine.class)
                                .warn("alarm rules failed for device {}", d.getKey().id(), ex);
                    }
                }
            }
        } finally {
            sweepLock.readLock().unlock();
        }
    }

    /** One device's rules over its new points, in memory; the database work it implies goes to {@code actions}. */
    private void compute(Device device, List<AlarmRule> rs, DeviceState ds, List<Point> points, Instant receivedAt,
                         List<Runnable> actions) {
        for (AlarmRule rule : rs) {
            RuleState s = ds.of(rule.id());
            if (rule.kind() == AlarmRule.Kind.NO_DATA) {
                if (s.alarmId != null) {
                    long alarm = s.alarmId;
                    s.alarmId = null;
                    actions.add(() -> clear(alarm, device, rule, receivedAt));
                }
                continue;
            }
            Double t = rule.thresholdFor(device);
            if (t == null) {
                continue;
            }
            Double ct = rule.hasClearCondition() ? rule.clearThresholdFor(device) : null;
            for (Point p : points) {
                if (!p.normal() || !p.metric().equals(rule.metric())) {
                    continue;
                }
                boolean hit = AlarmRule.compare(p.value(), rule.operator(), t);
                boolean clears = rule.hasClearCondition() ? ct != null && AlarmRule.compare(p.value(),
                        rule.clearOperator(), ct) : !hit;
                boolean fire = switch (rule.kind()) {
                    case SIMPLE -> hit;
                    case DURATION -> {
                        if (hit) {
                            if (s.since == null) {
                                s.since = p.time();
                                s.dirty = true;
                            }
                            yield !Duration.between(s.since, p.time()).minusSeconds(rule.durationSeconds())
                                    .isNegative();
                        }
                        if (s.since != null) {
                            s.since = null;
                            s.dirty = true;
                        }
                        yield false;
                    }
                    case REPEATING -> {
                        if (hit) {
                            long ms = p.time().toEpochMilli();
                            s.hits.addLast(ms);
                            while (!s.hits.isEmpty() && s.hits.peekFirst() <= ms - rule.windowSeconds() * 1000L) {
                                s.hits.pollFirst();
                            }
                            s.dirty = true;
                            yield s.hits.size() >= rule.repeatCount();
                        }
                        yield false;
                    }
                    case NO_DATA -> false;
                };
                if (fire && s.alarmId == null) {
                    Point at = p;
                    long[] box = new long[1];
                    s.alarmId = -1L; // reserved until the insert below answers its id
                    s.pending = box;
                    actions.add(() -> {
                        box[0] = raise(device, rule, at.time(), at.value());
                        if (s.alarmId != null && s.alarmId == -1L && s.pending == box) {
                            s.alarmId = box[0];
                            s.pending = null;
                        }
                    });
                } else if (clears && s.alarmId != null && !hit) {
                    Long alarm = s.alarmId;
                    long[] box = s.pending;
                    s.alarmId = null;
                    s.pending = null;
                    s.since = null;
                    s.hits.clear();
                    s.dirty = true;
                    Instant when = p.time();
                    actions.add(() -> clear(alarm > 0 ? alarm : box[0], device, rule, when));
                }
            }
        }
    }

    /** Writes the changed rule states in one statement (inside the caller's transaction). */
    private void saveAll(List<long[]> keys, List<RuleState> changed) {
        if (keys.isEmpty()) {
            return;
        }
        int n = keys.size();
        Long[] deviceIds = new Long[n];
        Long[] ruleIds = new Long[n];
        Long[] since = new Long[n];
        String[] hits = new String[n];
        for (int i = 0; i < n; i++) {
            RuleState s = changed.get(i);
            deviceIds[i] = keys.get(i)[0];
            ruleIds[i] = keys.get(i)[1];
            since[i] = s.since == null ? null : java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, s.since);
            StringBuilder b = new StringBuilder("{");
            for (Long h : s.hits) {
                b.append(b.length() > 1 ? "," : "").append(h);
            }
            hits[i] = b.append('}').toString();
            s.dirty = false;
        }
        jdbcTemplate.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(SAVE_ALL)) {
                ps.setArray(1, c.createArrayOf("int8", deviceIds));
                ps.setArray(2, c.createArrayOf("int8", ruleIds));
                ps.setArray(3, c.createArrayOf("int8", since));
                ps.setArray(4, c.createArrayOf("text", hits));
                return ps.executeUpdate();
            }
        });
    }

    /** Constant SQL (array parameters: JdbcClient has no array binding); in key order, so writers never deadlock. */
    private static final String SAVE_ALL = """
            INSERT INTO monitoring_rule_state (device_id, rule_id, since, hits)
            SELECT d, r, timestamptz 'epoch' + s * interval '1 microsecond', h::bigint[]
            FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[]) AS u(d, r, s, h)
            ORDER BY d, r
            ON CONFLICT (device_id, rule_id) DO UPDATE SET since = excluded.since, hits = excluded.hits""";

    /** Raises an alarm (inside the caller's transaction); answers its id. */
    private long raise(Device device, AlarmRule rule, Instant at, Double value) {
        long id = jdbc.sql("""
                        INSERT INTO monitoring_alarm (device_id, rule_id, unit_id, severity, state, raised_at, value)
                        VALUES (:d, :r, :u, :severity, 'RAISED', :at, :value) RETURNING id""")
                .param("d", device.id()).param("r", rule.id()).param("u", device.unitId())
                .param("severity", rule.severity()).param("at", Timestamp.from(at)).param("value", value)
                .query(Long.class).single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", "RAISED");
        after.put("device", device.code());
        after.put("rule", rule.code());
        after.put("value", value);
        audit.record("monitoring", "alarm", id, device.unitId(), "RAISE", null, after);
        events.publishEvent(new AlarmChanged(id, device.id(), rule.code(), rule.severity(), "RAISED", at));
        return id;
    }

    private void clear(long alarmId, Device device, AlarmRule rule, Instant at) {
        String current = jdbc.sql("SELECT state FROM monitoring_alarm WHERE id = :id FOR UPDATE").param("id", alarmId)
                .query(String.class).optional().orElse("CLEARED");
        if ("CLEARED".equals(current)) {
            return;
        }
        steps.apply(AlarmWorkflow.TABLE, alarmId, device.unitId(), AlarmWorkflow.State.valueOf(current),
                AlarmWorkflow.Step.CLEAR, new AlarmWorkflow.Facts(), t -> {
                    jdbc.sql("UPDATE monitoring_alarm SET state = 'CLEARED', cleared_at = :at WHERE id = :id")
                            .param("at", Timestamp.from(at)).param("id", alarmId).update();
                    return WorkflowSteps.Change.STATES;
                });
        events.publishEvent(new AlarmChanged(alarmId, device.id(), rule.code(), rule.severity(), "CLEARED", at));
    }

    /**
     * The "no data" rules: raises an alarm for every device of the rule's profile from which nothing arrived for
     * the rule's duration (counted from registration for a device that never sent anything).
     */
    public int sweepNoData() {
        int raised = 0;
        Instant now = clock.instant();
        for (List<AlarmRule> list : rules.reload().values()) {
            for (AlarmRule rule : list) {
                if (rule.kind() != AlarmRule.Kind.NO_DATA) {
                    continue;
                }
                // the silence allowed: the rule's duration, or (with a threshold attribute) the device's own number of
                // hours, in which case only devices with that attribute are watched
                List<Long> silent = jdbc.sql("""
                                SELECT d.id FROM monitoring_device d
                                WHERE d.profile = :profile
                                  AND (CAST(:attribute AS varchar) IS NULL
                                       OR (d.attributes ->> CAST(:attribute AS varchar)) ~ '^[0-9]+(\\.[0-9]+)?$')
                                  AND coalesce(d.last_received_at, d.created_at) < CAST(:now AS timestamptz) - CASE
                                      WHEN CAST(:attribute AS varchar) IS NULL THEN CAST(:seconds AS int) * interval '1 second'
                                      ELSE (d.attributes ->> CAST(:attribute AS varchar))::numeric * interval '1 hour' END
                                  AND NOT EXISTS (SELECT 1 FROM monitoring_alarm a WHERE a.device_id = d.id
                                                  AND a.rule_id = :rule AND a.state <> 'CLEARED')""")
                        .param("profile", rule.profile().name()).param("rule", rule.id())
                        .param("attribute", rule.thresholdAttribute())
                        .param("seconds", rule.durationSeconds() == null ? 0 : rule.durationSeconds())
                        .param("now", Timestamp.from(now))
                        .query(Long.class).list();
                for (long id : silent) {
                    Device d = devices.byId(id).orElse(null);
                    if (d == null) {
                        continue;
                    }
                    sweepLock.writeLock().lock();
                    try {
                        DeviceState ds = states.computeIfAbsent(id, this::load);
                        synchronized (ds) {
                            RuleState s = ds.of(rule.id());
                            if (s.alarmId == null) {
                                s.alarmId = tx.execute(st -> raise(d, rule, now, null));
                                raised++;
                            }
                        }
                    } finally {
                        sweepLock.writeLock().unlock();
                    }
                }
            }
        }
        return raised;
    }
}
