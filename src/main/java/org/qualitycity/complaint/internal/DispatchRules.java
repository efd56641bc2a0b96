package org.qualitycity.complaint.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The responsible unit by category and respondent district, editable by the administrator. */
@Service
public class DispatchRules {

    public record Rule(@NotBlank @Pattern(regexp = "GOODS|SERVICES") String category,
                       @NotBlank @Size(max = 40) String districtCode, @NotBlank @Size(max = 40) String unitCode) {
    }

    private final JdbcClient jdbc;
    private final Units units;
    private final AuditLog audit;

    DispatchRules(JdbcClient jdbc, Units units, AuditLog audit) {
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
    }

    public List<Rule> all() {
        return jdbc.sql("""
                        SELECT r.category, d.code, u.code FROM complaint_dispatch_rule r
                        JOIN platform_unit d ON d.id = r.district_unit_id JOIN platform_unit u ON u.id = r.unit_id
                        ORDER BY d.sort_order, d.code, r.category
                        """)
                .query((rs, n) -> new Rule(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * The default rules of a new installation: each district's and zone's complaints, of both categories, go to the
     * area's market regulator (the unit with the role MARKET_REGULATOR below it, from the unit tree file). Only while
     * no rule exists; answers the number of rules created.
     */
    @Transactional
    public int seedDefaultsIfEmpty() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('complaint_dispatch_rule'))").query().listOfRows();
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM complaint_dispatch_rule)").query(Boolean.class).single()) {
            return 0;
        }
        int n = 0;
        for (Unit area : units.areas()) {
            Unit regulator = units.withRole(Unit.Role.MARKET_REGULATOR, area).orElse(null);
            if (regulator == null) {
                continue;
            }
            for (String category : List.of("GOODS", "SERVICES")) {
                jdbc.sql("""
                                INSERT INTO complaint_dispatch_rule (category, district_unit_id, unit_id) VALUES (:c, :d, :u)
                                ON CONFLICT (category, district_unit_id) DO NOTHING""")
                        .param("c", category).param("d", area.id()).param("u", regulator.id()).update();
                audit.record("complaint", "dispatch-rule", category + "|" + area.code(), area.id(), "CREATE", null,
                        new Rule(category, area.code(), regulator.code()));
                n++;
            }
        }
        return n;
    }

    @Transactional
    public Rule put(Rule rule) {
        Unit district = units.byCode(rule.districtCode()).filter(Unit::isArea)
                .orElseThrow(() -> new ValidationException("districtCode", Texts.msg("complaint.error.not-a-district")));
        Unit unit = units.byCode(rule.unitCode()).filter(Unit::active)
                .orElseThrow(() -> new ValidationException("unitCode", Texts.msg("error.no-such-unit")));
        var before = all().stream().filter(r -> r.category().equals(rule.category())
                && r.districtCode().equals(rule.districtCode())).findFirst().orElse(null);
        jdbc.sql("""
                        INSERT INTO complaint_dispatch_rule (category, district_unit_id, unit_id) VALUES (:c, :d, :u)
                        ON CONFLICT (category, district_unit_id) DO UPDATE SET unit_id = EXCLUDED.unit_id
                        """)
                .param("c", rule.category()).param("d", district.id()).param("u", unit.id()).update();
        audit.record("complaint", "dispatch-rule", rule.category() + "|" + rule.districtCode(), district.id(), "UPDATE",
                before, rule);
        return rule;
    }
}
