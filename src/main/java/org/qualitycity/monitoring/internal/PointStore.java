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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores a batch of points. The usual case, a batch of points never seen before, goes by binary {@code COPY} (pgjdbc's
 * CopyManager: no per-row statement, no text parsing) straight into the partitioned table, whose primary key
 * (device, metric, time) refuses any point already stored; the batch's values with flag N are summed per device,
 * metric and minute in memory, and ONE statement adds those sums to the hourly and daily roll-ups (PostgreSQL buckets
 * the minutes into hours and days of the session's zone). When the key refuses a point (a device resending, a point
 * twice in the batch) the {@code COPY} is rolled back to a savepoint and the batch takes the careful path: a temporary
 * staging table, then one statement moves the staged rows into the partitioned table skipping duplicates
 * ({@code ON CONFLICT DO NOTHING}) and adds the rows actually inserted to the roll-ups in the same statement, so a
 * point counts once however often it is sent. All SQL here is constant.
 */
@Component
class PointStore {

    /** The staging table: one per database session, emptied at every commit (and gone on rollback). */
    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS monitoring_point_stage (device_id bigint, metric varchar(40),
                time timestamptz, value float8, flag varchar(4)) ON COMMIT DELETE ROWS""";

    /** Straight into the partitioned table (PostgreSQL routes each row to its month's partition). */
    private static final String COPY_DIRECT = "COPY monitoring_point (device_id, metric, time, value, flag) "
            + "FROM STDIN (FORMAT binary)";

    /**
     * Adds minute sums (device, metric, minute as microseconds from the Unix epoch, sum, min, max, count) to the hourly
     * and daily roll-ups; the day in the zone of parameter 8.
     */
    private static final String ROLLUP = """
            WITH m AS (
                SELECT d AS device_id, k AS metric, timestamptz 'epoch' + t * interval '1 microsecond' AS time,
                       s, lo, hi, n
                FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::bigint[])
                    AS u(d, k, t, s, lo, hi, n)
            ), hour AS (
                INSERT INTO monitoring_rollup_hour AS r (device_id, metric, bucket, sum, min, max, count)
                SELECT device_id, metric, date_trunc('hour', time), sum(s), min(lo), max(hi), sum(n)::bigint
                FROM m GROUP BY 1, 2, 3
                ON CONFLICT (device_id, metric, bucket) DO UPDATE SET sum = r.sum + excluded.sum,
                    min = least(r.min, excluded.min), max = greatest(r.max, excluded.max), count = r.count + excluded.count
            )
            INSERT INTO monitoring_rollup_day AS r (device_id, metric, bucket, sum, min, max, count)
            SELECT device_id, metric, date_trunc('day', time, ?), sum(s), min(lo), max(hi), sum(n)::bigint
            FROM m GROUP BY 1, 2, 3
            ON CONFLICT (device_id, metric, bucket) DO UPDATE SET sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max), count = r.count + excluded.count""";

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
            java.sql.Savepoint before = c.setSavepoint();
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_DIRECT, new java.io.ByteArrayInputStream(data));
            } catch (java.sql.SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // some point is stored already (or twice in the batch): the careful path
                c.rollback(before);
                return insertSkippingDuplicates(c, points, data);
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("COPY into monitoring_point failed", e);
            }
            addToRollups(c, points);
            return points;
        });
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /** The batch's N values summed per device, metric and minute, added to the hourly and daily roll-ups. */
    private static void addToRollups(java.sql.Connection c, List<Point> points) throws java.sql.SQLException {
        Map<MinuteKey, double[]> sums = minuteSums(points);
        if (sums.isEmpty()) {
            return;
        }
        int n = sums.size();
        Long[] devices = new Long[n];
        String[] metrics = new String[n];
        Long[] minutes = new Long[n];
        Double[] sum = new Double[n];
        Double[] min = new Double[n];
        Double[] max = new Double[n];
        Long[] count = new Long[n];
        int i = 0;
        for (Map.Entry<MinuteKey, double[]> e : sums.entrySet()) {
            double[] a = e.getValue();
            devices[i] = e.getKey().deviceId();
            metrics[i] = e.getKey().metric();
            minutes[i] = e.getKey().micros();
            sum[i] = a[0];
            min[i] = a[1];
            max[i] = a[2];
            count[i] = (long) a[3];
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(ROLLUP)) {
            ps.setArray(1, c.createArrayOf("int8", devices));
            ps.setArray(2, c.createArrayOf("varchar", metrics));
            ps.setArray(3, c.createArrayOf("int8", minutes));
            ps.setArray(4, c.createArrayOf("float8", sum));
            ps.setArray(5, c.createArrayOf("float8", min));
            ps.setArray(6, c.createArrayOf("float8", max));
            ps.setArray(7, c.createArrayOf("int8", count));
            ps.setString(8, ApplicationZone.ZONE.getId());
            ps.executeUpdate();
        }
    }

    /** A roll-up's input key: the UTC minute (microseconds), or the point's own time where the zone's offset then is
     *  not a whole number of minutes (local mean times before 1901), so that PostgreSQL's hour and day of every key
     *  are those of each of its points. */
    record MinuteKey(long deviceId, String metric, long micros) {
    }

    /** Sum, min, max and count of the N values per {@link MinuteKey}, in first-seen order. */
    static Map<MinuteKey, double[]> minuteSums(List<Point> points) {
        java.time.zone.ZoneRules zone = ApplicationZone.ZONE.getRules();
        Map<MinuteKey, double[]> sums = new java.util.LinkedHashMap<>();
        for (Point p : points) {
            if (!p.normal()) {
                continue;
            }
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, p.time());
            long key = zone.getOffset(p.time()).getTotalSeconds() % 60 == 0
                    ? Math.floorDiv(micros, 60_000_000L) * 60_000_000L : micros;
            double v = p.value();
            double[] a = sums.get(new MinuteKey(p.deviceId(), p.metric(), key));
            if (a == null) {
                sums.put(new MinuteKey(p.deviceId(), p.metric(), key), new double[] {v, v, v, 1});
            } else {
                a[0] += v;
                a[1] = Math.min(a[1], v);
                a[2] = Math.max(a[2], v);
                a[3]++;
            }
        }
        return sums;
    }

    /** The careful path: staging table, {@code ON CONFLICT DO NOTHING}, roll-ups of the rows actually inserted. */
    private List<Point> insertSkippingDuplicates(java.sql.Connection c, List<Point> points, byte[] data)
            throws java.sql.SQLException {
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
