package org.qualitycity.monitoring.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The alarm rules, cached per profile for the ingestion path; changes go through here (audited). */
@Service
public class AlarmRules {

    public record NewRule(@NotBlank @Pattern(regexp = "AIR_STATION|WATER_SECTION|DRINKING_WATER_SOURCE|ENERGY_METER|ELEVATOR",
            message = "{monitoring.error.profile}") String profile,
                          @NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9._-]+",
                                  message = "{monitoring.error.code}") String code,
                          @NotBlank @Pattern(regexp = "CRITICAL|MAJOR|MINOR|WARNING",
                                  message = "{monitoring.error.severity}") String severity,
                          @NotBlank @Pattern(regexp = "SIMPLE|DURATION|REPEATING|NO_DATA",
                                  message = "{monitoring.error.kind}") String kind,
                          @Pattern(regexp = HttpIngest.METRIC, message = "{monitoring.error.metric}") String metric,
                          @Pattern(regexp = ">|>=|<|<=", message = "{monitoring.error.operator}") String operator,
                          Double threshold,
                          @Size(max = 60) String thresholdAttribute,
                          @Min(1) @Max(31_536_000) Integer durationSeconds,
                          @Min(1) @Max(100_000) Integer repeatCount,
                          @Min(1) @Max(31_536_000) Integer windowSeconds,
                          @Pattern(regexp = ">|>=|<|<=", message = "{monitoring.error.operator}") String clearOperator,
                          Double clearThreshold,
                          @Size(max = 60) String clearThresholdAttribute) {
    }

    private static final String COLUMNS = """
            id, profile, code, severity, kind, metric, operator, threshold, threshold_attribute, duration_seconds,
            repeat_count, window_seconds, clear_operator, clear_threshold, clear_threshold_attribute, enabled""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private volatile Map<DeviceProfile, List<AlarmRule>> byProfile;

    AlarmRules(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The enabled rules of a profile. */
    public List<AlarmRule> forProfile(DeviceProfile profile) {
        Map<DeviceProfile, List<AlarmRule>> m = byProfile;
        if (m == null) {
            m = reload();
        }
        return m.getOrDefault(profile, List.of());
    }

    public List<AlarmRule> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alarm_rule ORDER BY profile, code")
                .query(AlarmRules::map).list();
    }

    public Map<DeviceProfile, List<AlarmRule>> reload() {
        Map<DeviceProfile, List<AlarmRule>> m = new ConcurrentHashMap<>(all().stream().filter(AlarmRule::enabled)
                .collect(Collectors.groupingBy(AlarmRule::profile)));
        byProfile = m;
        return m;
    }

    @Transactional
    public AlarmRule create(NewRule r) {
        AlarmRule.Kind kind = AlarmRule.Kind.valueOf(r.kind());
        if (kind != AlarmRule.Kind.NO_DATA) {
            if (r.metric() == null) {
                throw new ValidationException("metric", Texts.msg("error.required"));
            }
            if (r.operator() == null) {
                throw new ValidationException("operator", Texts.msg("error.required"));
            }
            if (r.threshold() == null && (r.thresholdAttribute() == null || r.thresholdAttribute().isBlank())) {
                throw new ValidationException("threshold", Texts.msg("error.required"));
            }
        }
        if ((kind == AlarmRule.Kind.DURATION || kind == AlarmRule.Kind.NO_DATA && blankToNull(r.thresholdAttribute()) == null)
                && r.durationSeconds() == null) {
            throw new ValidationException("durationSeconds", Texts.msg("error.required"));
        }
        if (kind == AlarmRule.Kind.REPEATING && (r.repeatCount() == null || r.windowSeconds() == null)) {
            throw new ValidationException(r.repeatCount() == null ? "repeatCount" : "windowSeconds",
                    Texts.msg("error.required"));
        }
        if (r.clearOperator() != null && r.clearThreshold() == null
                && (r.clearThresholdAttribute() == null || r.clearThresholdAttribute().isBlank())) {
            throw new ValidationException("clearThreshold", Texts.msg("error.required"));
        }
        long id;
        try {
            id = jdbc.sql("""
                            INSERT INTO monitoring_alarm_rule (profile, code, severity, kind, metric, operator, threshold,
                                threshold_attribute, duration_seconds, repeat_count, window_seconds, clear_operator,
                                clear_threshold, clear_threshold_attribute)
                            VALUES (:profile, :code, :severity, :kind, :metric, :operator, :threshold, :thresholdAttribute,
                                :duration, :repeat, :window, :clearOperator, :clearThreshold, :clearAttribute) RETURNING id""")
                    .param("profile", r.profile()).param("code", r.code()).param("severity", r.severity())
                    .param("kind", r.kind()).param("metric", r.metric()).param("operator", r.operator())
                    .param("threshold", r.threshold()).param("thresholdAttribute", blankToNull(r.thresholdAttribute()))
                    .param("duration", r.durationSeconds()).param("repeat", r.repeatCount())
                    .param("window", r.windowSeconds()).param("clearOperator", r.clearOperator())
                    .param("clearThreshold", r.clearThreshold())
                    .param("clearAttribute", blankToNull(r.clearThresholdAttribute()))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Texts.msg("monitoring.error.rule-taken", r.code()));
        }
        AlarmRule rule = byId(id);
        audit.record("monitoring", "alarm-rule", id, null, "CREATE", null, rule);
        reload();
        return rule;
    }

    public AlarmRule byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alarm_rule WHERE id = :id").param("id", id)
                .query(AlarmRules::map).single();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static AlarmRule map(ResultSet rs, int row) throws SQLException {
        return new AlarmRule(rs.getLong("id"), DeviceProfile.valueOf(rs.getString("profile")), rs.getString("code"),
                rs.getString("severity"), AlarmRule.Kind.valueOf(rs.getString("kind")), rs.getString("metric"),
                rs.getString("operator"), (Double) rs.getObject("threshold"), rs.getString("threshold_attribute"),
                (Integer) rs.getObject("duration_seconds"), (Integer) rs.getObject("repeat_count"),
                (Integer) rs.getObject("window_seconds"), rs.getString("clear_operator"),
                (Double) rs.getObject("clear_threshold"), rs.getString("clear_threshold_attribute"),
                rs.getBoolean("enabled"));
    }
}
