package org.qualitycity.enterprise.internal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.qualitycity.enterprise.EnterpriseScope;
import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * P5's records (issue 14): export notifications (date, importing country, product, enterprise, reason) and export
 * batch counts per unit and year, each imported from .xlsx all or nothing (every bad row reported as
 * {@code row[n].column}, n the Excel row). P5_NOTIFIED counts the notifications of the year per unit of the
 * enterprise, P5_EXPORTED is the batch count of the unit and year; the comparator P5_NATIONAL_AVG is reported.
 */
@Service
public class ExportRecords {

    static final String P5_NOTIFIED = "P5_NOTIFIED";
    static final String P5_EXPORTED = "P5_EXPORTED";
    static final int MAX_ROWS = 50_000;

    public record Result(int imported) {
    }

    public record NotificationView(long id, LocalDate notifiedOn, String country, String product, String creditCode,
                                   String enterpriseName, String unitCode, String reason, boolean demo) {
    }

    public record BatchesView(String unitCode, int year, int batches, String source, boolean demo) {
    }

    private final JdbcClient jdbc;
    private final EnterpriseService enterprises;
    private final Units units;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ExportRecords(JdbcClient jdbc, EnterpriseService enterprises, Units units, AuditLog audit,
                  ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.units = units;
        this.audit = audit;
        this.events = events;
    }

    private static String text(Row row, int col, DataFormatter f) {
        Cell c = row == null ? null : row.getCell(col);
        if (c == null) {
            return null;
        }
        String s = f.formatCellValue(c).trim();
        return s.isEmpty() ? null : s;
    }

    private static LocalDate date(Row row, int col, DataFormatter f) {
        Cell c = row == null ? null : row.getCell(col);
        if (c == null) {
            return null;
        }
        if (c.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(c)) {
            return c.getLocalDateTimeCellValue().toLocalDate();
        }
        String s = text(row, col, f);
        return s == null ? null : LocalDate.parse(s);
    }

    private static Sheet firstSheet(Workbook wb) {
        if (wb.getNumberOfSheets() == 0) {
            throw new ValidationException("file", Texts.msg("enterprise.export.error.empty"));
        }
        return wb.getSheetAt(0);
    }

    private static Workbook open(InputStream in) {
        try {
            return WorkbookFactory.create(in);
        } catch (IOException | RuntimeException e) {
            throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
        }
    }

    private static void problem(List<ValidationException.FieldProblem> p, int excelRow, String column, String key, Object... args) {
        p.add(new ValidationException.FieldProblem("row[" + excelRow + "]." + column, Texts.msg(key, args)));
    }

    private static String tooLong(String s, int max) {
        return s != null && s.length() > max ? s : null;
    }

