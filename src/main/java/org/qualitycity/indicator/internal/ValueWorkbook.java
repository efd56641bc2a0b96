package org.qualitycity.indicator.internal;

import org.apache.poi.ss.usermodel.Cell;
import org.qualitycity.platform.Texts;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-entry workbook: download a template of every reportable element for one period and the
 * units the user reports for; upload it back. The upload is all or nothing: any bad cell rejects the
 * whole file and the answer lists every bad row and column.
 */
@Service
public class ValueWorkbook {

    /** Header keys (indicator bundle); the upload reads the columns by position, not by header. */
    static final String[] HEADERS = {"indicator.workbook.unit-code", "indicator.workbook.unit",
            "indicator.workbook.element", "indicator.workbook.element-name", "indicator.workbook.indicator",
            "indicator.workbook.period", "indicator.workbook.value"};
    private static final int COL_UNIT = 0;
    private static final int COL_ELEMENT = 2;
    private static final int COL_PERIOD = 5;
    private static final int COL_VALUE = 6;

    record TemplateRow(String unitCode, String unitName, String element, String elementName, String indicator,
                       String period, BigDecimal value) {
    }

    private final IndicatorCatalog catalog;
    private final Units units;
    private final ValueService values;
    private final ValueRepository repo;

    ValueWorkbook(IndicatorCatalog catalog, Units units, ValueService values, ValueRepository repo) {
        this.catalog = catalog;
        this.units = units;
        this.values = values;
        this.repo = repo;
    }

    /** Units the user reports for: the areas and the city within its scope, or all of them for the elements it is responsible for. */
    private List<Unit> reportingUnits(CurrentUser user, String unitCode) {
        if (unitCode != null && !unitCode.isBlank()) {
            return List.of(values.reportableUnit(user, unitCode));
        }
        List<Unit> list = new ArrayList<>();
        units.all().stream().filter(u -> u.parentId() == null || u.isArea()).forEach(list::add);
        return list;
    }

    public void writeTemplate(CurrentUser user, String periodId, String unitCode, OutputStream out) {
        Period period = ValueService.parsePeriod(periodId);
        List<String> responsible = values.responsibleElements(user);
        List<TemplateRow> rows = new ArrayList<>();
        for (Unit u : reportingUnits(user, unitCode)) {
            boolean inScope = units.isVisible(u.id(), user);
            Map<String, BigDecimal> current = new LinkedHashMap<>();
            repo.forUnitPeriod(u.id(), period.id()).forEach(r -> current.put(r.element(), r.value()));
            for (IndicatorDefinition d : catalog.indicators()) {
                if (d.periodType() != period.type()) {
                    continue;
                }
                for (DataElement e : d.elements()) {
                    if (e.source() == IndicatorDefinition.ValueSource.COMPUTED) {
                        continue;
                    }
                    if (inScope || responsible.contains(e.code())) {
                        rows.add(new TemplateRow(u.code(), u.nameZh(), e.code(), e.nameZh(), d.code(), period.id(),
                                current.get(e.code())));
                    }
                }
            }
        }
        ExcelExport.write("data", List.of(
                new ExcelExport.Column<>(Texts.msg(HEADERS[0]), TemplateRow::unitCode),
                new ExcelExport.Column<>(Texts.msg(HEADERS[1]), TemplateRow::unitName),
                new ExcelExport.Column<>(Texts.msg(HEADERS[2]), TemplateRow::element),
                new ExcelExport.Column<>(Texts.msg(HEADERS[3]), TemplateRow::elementName),
                new ExcelExport.Column<>(Texts.msg(HEADERS[4]), TemplateRow::indicator),
                new ExcelExport.Column<>(Texts.msg(HEADERS[5]), TemplateRow::period),
                new ExcelExport.Column<>(Texts.msg(HEADERS[6]), TemplateRow::value)), rows, out);
    }

    /** The result of an upload: how many values were saved as drafts. */
    public record ImportResult(int rows, int saved) {
    }

