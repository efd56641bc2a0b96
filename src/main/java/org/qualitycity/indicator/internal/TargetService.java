package org.qualitycity.indicator.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.plan.TargetRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.Map;

/** Targets per unit and/or year that differ from the plan's (e.g. a district with a stricter target). */
@Service
public class TargetService {

    public record SetTarget(@Size(max = 32) String unitCode, @Min(2000) @Max(2100) Integer year,
                            @NotNull TargetRule.Kind kind, BigDecimal value,
                            @NotBlank @Size(max = 500) String reason) {
    }

    private final JdbcClient jdbc;
    private final IndicatorCatalog catalog;
    private final Units units;
    private final AuditLog audit;
    private final RecomputeEngine engine;

    TargetService(JdbcClient jdbc, IndicatorCatalog catalog, Units units, AuditLog audit, RecomputeEngine engine) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.units = units;
        this.audit = audit;
        this.engine = engine;
    }

    @Transactional
    public void set(String indicatorCode, SetTarget req) {
        var d = catalog.indicator(indicatorCode).orElseThrow(() -> new ValidationException("indicator",
                Texts.msg("indicator.error.unknown-indicator", indicatorCode)));
        if (req.kind() == TargetRule.Kind.LT_COMPARATOR || req.kind() == TargetRule.Kind.QUALITATIVE) {
            if (req.kind() != (d.target() == null ? null : d.target().kind())) {
                throw new ValidationException("kind", Texts.msg("indicator.error.target-follows-plan"));
            }
        } else if (req.value() == null) {
            throw new ValidationException("value", Texts.msg("indicator.error.target-value-required"));
        }
        Long unitId = null;
        if (req.unitCode() != null && !req.unitCode().isBlank()) {
            unitId = units.byCode(req.unitCode()).map(Unit::id)
                    .orElseThrow(() -> new ValidationException("unitCode", Texts.msg("error.unknown-unit", req.unitCode())));
        }
        jdbc.sql("""
                        DELETE FROM indicator_target WHERE indicator_code = :code
                          AND coalesce(unit_id, 0) = coalesce(CAST(:unitId AS bigint), 0)
                          AND coalesce(year, 0) = coalesce(CAST(:year AS int), 0)
                        """)
                .param("code", indicatorCode).param("unitId", unitId).param("year", req.year()).update();
        jdbc.sql("""
                        INSERT INTO indicator_target (indicator_code, unit_id, year, kind, value, reason)
                        VALUES (:code, :unitId, :year, :kind, :value, :reason)
                        """)
                .param("code", indicatorCode).param("unitId", unitId).param("year", req.year())
                .param("kind", req.kind().name()).param("value", req.value()).param("reason", req.reason()).update();
        audit.record("indicator", "target", indicatorCode, unitId, "SET", null,
                Map.of("unitCode", String.valueOf(req.unitCode()), "year", String.valueOf(req.year()),
                        "kind", req.kind().name(), "value", String.valueOf(req.value()), "reason", req.reason()));
        if (req.year() != null) {
            engine.recompute(req.year(), java.util.List.of(d));
        } else {
            for (int y : jdbc.sql("SELECT DISTINCT year FROM indicator_result ORDER BY 1").query(Integer.class).list()) {
                engine.recompute(y, java.util.List.of(d));
            }
        }
    }
}
