package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.Point;
import org.qualitycity.platform.ApplicationZone;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores a batch of points in one statement: the points go in as arrays ({@code unnest}), duplicates by (device,
 * metric, time) are skipped ({@code ON CONFLICT DO NOTHING}), and the rows actually inserted with flag N are added
 * to the hourly and daily roll-ups in the same statement, so a point counts once however often it is sent.
 * The bulk statement uses a prepared statement with array parameters (JdbcClient has no array binding); its SQL is
 * a constant.
 */
@Component
class PointStore {

    /** Answers the inserted rows (not the skipped duplicates) for the alarm rules. */
    private static final String INSERT = """
            WITH input AS (
                SELECT d AS device_id, m AS metric, timestamptz 'epoch' + t * interval '1 microsecond' AS time,
                       v AS value, f AS flag
                FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::float8[], ?::varchar[]) AS u(d, m, t, v, f)
            ), ins AS (
                INSERT INTO monitoring_point (device_id, metric, time, value, flag)
                SELECT device_id, metric, time, value, flag FROM input
                ON CONFLICT DO NOTHING
                RETURNING device_id, metric, time, value, flag
            ), hour AS (
                INSERT INTO monitoring_rollup_hour AS r (device_id, metric, bucket, sum, min, max, count)
                SELECT device_id, metric, date_trunc('hour', time), sum(value), min(value), max(value), count(*)
                FROM ins WHERE flag = 'N' GROUP BY 1, 2, 3
                ON CONFLICT (device_id, metric, bucket) DO UPDATE SET sum = r.sum + excluded.sum,
                    min = least(r.min, excluded.min), max = greatest(r.max, excluded.max), count = r.count + excluded.count
            ), day AS (
                INSERT INTO monitoring_rollup_day AS r (device_id, metric, bucket, sum, min, max, count)
                SELECT device_id, metric, date_trunc('day', time, ?), sum(value), min(value), max(value), count(*)
                FROM ins WHERE flag = 'N' GROUP BY 1, 2, 3
                ON CONFLICT (device_id, metric, bucket) DO UPDATE SET sum = r.sum + excluded.sum,
                    min = least(r.min, excluded.min), max = greatest(r.max, excluded.max), count = r.count + excluded.count
            )
            SELECT device_id, metric, (extract(epoch FROM time) * 1000000)::bigint, value, flag
            FROM ins""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    PointStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /** Creates the month partitions these points need (each in its own short transaction), if missing. */
    void ensurePartitions(List<Point> points) {
        Set<YearMonth> months = new java.util.HashSet<>();
        for (Point p : points) {
            months.add(YearMonth.from(p.time().atOffset(ZoneOffset.UTC)));
        }
        for (YearMonth m : months) {
            ensurePartition(m);
        }
    }

    void ensurePartition(YearMonth m) {
        if (partitions.contains(m)) {
            return;
        }
        jdbc.sql("SELECT monitoring_ensure_partition(:month)").param("month", m.atDay(1)).query(Boolean.class).single();
        partitions.add(m);
    }

    /** Forgets the partitions known to exist (after retention dropped some). */
    void forgetPartitions() {
        partitions.clear();
    }

    /**
     * Inserts the points inside the caller's transaction; answers those that were new (in input order).
     */
    List<Point> insert(List<Point> points) {
        int n = points.size();
        Long[] devices = new Long[n];
        String[] metrics = new String[n];
        Long[] times = new Long[n];
        Double[] values = new Double[n];
        String[] flags = new String[n];
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            devices[i] = p.deviceId();
            metrics[i] = p.metric();
            times[i] = ChronoUnit.MICROS.between(Instant.EPOCH, p.time());
            values[i] = p.value();
            flags[i] = p.flag();
        }
        return jdbcTemplate.execute((java.sql.Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setArray(1, c.createArrayOf("int8", devices));
                ps.setArray(2, c.createArrayOf("varchar", metrics));
                ps.setArray(3, c.createArrayOf("int8", times));
                ps.setArray(4, c.createArrayOf("float8", values));
                ps.setArray(5, c.createArrayOf("varchar", flags));
                ps.setString(6, ApplicationZone.ZONE.getId());
                List<Point> inserted = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long micros = rs.getLong(3);
                        inserted.add(new Point(rs.getLong(1), rs.getString(2),
                                Instant.EPOCH.plus(micros, ChronoUnit.MICROS), rs.getDouble(4), rs.getString(5)));
                    }
                }
                return inserted;
            }
        });
    }

    /** Sets the devices' newest point time and last receipt, in one statement (inside the caller's transaction). */
    void touch(java.util.SortedMap<Long, Instant> newest, Instant receivedAt) {
        Long[] ids = newest.keySet().toArray(Long[]::new);
        java.sql.Timestamp[] times = newest.values().stream().map(java.sql.Timestamp::from)
                .toArray(java.sql.Timestamp[]::new);
        jdbcTemplate.execute((java.sql.Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(TOUCH)) {
                ps.setTimestamp(1, java.sql.Timestamp.from(receivedAt));
                ps.setArray(2, c.createArrayOf("int8", ids));
                ps.setArray(3, c.createArrayOf("timestamptz", times));
                return ps.executeUpdate();
            }
        });
    }

    private static final String TOUCH = """
            UPDATE monitoring_device d SET last_point_at = greatest(d.last_point_at, u.t), last_received_at = ?
            FROM unnest(?::bigint[], ?::timestamptz[]) AS u(id, t) WHERE d.id = u.id""";

    static LocalDate monthStart(Instant t) {
        return YearMonth.from(t.atOffset(ZoneOffset.UTC)).atDay(1);
    }
}
