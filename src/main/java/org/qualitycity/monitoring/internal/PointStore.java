package org.qualitycity.monitoring.internal;

import org.postgresql.PGConnection;
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
 * Stores a batch of points: the points go into a temporary staging table by binary {@code COPY} (pgjdbc's
 * CopyManager: no per-row statement, no text parsing), then one statement moves them into the partitioned table,
 * skipping duplicates by (device, metric, time) ({@code ON CONFLICT DO NOTHING}), and adds the rows actually inserted
 * with flag N to the hourly and daily roll-ups in the same statement, so a point counts once however often it is
 * sent. The statement answers only the number of rows inserted when that is the whole batch (the usual case); the
 * inserted keys only when some were duplicates. All SQL here is constant.
 */
@Component
class PointStore {

    /** The staging table: one per database session, emptied at every commit (and gone on rollback). */
    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS monitoring_point_stage (device_id bigint, metric varchar(40),
                time timestamptz, value float8, flag varchar(4)) ON COMMIT DELETE ROWS""";

    private static final String COPY = "COPY monitoring_point_stage (device_id, metric, time, value, flag) "
            + "FROM STDIN (FORMAT binary)";

    /**
     * Moves the staged rows; answers one row (metric null) with the number inserted, and the keys inserted when
     * fewer than the batch's size (parameter 2) were new.
     */
    private static final String INSERT = """
            WITH ins AS (
                INSERT INTO monitoring_point (device_id, metric, time, value, flag)
                SELECT device_id, metric, time, value, flag FROM monitoring_point_stage
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
            ), n AS (
                SELECT count(*) AS n FROM ins
            )
            SELECT 0::bigint, NULL::varchar, n::bigint FROM n
            UNION ALL
            SELECT device_id, metric, (extract(epoch FROM time) * 1000000)::bigint FROM ins, n WHERE n.n < ?""";

    /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC), for binary timestamps. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /** A stored point's identity. */
    record Key(long deviceId, String metric, long micros) {
        static Key of(Point p) {
            return new Key(p.deviceId(), p.metric(), ChronoUnit.MICROS.between(Instant.EPOCH, p.time()));
        }
    }

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
            months.add(utcMonth(p.time()));
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
     * Inserts the points inside the caller's transaction; answers those that were new (in input order; of points
     * repeated within the batch, the first).
     */
    List<Point> insert(List<Point> points) {
        byte[] data = binaryCopy(points);
        return jdbcTemplate.execute((java.sql.Connection c) -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute(STAGE);
            }
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new java.io.ByteArrayInputStream(data));
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("COPY into the staging table failed", e);
            }
            long count = -1;
            java.util.Set<Key> fresh = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, ApplicationZone.ZONE.getId());
                ps.setLong(2, points.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String metric = rs.getString(2);
                        if (metric == null) {
                            count = rs.getLong(3);
                        } else {
                            fresh.add(new Key(rs.getLong(1), metric, rs.getLong(3)));
                        }
                    }
                }
            }
            if (count == points.size()) {
                return points;
            }
            List<Point> inserted = new ArrayList<>(fresh.size());
            for (Point p : points) {
                if (fresh.remove(Key.of(p))) {
                    inserted.add(p);
                }
            }
            return inserted;
        });
    }

    /** The points in PostgreSQL's binary COPY format (header, one tuple of five fields per point, trailer). */
    static byte[] binaryCopy(List<Point> points) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(32 + points.size() * 56);
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeBytes("PGCOPY\n");
            out.write(0xff);
            out.writeBytes("\r\n");
            out.write(0);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            for (Point p : points) {
                out.writeShort(5);
                out.writeInt(8);
                out.writeLong(p.deviceId());
                byte[] metric = p.metric().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(metric.length);
                out.write(metric);
                out.writeInt(8);
                out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, p.time()) - PG_EPOCH_MICROS);
                out.writeInt(8);
                out.writeDouble(p.value());
                byte[] flag = p.flag().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(flag.length);
                out.write(flag);
            }
            out.writeShort(-1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
        return utcMonth(t).atDay(1);
    }

    /** The UTC month of an instant by day arithmetic: {@code atOffset(ZoneOffset.UTC)} builds new zone rules on every
     *  call, which was 11 % of the writers' CPU samples in the ingestion benchmark (it runs once per point). */
    static YearMonth utcMonth(Instant t) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L));
        return YearMonth.of(day.getYear(), day.getMonth());
    }
}
