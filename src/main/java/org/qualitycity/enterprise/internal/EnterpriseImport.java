package org.qualitycity.enterprise.internal;

import jakarta.validation.Validator;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.RowImport;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Excel import of enterprises, all or nothing, through {@link RowImport}: the first sheet is read as a
 * stream of rows (100 000 rows stay flat in memory), every row is checked and inserted in batches inside
 * one transaction; when any row is bad the transaction rolls back and every bad row is reported
 * (field {@code row[n].column}, n the Excel row number). Columns: credit code, name, legal
 * representative, address, unit code, industry, size, status, contact name, contact phone; row 1 is
 * the header.
 */
@Service
public class EnterpriseImport {

    static final String[] COLUMNS = {"creditCode", "name", "legalRepresentative", "address", "unitCode", "industry",
            "size", "status", "contactName", "contactPhone"};
    private static final int BATCH = 1000;

    public record Result(int imported) {
    }

    private final EnterpriseService service;
    private final Validator validator;
    private final Units units;
    private final NamedParameterJdbcTemplate named;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    EnterpriseImport(EnterpriseService service, Validator validator, Units units, NamedParameterJdbcTemplate named,
                     JdbcClient jdbc, AuditLog audit) {
        this.service = service;
        this.validator = validator;
        this.units = units;
        this.named = named;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public Result importFile(InputStream in, CurrentUser user) {
        RowImport.Report report = new RowImport.Report("enterprise.error.row");
        State state = new State(user, report);
        RowImport.read(in, COLUMNS.length, "enterprise.error.not-a-valid-xlsx-file", report, state::row);
        state.flush();
        report.throwIfBad("enterprise.error.rows-have-errors");
        if (state.imported == 0) {
            throw new ValidationException("file", Texts.msg("enterprise.error.the-file-holds-no-enterprise-rows"));
        }
        audit.record("enterprise", "enterprise-import", null, null, "IMPORT", null,
                Map.of("imported", state.imported));
        return new Result(state.imported);
    }

    private final class State {
        final CurrentUser user;
        final RowImport.Report report;
        final Map<String, Unit> unitCache = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        final List<SqlParameterSource> pending = new ArrayList<>();
        final List<Integer> pendingRows = new ArrayList<>();
        int imported;

        State(CurrentUser user, RowImport.Report report) {
            this.user = user;
            this.report = report;
        }

        void row(int row, String[] c, RowImport.Report ignored) {
            var e = new EnterpriseService.NewEnterprise(c[0], c[1], c[2], c[3], c[4], c[5],
                    c[6] == null ? null : c[6].toUpperCase(), c[7] == null ? null : c[7].toUpperCase(), c[8], c[9]);
            boolean bad = false;
            for (var v : validator.validate(e)) {
                report.problem(row, v.getPropertyPath().toString(), v.getMessage());
                bad = true;
            }
            for (var p : service.problems(e, "")) {
                report.problem(row, p.field(), p.message());
                bad = true;
            }
            Unit unit = null;
            if (e.unitCode() != null) {
                unit = unitCache.computeIfAbsent(e.unitCode(), code -> units.byCode(code).orElse(null));
                if (unit == null) {
                    report.problem(row, "unitCode", Texts.msg("enterprise.error.unknown-unit", e.unitCode()));
                    bad = true;
                } else if (!units.isVisible(unit.id(), user)) {
                    report.problem(row, "unitCode", Texts.msg("enterprise.error.unit-outside-your-data-scope", e.unitCode()));
                    bad = true;
                }
            }
            if (e.creditCode() != null && !seen.add(e.creditCode())) {
                report.problem(row, "creditCode", Texts.msg("enterprise.error.duplicate-code-in-the-file", e.creditCode()));
                bad = true;
            }
            if (bad || report.anyBad()) {
                return; // nothing will be imported; keep checking the rest without inserting
            }
            pending.add(new MapSqlParameterSource().addValue("code", e.creditCode()).addValue("name", e.name())
                    .addValue("rep", e.legalRepresentative()).addValue("address", e.address())
                    .addValue("unit", unit.id()).addValue("industry", e.industry()).addValue("size", e.size())
                    .addValue("status", e.status() == null ? "ACTIVE" : e.status())
                    .addValue("cn", e.contactName()).addValue("cp", service.encryptPhone(e.contactPhone()))
                    .addValue("cph", service.phoneHash(e.contactPhone())).addValue("by", user.id()));
            pendingRows.add(row);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<String> codes = pending.stream().map(p -> (String) p.getValue("code")).toList();
            List<String> existing = jdbc.sql("SELECT credit_code FROM enterprise WHERE credit_code IN (:codes)")
                    .param("codes", codes).query(String.class).list();
            if (!existing.isEmpty()) {
                Set<String> ex = new HashSet<>(existing);
                for (int i = 0; i < codes.size(); i++) {
                    if (ex.contains(codes.get(i))) {
                        report.problem(pendingRows.get(i), "creditCode", Texts.msg("enterprise.error.already-registered",
                                codes.get(i)));
                    }
                }
            }
            if (!report.anyBad()) {
                named.batchUpdate("""
                        INSERT INTO enterprise (credit_code, name, legal_rep, address, unit_id, industry, size, status,
                                                contact_name, contact_phone, contact_phone_hash, created_by)
                        VALUES (:code, :name, :rep, :address, :unit, :industry, :size, :status, :cn, :cp, :cph, :by)""",
                        pending.toArray(SqlParameterSource[]::new));
                imported += pending.size();
            }
            pending.clear();
            pendingRows.clear();
        }
    }
}