    /** Notifications: columns date, importing country, product, enterprise credit code, reason; row 1 the header. */
    @Transactional
    public Result importNotifications(InputStream in, CurrentUser user) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        DataFormatter f = new DataFormatter();
        try (Workbook wb = open(in)) {
            Sheet sheet = firstSheet(wb);
            for (int r = 1; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS); r++) {
                Row row = sheet.getRow(r);
                int n = r + 1;
                if (row == null || (text(row, 0, f) == null && text(row, 1, f) == null && text(row, 3, f) == null)) {
                    continue;
                }
                LocalDate on = null;
                try {
                    on = date(row, 0, f);
                } catch (RuntimeException e) {
                    problem(problems, n, "notifiedOn", "enterprise.export.error.date");
                }
                String country = text(row, 1, f);
                String product = text(row, 2, f);
                String code = text(row, 3, f);
                String reason = text(row, 4, f);
                if (on == null && problems.stream().noneMatch(p -> p.field().equals("row[" + n + "].notifiedOn"))) {
                    problem(problems, n, "notifiedOn", "enterprise.export.error.required");
                }
                if (country == null || tooLong(country, 100) != null) {
                    problem(problems, n, "country", "enterprise.export.error.required");
                }
                if (product == null || tooLong(product, 200) != null) {
                    problem(problems, n, "product", "enterprise.export.error.required");
                }
                if (reason == null || tooLong(reason, 500) != null) {
                    problem(problems, n, "reason", "enterprise.export.error.required");
                }
                Optional<org.qualitycity.enterprise.EnterpriseRef> ref = Optional.empty();
                if (code == null) {
                    problem(problems, n, "creditCode", "enterprise.export.error.required");
                } else {
                    try {
                        ref = Optional.of(enterprises.requireVisible(code, user));
                    } catch (NotFoundException e) {
                        problem(problems, n, "creditCode", "enterprise.export.error.enterprise", code);
                    }
                }
                if (ref.isPresent() && on != null) {
                    rows.add(new Object[]{on, country, product, ref.get().id(), ref.get().unitId(), reason});
                }
            }
        } catch (IOException e) {
            throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Set<Integer> years = new TreeSet<>();
        for (Object[] r : rows) {
            long id = jdbc.sql("""
                            INSERT INTO enterprise_export_notification (notified_on, country, product, enterprise_id, unit_id,
                                                                        reason, created_by)
                            VALUES (:on, :country, :product, :e, :u, :reason, :by) RETURNING id
                            """)
                    .param("on", r[0]).param("country", r[1]).param("product", r[2]).param("e", r[3]).param("u", r[4])
                    .param("reason", r[5]).param("by", user.id()).query(Long.class).single();
            years.add(((LocalDate) r[0]).getYear());
            audit.record("enterprise", "export-notification", id, (Long) r[4], "IMPORT", null,
                    Map.of("notifiedOn", r[0].toString(), "country", r[1], "product", r[2], "reason", r[5]));
        }
        if (!years.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(Set.of(P5_NOTIFIED), years));
        }
        return new Result(rows.size());
    }

    /** Batch counts: columns unit code, year, batches, source; a row replaces the unit's count of that year. */
    @Transactional
    public Result importBatches(InputStream in, CurrentUser user) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        DataFormatter f = new DataFormatter();
        try (Workbook wb = open(in)) {
            Sheet sheet = firstSheet(wb);
            for (int r = 1; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS); r++) {
                Row row = sheet.getRow(r);
                int n = r + 1;
                String unitCode = text(row, 0, f);
                String year = text(row, 1, f);
                String batches = text(row, 2, f);
                String source = text(row, 3, f);
                if (unitCode == null && year == null && batches == null) {
                    continue;
                }
                Unit unit = null;
                if (unitCode == null) {
                    problem(problems, n, "unitCode", "enterprise.export.error.required");
                } else {
                    try {
                        unit = units.requireVisible(unitCode, user, EnterpriseService.MODULE);
                    } catch (NotFoundException e) {
                        problem(problems, n, "unitCode", "enterprise.export.error.unit", unitCode);
                    }
                }
                Integer y = null;
                if (year == null || !year.matches("\\d{4}") || Integer.parseInt(year) < 2000 || Integer.parseInt(year) > 2100) {
                    problem(problems, n, "year", "enterprise.export.error.year");
                } else {
                    y = Integer.valueOf(year);
                }
                Integer b = null;
                if (batches == null || !batches.matches("\\d{1,9}")) {
                    problem(problems, n, "batches", "enterprise.export.error.batches");
                } else {
                    b = Integer.valueOf(batches);
                }
                if (tooLong(source, 200) != null) {
                    problem(problems, n, "source", "enterprise.export.error.required");
                }
                if (unit != null && y != null && b != null) {
                    rows.add(new Object[]{unit.id(), y, b, source});
                }
            }
        } catch (IOException e) {
            throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Set<Integer> years = new TreeSet<>();
        for (Object[] r : rows) {
            jdbc.sql("""
                            INSERT INTO enterprise_export_batches (unit_id, year, batches, source)
                            VALUES (:u, :y, :b, :s)
                            ON CONFLICT (unit_id, year) DO UPDATE SET batches = :b, source = :s, demo = false, updated_at = now()
                            """)
                    .param("u", r[0]).param("y", r[1]).param("b", r[2]).param("s", r[3]).update();
            years.add((Integer) r[1]);
            audit.record("enterprise", "export-batches", r[0] + "|" + r[1], (Long) r[0], "IMPORT", null,
                    Map.of("year", r[1], "batches", r[2], "source", r[3] == null ? "" : r[3]));
        }
        if (!years.isEmpty()) {
            events.publishEvent(new ComputedDataChanged(Set.of(P5_EXPORTED), years));
        }
        return new Result(rows.size());
    }

    /** Notifications of a year in the caller's scope (and a unit and below), newest first. */
    public List<NotificationView> notifications(int year, String unitCode, CurrentUser user) {
        String path = unitCode == null || unitCode.isBlank() ? "/"
                : units.requireVisible(unitCode.trim(), user, EnterpriseService.MODULE).path();
        EnterpriseScope scope = enterprises.scope(user);
        return jdbc.sql("""
                        SELECT n.id, n.notified_on, n.country, n.product, e.credit_code, e.name, u.code AS unit_code, n.reason,
                               n.demo
                        FROM enterprise_export_notification n JOIN enterprise e ON e.id = n.enterprise_id
                        JOIN platform_unit u ON u.id = n.unit_id
                        WHERE EXTRACT(YEAR FROM n.notified_on) = :year AND u.path LIKE CAST(:path AS varchar) || '%' AND
                        """ + scope.predicate("e.id", "n.unit_id") + " ORDER BY n.notified_on DESC, n.id DESC LIMIT 10000")
                .params(scope.params()).param("year", year).param("path", path)
                .query((rs, i) -> new NotificationView(rs.getLong("id"), rs.getObject("notified_on", LocalDate.class),
                        rs.getString("country"), rs.getString("product"), rs.getString("credit_code"), rs.getString("name"),
                        rs.getString("unit_code"), rs.getString("reason"), rs.getBoolean("demo")))
                .list();
    }

    /** Export batch counts of a year in the caller's scope. */
    public List<BatchesView> batches(int year, CurrentUser user) {
        var scope = user.scope(EnterpriseService.MODULE);
        return jdbc.sql("""
                        SELECT u.code, b.year, b.batches, b.source, b.demo FROM enterprise_export_batches b
                        JOIN platform_unit u ON u.id = b.unit_id WHERE b.year = :year AND
                        """ + scope.predicate("b.unit_id", null) + " ORDER BY u.path")
                .params(scope.params()).param("year", year)
                .query((rs, i) -> new BatchesView(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                        rs.getBoolean(5)))
                .list();
    }
}