    @Transactional
    public ImportResult upload(CurrentUser user, InputStream in) {
        List<ValidationException.FieldProblem> problems = new ArrayList<>();
        Map<String, List<ValueService.Entry>> byUnitPeriod = new LinkedHashMap<>();
        Map<String, Integer> firstRowOf = new LinkedHashMap<>();
        int rowsRead = 0;
        DataFormatter fmt = new DataFormatter();
        try (Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                if (row == null || isBlank(row, fmt)) {
                    continue;
                }
                rowsRead++;
                int excelRow = i + 1;
                String unitCode = fmt.formatCellValue(row.getCell(COL_UNIT)).trim();
                String element = fmt.formatCellValue(row.getCell(COL_ELEMENT)).trim();
                String period = fmt.formatCellValue(row.getCell(COL_PERIOD)).trim();
                if (units.byCode(unitCode).isEmpty()) {
                    problems.add(problem(excelRow, "A", Texts.msg("error.unknown-unit", unitCode)));
                }
                if (catalog.element(element).isEmpty()) {
                    problems.add(problem(excelRow, "C", Texts.msg("indicator.error.unknown-element", element)));
                }
                try {
                    Period.parse(period);
                } catch (IllegalArgumentException e) {
                    problems.add(problem(excelRow, "F", Texts.msg("indicator.error.workbook.not-a-period", period)));
                }
                Cell cell = row.getCell(COL_VALUE);
                BigDecimal value = null;
                if (cell != null && cell.getCellType() == CellType.NUMERIC) {
                    value = BigDecimal.valueOf(cell.getNumericCellValue());
                } else if (cell != null && !fmt.formatCellValue(cell).isBlank()) {
                    String text = fmt.formatCellValue(cell).trim().replace(",", "");
                    try {
                        value = new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        problems.add(problem(excelRow, "G", Texts.msg("indicator.error.not-a-number", text)));
                        continue;
                    }
                }
                if (value == null) {
                    continue; // an empty value cell: nothing to report for this element
                }
                String key = unitCode + "|" + period;
                byUnitPeriod.computeIfAbsent(key, k -> new ArrayList<>()).add(new ValueService.Entry(element, value));
                firstRowOf.putIfAbsent(key + "|" + element, excelRow);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException v) {
                throw v;
            }
            throw new ValidationException("file", Texts.msg("error.not-xlsx"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int saved = 0;
        for (var entry : byUnitPeriod.entrySet()) {
            String[] parts = entry.getKey().split("\\|");
            try {
                saved += values.save(new ValueService.SaveValues(parts[0], parts[1], entry.getValue()), user).size();
            } catch (ValidationException e) {
                // translate the form's field paths back to rows and columns
                for (var p : e.problems()) {
                    int index = p.field().matches("values\\[\\d+].*") ? Integer.parseInt(p.field().replaceAll("values\\[(\\d+)].*", "$1")) : 0;
                    String element = entry.getValue().get(Math.min(index, entry.getValue().size() - 1)).element();
                    Integer row = firstRowOf.get(entry.getKey() + "|" + element);
                    problems.add(problem(row == null ? 0 : row, p.field().endsWith("element") ? "C" : p.field().equals("period") ? "F" : "G",
                            p.message()));
                }
            } catch (NotFoundException e) {
                problems.add(problem(firstRowOf.getOrDefault(entry.getKey() + "|" + entry.getValue().get(0).element(), 0),
                        "A", Texts.msg("indicator.error.workbook.not-for-unit", parts[0])));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems); // rolls back what was saved: all or nothing
        }
        return new ImportResult(rowsRead, saved);
    }

    private static boolean isBlank(Row row, DataFormatter fmt) {
        for (int c = 0; c <= COL_VALUE; c++) {
            if (!fmt.formatCellValue(row.getCell(c)).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static ValidationException.FieldProblem problem(int row, String column, String message) {
        return new ValidationException.FieldProblem("row " + row + ", column " + column, message);
    }
}
