package org.qualitycity.enterprise.internal;

import jakarta.validation.Validator;
import org.qualitycity.platform.Texts;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Excel import of enterprises, all or nothing: the first sheet is read as a stream of rows (POI's SAX
 * event API, so 100 000 rows stay flat in memory), every row is checked and inserted in batches inside
 * one transaction; when any row is bad the transaction rolls back and every bad row is reported
 * (field {@code row[n].column}, n the Excel row number). Columns: credit code, name, legal
 * representative, address, unit code, industry, size, status, contact name, contact phone; row 1 is
 * the header.
 */
@Service
public class EnterpriseImport {

    static final String[] COLUMNS = {"creditCode", "name", "legalRepresentative", "address", "unitCode", "industry",
            "size", "status", "contactName", "contactPhone"};
    /** Problems reported at most (the count of bad rows is always exact). */
    static final int MAX_REPORTED = 1000;
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
        Path tmp = null;
        try {
            tmp = Files.createTempFile("qc-enterprise-import", ".xlsx");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return importXlsx(tmp.toFile(), user);
        } catch (IOException e) {
            throw new ValidationException("file", Texts.msg("enterprise.error.the-file-cannot-be-read", e.getMessage()));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // temp file cleanup only
                }
            }
        }
    }

    private Result importXlsx(File file, CurrentUser user) {
        State state = new State(user);
        try (OPCPackage pkg = OPCPackage.open(file, PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ValidationException("file", Texts.msg("enterprise.error.the-workbook-has-no-sheet"));
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, state,
                        new DataFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (ValidationException e) {
            throw e;
        } catch (Exception e) {
            throw new ValidationException("file", Texts.msg("enterprise.error.not-a-valid-xlsx-file"));
        }
        state.flush();
        if (state.badRows > 0) {
            List<FieldProblem> all = new ArrayList<>();
            all.add(new FieldProblem("file", Texts.msg("enterprise.error.rows-have-errors", state.badRows)));
            all.addAll(state.problems);
            throw new ValidationException(all);
        }
        if (state.imported == 0) {
            throw new ValidationException("file", Texts.msg("enterprise.error.the-file-holds-no-enterprise-rows"));
        }
        audit.record("enterprise", "enterprise-import", null, null, "IMPORT", null,
                Map.of("imported", state.imported));
        return new Result(state.imported);
    }

    private final class State implements XSSFSheetXMLHandler.SheetContentsHandler {
        final CurrentUser user;
        final Map<String, Unit> unitCache = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        final List<FieldProblem> problems = new ArrayList<>();
        final List<SqlParameterSource> pending = new ArrayList<>();
        final List<Integer> pendingRows = new ArrayList<>();
        int badRows;
        int imported;
        String[] cells;
        int rowNum;

        State(CurrentUser user) {
            this.user = user;
        }

        @Override
        public void startRow(int rowNum) {
            this.rowNum = rowNum + 1;
            cells = new String[COLUMNS.length];
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = new org.apache.poi.ss.util.CellReference(ref).getCol();
            if (col < COLUMNS.length) {
                cells[col] = value == null || value.isBlank() ? null : value.trim();
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (this.rowNum == 1) {
                return; // header
            }
            boolean empty = true;
            for (String c : cells) {
                empty &= c == null;
            }
            if (empty) {
                return;
            }
            row(this.rowNum, cells);
        }

        void problem(int row, String field, String message) {
            if (problems.size() < MAX_REPORTED) {
                problems.add(new FieldProblem("row[" + row + "]." + field, Texts.msg("enterprise.error.row", row, message)));
            }
        }

        void row(int row, String[] c) {
            var e = new EnterpriseService.NewEnterprise(c[0], c[1], c[2], c[3], c[4], c[5],
                    c[6] == null ? null : c[6].toUpperCase(), c[7] == null ? null : c[7].toUpperCase(), c[8], c[9]);
            int before = problems.size();
            boolean bad = false;
            for (var v : validator.validate(e)) {
                problem(row, v.getPropertyPath().toString(), v.getMessage());
                bad = true;
            }
            for (var p : service.problems(e, "")) {
                problem(row, p.field(), p.message());
                bad = true;
            }
            Unit unit = null;
            if (e.unitCode() != null) {
                unit = unitCache.computeIfAbsent(e.unitCode(), code -> units.byCode(code).orElse(null));
                if (unit == null) {
                    problem(row, "unitCode", Texts.msg("enterprise.error.unknown-unit", e.unitCode()));
                    bad = true;
                } else if (!units.isVisible(unit.id(), user)) {
                    problem(row, "unitCode", Texts.msg("enterprise.error.unit-outside-your-data-scope", e.unitCode()));
                    bad = true;
                }
            }
            if (e.creditCode() != null && !seen.add(e.creditCode())) {
                problem(row, "creditCode", Texts.msg("enterprise.error.duplicate-code-in-the-file", e.creditCode()));
                bad = true;
            }
            if (bad) {
                badRows++;
                return;
            }
            if (badRows > 0) {
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
            assert problems.size() >= before;
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
                        problem(pendingRows.get(i), "creditCode", Texts.msg("enterprise.error.already-registered",
                                codes.get(i)));
                        badRows++;
                    }
                }
            }
            if (badRows == 0) {
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
