package org.qualitycity.elevator.internal;

import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.TelemetryListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Trapped-passenger detection on the status messages of GB/T 24476 (metrics {@code door_zone}, {@code door_closed},
 * {@code passenger}, {@code moving} as 1/0, {@code fault_code}): a car standing still outside the door zone with its
 * doors closed and a passenger inside is trapped; when that has lasted more than {@code qc.elevator.trapped-seconds}
 * (measured on the messages' own times) a rescue order opens. The car's latest status and the start of the condition
 * are stored ({@code elevator_status}), so detection survives a restart; a car that stops reporting while trapped is
 * caught by the timer job. Points arrive per device in time order (monitoring's contract); flagged values are ignored.
 */
@Component
class TrappedDetector implements TelemetryListener {

    private final JdbcClient jdbc;
    private final RescueOrders orders;
    private final TransactionTemplate tx;

    TrappedDetector(JdbcClient jdbc, RescueOrders orders, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.tx = tx;
    }

    @Override
    public java.util.Set<DeviceProfile> profiles() {
        return java.util.Set.of(DeviceProfile.ELEVATOR);
    }

    /** The car's status as far as known. */
    static final class Status {
        Boolean doorZone;
        Boolean doorClosed;
        Boolean passenger;
        Boolean moving;
        String faultCode;
        Instant at;
        Instant trappedSince;

        boolean trapped() {
            return Boolean.FALSE.equals(moving) && Boolean.FALSE.equals(doorZone) && Boolean.TRUE.equals(doorClosed)
                    && Boolean.TRUE.equals(passenger);
        }

        /** Applies one point; answers whether the metric was a status field. */
        boolean apply(Point p) {
            boolean on = p.value() != 0;
            switch (p.metric()) {
                case "door_zone" -> doorZone = on;
                case "door_closed" -> doorClosed = on;
                case "passenger" -> passenger = on;
                case "moving" -> moving = on;
                case "fault_code" -> faultCode = p.value() == 0 ? null : Long.toString((long) p.value());
                default -> {
                    return false;
                }
            }
            at = p.time();
            if (trapped()) {
                if (trappedSince == null) {
                    trappedSince = p.time();
                }
            } else {
                trappedSince = null;
            }
            return true;
        }
    }

    @Override
    public void onPoints(Device device, List<Point> points) {
        tx.executeWithoutResult(s -> {
            Status st = load(device.id());
            Instant open = null;
            for (Point p : points) {
                if (!p.normal() || !st.apply(p)) {
                    continue;
                }
                if (st.trappedSince != null && !p.time().isBefore(st.trappedSince.plus(orders.trappedAfter()))) {
                    open = st.trappedSince;
                }
            }
            save(device, st);
            if (open != null && st.trappedSince != null) {
                orders.open(device, open, device.demo());
            }
        });
    }

    private Status load(long deviceId) {
        Status st = new Status();
        jdbc.sql("SELECT door_zone, door_closed, passenger, moving, fault_code, status_at, trapped_since"
                        + " FROM elevator_status WHERE device_id = :d FOR UPDATE")
                .param("d", deviceId).query(rs -> {
                    st.doorZone = (Boolean) rs.getObject(1);
                    st.doorClosed = (Boolean) rs.getObject(2);
                    st.passenger = (Boolean) rs.getObject(3);
                    st.moving = (Boolean) rs.getObject(4);
                    st.faultCode = rs.getString(5);
                    st.at = rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant();
                    st.trappedSince = rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant();
                });
        return st;
    }

    private void save(Device d, Status st) {
        jdbc.sql("""
                        INSERT INTO elevator_status (device_id, unit_id, door_zone, door_closed, passenger, moving, fault_code,
                                                     status_at, trapped_since)
                        VALUES (:d, :u, :dz, :dc, :p, :m, :f, :at, :since)
                        ON CONFLICT (device_id) DO UPDATE SET door_zone = excluded.door_zone,
                            door_closed = excluded.door_closed, passenger = excluded.passenger, moving = excluded.moving,
                            fault_code = excluded.fault_code, status_at = excluded.status_at,
                            trapped_since = excluded.trapped_since""")
                .param("d", d.id()).param("u", d.unitId()).param("dz", st.doorZone).param("dc", st.doorClosed)
                .param("p", st.passenger).param("m", st.moving).param("f", st.faultCode)
                .param("at", st.at == null ? null : Timestamp.from(st.at))
                .param("since", st.trappedSince == null ? null : Timestamp.from(st.trappedSince)).update();
    }
}
