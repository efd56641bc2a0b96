package org.qualitycity.monitoring.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Point;
import org.qualitycity.monitoring.Rollup;
import org.qualitycity.monitoring.TelemetryQuery;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Devices as users see them: lists and look-ups in the caller's data scope, registration, telemetry reads. */
@Service
public class DeviceService {

    /** A device is offline when nothing arrived for this long. */
    static final Duration OFFLINE_AFTER = Duration.ofHours(2);

    public record DeviceView(long id, String profile, String code, String name, String unitCode, String unitName,
                             Map<String, String> attributes, Instant lastPointAt, Instant lastReceivedAt, String state,
                             long activeAlarms) {
    }

    public record NewDevice(@NotBlank @Pattern(regexp = "AIR_STATION|WATER_SECTION|DRINKING_WATER_SOURCE|ENERGY_METER|ELEVATOR",
            message = "{monitoring.error.profile}") String profile,
                            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                                    message = "{monitoring.error.code}") String code,
                            @NotBlank @Size(max = 200) String name,
                            @NotBlank @Size(max = 32) String unitCode,
                            @NotBlank @Size(min = 6, max = 128) String credential,
                            Map<@Size(max = 60) String, @Size(max = 500) String> attributes) {
    }

    public record Telemetry(long deviceId, String metric, String resolution, List<Point> points, List<Rollup> rollups) {
    }

    private static final String SELECT = """
            SELECT d.id, d.profile, d.code, d.name, u.code AS unit_code, u.name_zh, u.name_en, d.attributes::text AS attrs,
                   d.last_point_at, d.last_received_at,
                   (SELECT count(*) FROM monitoring_alarm a WHERE a.device_id = d.id AND a.state <> 'CLEARED') AS alarms
            FROM monitoring_device d JOIN platform_unit u ON u.id = d.unit_id""";

    private final JdbcClient jdbc;
    private final DeviceRegistry registry;
    private final TelemetryQuery query;
    private final Units units;
    private final Clock clock;
    private final tools.jackson.databind.ObjectMapper json;

    DeviceService(JdbcClient jdbc, DeviceRegistry registry, TelemetryQuery query, Units units, Clock clock,
                  tools.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.query = query;
        this.units = units;
        this.clock = clock;
        this.json = json;
    }

    public PageResult<DeviceView> list(CurrentUser user, String profile, String q, ListQuery page) {
        return ListSql.from(" FROM monitoring_device d JOIN platform_unit u ON u.id = d.unit_id")
                .scope(user.scope(), "d.unit_id", null)
                .equal("d.profile", "profile", profile == null || profile.isBlank() ? null : profile)
                .contains("q", q, "d.code", "d.name")
                .orderBy(page, Map.of("code", "d.code", "name", "d.name", "lastReceivedAt", "d.last_received_at"),
                        "code", "d.id")
                .page(jdbc, SELECT, this::map, page);
    }

    /** Every device in the caller's scope (the operations map), at most 5,000. */
    public List<DeviceView> all(CurrentUser user, String profile) {
        return ListSql.from(" FROM monitoring_device d JOIN platform_unit u ON u.id = d.unit_id")
                .scope(user.scope(), "d.unit_id", null)
                .equal("d.profile", "profile", profile == null || profile.isBlank() ? null : profile)
                .orderBy("d.code").all(jdbc, SELECT, this::map, 5000);
    }

    public DeviceView get(long id, CurrentUser user) {
        return ListSql.from(" FROM monitoring_device d JOIN platform_unit u ON u.id = d.unit_id")
                .scope(user.scope(), "d.unit_id", null).equal("d.id", "id", id).orderBy("d.id")
                .all(jdbc, SELECT, this::map, 1).stream().findFirst().orElseThrow(() -> new NotFoundException("device"));
    }

    public DeviceView register(NewDevice req, CurrentUser user) {
        Unit unit;
        try {
            unit = units.requireVisible(req.unitCode(), user);
        } catch (NotFoundException e) {
            throw new ValidationException("unitCode", Texts.msg("monitoring.error.unit", req.unitCode()));
        }
        if (registry.byCode(req.code()).isPresent()) {
            throw new ConflictException(Texts.msg("monitoring.error.code-taken", req.code()));
        }
        Device d;
        try {
            d = registry.register(DeviceProfile.valueOf(req.profile()), req.code(), req.name(), unit.id(),
                    req.credential(), req.attributes(), false);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Texts.msg("monitoring.error.code-taken", req.code()));
        }
        return get(d.id(), user);
    }

    public Telemetry telemetry(long id, String metric, Instant from, Instant to, String resolution, CurrentUser user) {
        get(id, user);
        if (metric == null || metric.isBlank() || metric.length() > 40) {
            throw new ValidationException("metric", Texts.msg("error.required"));
        }
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        if (!start.isBefore(end)) {
            throw new ValidationException("from", Texts.msg("monitoring.error.range"));
        }
        String res = resolution == null ? "raw" : resolution;
        return switch (res) {
            case "raw" -> new Telemetry(id, metric, res, query.raw(id, metric, start, end), List.of());
            case "hour" -> new Telemetry(id, metric, res, List.of(), query.hourly(id, metric, start, end));
            case "day" -> new Telemetry(id, metric, res, List.of(), query.daily(id, metric, start, end));
            default -> throw new ValidationException("resolution", Texts.msg("monitoring.error.resolution"));
        };
    }

    private DeviceView map(ResultSet rs, int row) throws SQLException {
        Map<String, String> attrs;
        try {
            attrs = json.readValue(rs.getString("attrs"), new tools.jackson.core.type.TypeReference<Map<String, String>>() {
            });
        } catch (RuntimeException e) {
            attrs = Map.of();
        }
        Instant lastPoint = instant(rs.getTimestamp("last_point_at"));
        Instant lastReceived = instant(rs.getTimestamp("last_received_at"));
        long alarms = rs.getLong("alarms");
        String state = alarms > 0 ? "ALARM"
                : lastReceived == null || lastReceived.isBefore(clock.instant().minus(OFFLINE_AFTER)) ? "OFFLINE" : "ONLINE";
        String unitName = Texts.locale().getLanguage().equals("en") ? rs.getString("name_en") : rs.getString("name_zh");
        return new DeviceView(rs.getLong("id"), rs.getString("profile"), rs.getString("code"), rs.getString("name"),
                rs.getString("unit_code"), unitName, attrs, lastPoint, lastReceived, state, alarms);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
