package org.qualitycity.monitoring.internal;

import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.Rollup;
import org.qualitycity.monitoring.TelemetryQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Reads raw points and the roll-ups the writer maintains. */
@Service
class TelemetryReader implements TelemetryQuery {

    /** At most this many raw points per answer (a chart never needs more; roll-ups cover long ranges). */
    static final int MAX_RAW = 100_000;

    private final JdbcClient jdbc;

    TelemetryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Point> raw(long deviceId, String metric, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT device_id, metric, time, value, flag FROM monitoring_point
                        WHERE device_id = :device AND metric = :metric AND time >= :from AND time < :to
                        ORDER BY time LIMIT :max""")
                .param("device", deviceId).param("metric", metric).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).param("max", MAX_RAW)
                .query((rs, i) -> new Point(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getDouble(4), rs.getString(5))).list();
    }

    @Override
    public List<Rollup> hourly(long deviceId, String metric, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT device_id, metric, bucket, sum, min, max, count FROM monitoring_rollup_hour
                        WHERE device_id = :device AND metric = :metric AND bucket >= :from AND bucket < :to
                        ORDER BY bucket""")
                .param("device", deviceId).param("metric", metric).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).query(TelemetryReader::rollup).list();
    }

    @Override
    public List<Rollup> daily(long deviceId, String metric, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT device_id, metric, bucket, sum, min, max, count FROM monitoring_rollup_day
                        WHERE device_id = :device AND metric = :metric AND bucket >= :from AND bucket < :to
                        ORDER BY bucket""")
                .param("device", deviceId).param("metric", metric).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).query(TelemetryReader::rollup).list();
    }

    @Override
    public List<Rollup> daily(DeviceProfile profile, String metric, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT r.device_id, r.metric, r.bucket, r.sum, r.min, r.max, r.count
                        FROM monitoring_rollup_day r JOIN monitoring_device d ON d.id = r.device_id
                        WHERE d.profile = :profile AND r.metric = :metric AND r.bucket >= :from AND r.bucket < :to
                        ORDER BY r.device_id, r.bucket""")
                .param("profile", profile.name()).param("metric", metric).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).query(TelemetryReader::rollup).list();
    }

    private static Rollup rollup(ResultSet rs, int row) throws SQLException {
        long count = rs.getLong("count");
        return new Rollup(rs.getLong("device_id"), rs.getString("metric"), rs.getTimestamp("bucket").toInstant(),
                count == 0 ? 0 : rs.getDouble("sum") / count, rs.getDouble("min"), rs.getDouble("max"), count);
    }
}
