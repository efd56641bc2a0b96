package org.qualitycity.elevator.internal;

import org.qualitycity.elevator.internal.InspectionSchedule.Due;
import org.qualitycity.elevator.internal.InspectionSchedule.Kind;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.platform.ApplicationZone;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The elevator register (devices of profile ELEVATOR in the caller's scope) with each car's examination schedule
 * (TSG T7001-2023, {@link InspectionSchedule}) against the examinations recorded, its maintenance (every 15 days)
 * and the overdue lists per district.
 */
@Service
public class Elevators {

    private final Devices devices;
    private final Units units;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final FaultCodes faultCodes;

    Elevators(Devices devices, Units units, JdbcClient jdbc, AuditLog audit, Clock clock, FaultCodes faultCodes) {
        this.faultCodes = faultCodes;
        this.devices = devices;
        this.units = units;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationZone.ZONE));
    }

    /** One elevator with what is due. */
    public record ElevatorView(long id, String code, String name, String unitCode, String registrationCode,
                               String code96333, String address, String lat, String lon, String userUnit,
                               String maintenanceUnit, String make, LocalDate firstUse, LocalDate nextExamination,
                               String nextKind, boolean examinationOverdue, LocalDate lastMaintenance,
                               LocalDate maintenanceDue, boolean maintenanceOverdue, boolean demo) {
    }

    /** The car's latest reported status: when, and its fault code labelled from GB/T 24476 (null: no fault). */
    public record StatusView(java.time.Instant at, FaultCodes.FaultLabel fault) {
    }

    /** The latest status of a car in the caller's scope; null when it never reported. */
    @Transactional(readOnly = true)
    public StatusView status(long id, CurrentUser user) {
        require(id, user);
        return jdbc.sql("SELECT status_at, fault_code FROM elevator_status WHERE device_id = :d").param("d", id)
                .query((rs, n) -> new StatusView(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                        faultCodes.label(rs.getString(2)))).optional().orElse(null);
    }

    /** One year's examination: due, and done (or not yet). */
    public record ExaminationView(int yearOfUse, String kind, LocalDate dueOn, LocalDate doneOn, Boolean passed,
                                  boolean overdue) {
    }

    /** The overdue counts of a district. */
    public record DistrictOverdue(String unitCode, long elevators, long examinationsOverdue, long maintenanceOverdue) {
    }

    /** An examination done (the year after first use it belongs to is found from its date). */
    public record ExaminationDone(String doneOn, Boolean passed) {
    }

    static LocalDate firstUse(Device d) {
        try {
            String v = d.attributes().get("firstUseDate");
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private List<Device> visible(CurrentUser user) {
        return devices.byProfile(DeviceProfile.ELEVATOR).stream().filter(d -> units.isVisible(d.unitId(), user))
                .sorted(Comparator.comparing(Device::code)).toList();
    }

    Device require(long id, CurrentUser user) {
        return devices.byId(id).filter(d -> d.profile() == DeviceProfile.ELEVATOR)
                .filter(d -> units.isVisible(d.unitId(), user)).orElseThrow(() -> new NotFoundException("elevator"));
    }

    @Transactional(readOnly = true)
    public List<ElevatorView> list(String district, Boolean overdue, CurrentUser user) {
        Unit within = district == null || district.isBlank() ? null : units.requireVisible(district, user);
        LocalDate today = today();
        Map<Long, Integer> lastYearDone = new HashMap<>();
        jdbc.sql("SELECT device_id, max(year_of_use) FROM elevator_examination GROUP BY device_id")
                .query(rs -> {
                    lastYearDone.put(rs.getLong(1), rs.getInt(2));
                });
        Map<Long, LocalDate> lastMaintenance = new HashMap<>();
        jdbc.sql("SELECT device_id, max(done_on) FROM elevator_maintenance GROUP BY device_id")
                .query(rs -> {
                    lastMaintenance.put(rs.getLong(1), rs.getDate(2).toLocalDate());
                });
        List<ElevatorView> out = new ArrayList<>();
        for (Device d : visible(user)) {
            if (within != null && !units.byId(d.unitId()).map(u -> u.path().startsWith(within.path())).orElse(false)) {
                continue;
            }
            ElevatorView v = view(d, today, lastYearDone.getOrDefault(d.id(), 0), lastMaintenance.get(d.id()));
            if (overdue == null || overdue == (v.examinationOverdue() || v.maintenanceOverdue())) {
                out.add(v);
            }
        }
        return out;
    }

    private ElevatorView view(Device d, LocalDate today, int lastYearDone, LocalDate lastMaintenance) {
        LocalDate first = firstUse(d);
        LocalDate next = null;
        String nextKind = null;
        boolean examOverdue = false;
        if (first != null) {
            Due due = new Due(lastYearDone + 1, InspectionSchedule.kindOf(lastYearDone + 1), first.plusYears(lastYearDone + 1));
            next = due.dueOn();
            nextKind = due.kind().name();
            examOverdue = next.isBefore(today);
        }
        LocalDate base = lastMaintenance != null ? lastMaintenance : first;
        LocalDate maintenanceDue = base == null ? null : InspectionSchedule.maintenanceDue(base);
        boolean maintenanceOverdue = maintenanceDue != null && maintenanceDue.isBefore(today);
        Map<String, String> a = d.attributes();
        return new ElevatorView(d.id(), d.code(), d.name(), units.byId(d.unitId()).map(Unit::code).orElse(""),
                a.getOrDefault("registrationCode", ""), a.getOrDefault("code96333", ""), a.getOrDefault("address", ""),
                a.get("lat"), a.get("lon"), a.getOrDefault("userUnit", ""), a.getOrDefault("maintenanceUnit", ""),
                a.getOrDefault("make", ""), first, next, nextKind, examOverdue, lastMaintenance, maintenanceDue,
                maintenanceOverdue, d.demo());
    }

    @Transactional(readOnly = true)
    public ElevatorView get(long id, CurrentUser user) {
        Device d = require(id, user);
        int last = jdbc.sql("SELECT COALESCE(max(year_of_use), 0) FROM elevator_examination WHERE device_id = :d")
                .param("d", id).query(Integer.class).single();
        // a car without maintenance yet: max() is null (a ResultSetExtractor answering null fails in JdbcClient)
        LocalDate m = jdbc.sql("SELECT max(done_on) FROM elevator_maintenance WHERE device_id = :d")
                .param("d", id).query((rs, n) -> rs.getDate(1)).list().stream().filter(java.util.Objects::nonNull)
                .map(Date::toLocalDate).findFirst().orElse(null);
        return view(d, today(), last, m);
    }

    /**
     * The examinations from the first year after first use to {@code to} (default: two years ahead), each with the
     * one recorded for its year.
     */
    @Transactional(readOnly = true)
    public List<ExaminationView> examinations(long id, Integer toYear, CurrentUser user) {
        Device d = require(id, user);
        LocalDate first = firstUse(d);
        if (first == null) {
            return List.of();
        }
        LocalDate today = today();
        int last = toYear == null ? today.getYear() + 2 : toYear;
        if (last < first.getYear() || last > first.getYear() + 100) {
            throw new ValidationException("to", Texts.msg("elevator.error.year"));
        }
        Map<Integer, Object[]> done = new HashMap<>();
        jdbc.sql("SELECT year_of_use, done_on, passed FROM elevator_examination WHERE device_id = :d").param("d", id)
                .query(rs -> {
                    done.put(rs.getInt(1), new Object[]{rs.getDate(2).toLocalDate(), rs.getBoolean(3)});
                });
        List<ExaminationView> out = new ArrayList<>();
        for (Due due : InspectionSchedule.between(first, first, LocalDate.of(last, 12, 31))) {
            Object[] x = done.get(due.yearOfUse());
            out.add(new ExaminationView(due.yearOfUse(), due.kind().name(), due.dueOn(),
                    x == null ? null : (LocalDate) x[0], x == null ? null : (Boolean) x[1],
                    x == null && due.dueOn().isBefore(today)));
        }
        return out;
    }

    /** Records an examination done on a date: it belongs to the year of use whose due date is nearest. */
    @Transactional
    public List<ExaminationView> recordExamination(long id, ExaminationDone body, CurrentUser user) {
        Device d = require(id, user);
        LocalDate first = firstUse(d);
        LocalDate on = date("doneOn", body == null ? null : body.doneOn());
        if (first == null || on.isBefore(first) || on.isAfter(today())) {
            throw new ValidationException("doneOn", Texts.msg("elevator.error.doneOn"));
        }
        int year = (int) Math.max(1, Math.round(java.time.temporal.ChronoUnit.DAYS.between(first, on) / 365.25));
        Kind kind = InspectionSchedule.kindOf(year);
        boolean passed = body.passed() == null || body.passed();
        jdbc.sql("""
                        INSERT INTO elevator_examination (device_id, year_of_use, kind, done_on, passed)
                        VALUES (:d, :y, :k, :on, :p)
                        ON CONFLICT (device_id, year_of_use) DO UPDATE SET done_on = excluded.done_on, passed = excluded.passed""")
                .param("d", id).param("y", year).param("k", kind.name()).param("on", Date.valueOf(on)).param("p", passed)
                .update();
        audit.record("elevator", "examination", id + "/" + year, d.unitId(), "RECORD", null,
                Map.of("yearOfUse", year, "kind", kind.name(), "doneOn", on.toString(), "passed", passed));
        return examinations(id, null, user);
    }

    /** Records a maintenance visit. */
    @Transactional
    public ElevatorView recordMaintenance(long id, String doneOn, CurrentUser user) {
        Device d = require(id, user);
        LocalDate on = date("doneOn", doneOn);
        if (on.isAfter(today())) {
            throw new ValidationException("doneOn", Texts.msg("elevator.error.doneOn"));
        }
        jdbc.sql("INSERT INTO elevator_maintenance (device_id, done_on) VALUES (:d, :on) ON CONFLICT DO NOTHING")
                .param("d", id).param("on", Date.valueOf(on)).update();
        audit.record("elevator", "maintenance", id + "/" + on, d.unitId(), "RECORD", null, Map.of("doneOn", on.toString()));
        return get(id, user);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, Texts.msg("elevator.error.date"));
        }
    }

    /** Overdue examinations and maintenance per district in the caller's scope. */
    @Transactional(readOnly = true)
    public List<DistrictOverdue> overdueByDistrict(CurrentUser user) {
        Map<String, long[]> acc = new java.util.TreeMap<>();
        for (ElevatorView v : list(null, null, user)) {
            long[] a = acc.computeIfAbsent(v.unitCode(), k -> new long[3]);
            a[0]++;
            a[1] += v.examinationOverdue() ? 1 : 0;
            a[2] += v.maintenanceOverdue() ? 1 : 0;
        }
        List<DistrictOverdue> out = new ArrayList<>();
        acc.forEach((u, a) -> out.add(new DistrictOverdue(u, a[0], a[1], a[2])));
        return out;
    }
}
