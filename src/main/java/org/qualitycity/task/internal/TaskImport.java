package org.qualitycity.task.internal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.task.TaskViews;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk assignment by Excel: the task export (columns id … leadUnit, …, coUnits, deadline) edited and uploaded
 * again. All or nothing: every bad row is reported and nothing changes unless every row is valid.
 */
@Service
public class TaskImport {

    public record Result(int rows, int changed) {
    }

    static final int ID = 0;
    static final int LEAD = 4;
    static final int CO = 6;
    static final int DEADLINE = 7;

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final Units units;
    private final AuditLog audit;

    TaskImport(JdbcClient jdbc, TaskService tasks, Units units, AuditLog audit) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.units = units;
        this.audit = audit;
    }

    private record Change(long id, Unit lead, List<Long> co, LocalDate deadline, TaskViews.Task before) {
    }

    @Transactional
    public Result importWorkbook(InputStream in, CurrentUser user) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int rows = 0;
        DataFormatter fmt = new DataFormatter();
        try (Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (Row row : sheet) {
                if (row.getRowNum() == 0 || text(fmt, row.getCell(ID)).isEmpty()) {
                    continue;
                }
                rows++;
                String at = "rows[" + (row.getRowNum() + 1) + "]";
                int before = problems.size();
                long id;
                try {
                    id = (long) Double.parseDouble(text(fmt, row.getCell(ID)));
                } catch (NumberFormatException e) {
                    problems.add(new ValidationException.FieldProblem(at + ".id", Texts.msg("task.error.import.not-a-task-id")));
                    continue;
                }
                TaskViews.Task t = tasks.findVisible(id, user, false).orElse(null);
                if (t == null) {
                    problems.add(new ValidationException.FieldProblem(at + ".id", Texts.msg("task.error.import.unknown-task", String.valueOf(id))));
                    continue;
                }
                if (t.state() == org.qualitycity.task.TaskState.CLOSED) {
                    problems.add(new ValidationException.FieldProblem(at + ".id", Texts.msg("task.error.import.task-closed", String.valueOf(id))));
                }
                String leadCode = text(fmt, row.getCell(LEAD));
                Unit lead = units.byCode(leadCode).orElse(null);
                if (lead == null) {
                    problems.add(new ValidationException.FieldProblem(at + ".leadUnit", Texts.msg("error.unknown-unit", leadCode)));
                }
                List<Long> co = new ArrayList<>();
                for (String c : text(fmt, row.getCell(CO)).split("[;,\\uFF1B\\uFF0C\\u3001\\s]+")) {
                    if (c.isBlank()) {
                        continue;
                    }
                    units.byCode(c.trim()).ifPresentOrElse(u -> co.add(u.id()), () -> problems.add(
                            new ValidationException.FieldProblem(at + ".coUnits", Texts.msg("error.unknown-unit", c.trim()))));
                }
                if (lead != null && co.contains(lead.id())) {
                    problems.add(new ValidationException.FieldProblem(at + ".coUnits", Texts.msg("task.error.import.lead-co-operates")));
                }
                LocalDate deadline = null;
                Cell dc = row.getCell(DEADLINE);
                try {
                    deadline = dc != null && dc.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(dc)
                            ? dc.getLocalDateTimeCellValue().toLocalDate() : LocalDate.parse(text(fmt, dc));
                } catch (DateTimeParseException | IllegalStateException e) {
                    problems.add(new ValidationException.FieldProblem(at + ".deadline", Texts.msg("error.not-a-date")));
                }
                if (problems.size() == before) {
                    changes.add(new Change(id, lead, co, deadline, t));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException v) {
                throw v;
            }
            throw new ValidationException("file", Texts.msg("error.not-xlsx"));
        }
        if (rows == 0) {
            problems.add(new ValidationException.FieldProblem("file", Texts.msg("task.error.import.no-rows")));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int changed = 0;
        for (Change c : changes) {
            int n = jdbc.sql("""
                            UPDATE task_task SET unit_id = :unit, co_unit_ids = :co, deadline = :deadline, updated_at = now()
                            WHERE id = :id AND (unit_id <> :unit OR co_unit_ids <> :co OR deadline <> :deadline)""")
                    .param("unit", c.lead().id()).param("co", c.co().toArray(new Long[0])).param("deadline", c.deadline())
                    .param("id", c.id()).update();
            if (n > 0) {
                changed++;
                Map<String, Object> before = new LinkedHashMap<>();
                before.put("leadUnit", c.before().leadUnit());
                before.put("coUnits", c.before().coUnits());
                before.put("deadline", c.before().deadline().toString());
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("leadUnit", c.lead().code());
                after.put("coUnitIds", c.co());
                after.put("deadline", c.deadline().toString());
                audit.record("task", "task", c.id(), c.lead().id(), "BULK_ASSIGN", before, after);
            }
        }
        return new Result(rows, changed);
    }

    private static String text(DataFormatter fmt, Cell c) {
        return c == null ? "" : fmt.formatCellValue(c).trim();
    }
}
