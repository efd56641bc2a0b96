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

    /**
     * One filled row of the workbook as read, for the preview: the Excel row number, the cells as text, the
     * names in both languages where the codes are known, and whether any problem names this row.
     */
    public record UploadRow(int row, String unitCode, String unitNameZh, String unitNameEn, String element,
                            String elementNameZh, String elementNameEn, String period, String value, boolean bad) {

        public String unitName(java.util.Locale locale) {
            return new org.qualitycity.platform.Text.Names(unitNameZh, unitNameEn).in(locale);
        }

        public String elementName(java.util.Locale locale) {
            return new org.qualitycity.platform.Text.Names(elementNameZh, elementNameEn).in(locale);
        }
    }

    /** A problem of the file: the Excel row (0: the whole file) and column letter, in the reader's language. */
    public record RowProblem(int row, String column, String message) {

        ValidationException.FieldProblem asField() {
            return new ValidationException.FieldProblem(row == 0 ? "file" : "row " + row + ", column " + column, message);
        }
    }

    /** What an upload would store: every filled row and every problem; {@code ok()} when it can be confirmed. */
    public record Preview(List<UploadRow> rows, List<RowProblem> problems, int values) {

        public boolean ok() {
            return problems.isEmpty() && values > 0;
        }
    }

    /** The rows of a workbook, grouped by unit and period as the service saves them. */
    private record Parsed(List<UploadRow> rows, List<RowProblem> problems,
                          Map<String, List<ValueService.Entry>> byUnitPeriod, Map<String, Integer> firstRowOf) {
    }

    /**
     * Reads and checks an upload exactly as {@link #upload} does, storing nothing: the page's preview. A file
     * that is not a workbook is one problem of row 0.
     */
    @Transactional(readOnly = true)
    public Preview preview(CurrentUser user, InputStream in) {
        Parsed parsed;
        try {
            parsed = parse(in);
        } catch (ValidationException e) {
            return new Preview(List.of(), List.of(new RowProblem(0, "", e.problems().get(0).message())), 0);
        }
        List<RowProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            problems.addAll(saveAll(user, parsed, false));
        }
        java.util.Set<Integer> badRows = new java.util.HashSet<>();
        problems.forEach(p -> badRows.add(p.row()));
        int count = parsed.byUnitPeriod().values().stream().mapToInt(List::size).sum();
        boolean reportsForAll = !values.responsibleElements(user).isEmpty();
        List<UploadRow> rows = parsed.rows().stream().map(r -> {
            // names only of units the user reports for: the preview tells nothing about other units
            var unit = units.byCode(r.unitCode()).filter(u -> reportsForAll || units.isVisible(u.id(), user));
            return new UploadRow(r.row(), r.unitCode(), unit.map(Unit::nameZh).orElse(null),
                    unit.map(Unit::nameEn).orElse(null), r.element(), r.elementNameZh(), r.elementNameEn(), r.period(),
                    r.value(), badRows.contains(r.row()));
        }).toList();
        problems.sort(java.util.Comparator.comparingInt(RowProblem::row).thenComparing(RowProblem::column));
        return new Preview(rows, problems, count);
    }

    @Transactional
    public ImportResult upload(CurrentUser user, InputStream in) {
        Parsed parsed = parse(in);
        if (!parsed.problems().isEmpty()) {
            throw new ValidationException(parsed.problems().stream().map(RowProblem::asField).toList());
        }
        List<RowProblem> problems = saveAll(user, parsed, true);
        if (!problems.isEmpty()) {
            // rolls back what was saved: all or nothing
            throw new ValidationException(problems.stream().map(RowProblem::asField).toList());
        }
        return new ImportResult(parsed.rows().size(), parsed.byUnitPeriod().values().stream().mapToInt(List::size).sum());
    }

    /** Saves (or only checks) every unit and period of the file; the problems by row and column. */
    private List<RowProblem> saveAll(CurrentUser user, Parsed parsed, boolean write) {
        List<RowProblem> problems = new ArrayList<>();
        for (var entry : parsed.byUnitPeriod().entrySet()) {
            String[] parts = entry.getKey().split("\\|");
            var request = new ValueService.SaveValues(parts[0], parts[1], entry.getValue());
            try {
                if (write) {
                    values.save(request, user);
                } else {
                    values.check(request, user);
                }
            } catch (ValidationException e) {
                // translate the form's field paths back to rows and columns
                for (var p : e.problems()) {
                    int index = p.field().matches("values\\[\\d+].*") ? Integer.parseInt(p.field().replaceAll("values\\[(\\d+)].*", "$1")) : 0;
                    String element = entry.getValue().get(Math.min(index, entry.getValue().size() - 1)).element();
                    Integer row = parsed.firstRowOf().get(entry.getKey() + "|" + element);
                    problems.add(new RowProblem(row == null ? 0 : row, p.field().endsWith("element") ? "C"
                            : p.field().equals("period") ? "F" : p.field().equals("unitCode") ? "A" : "G", p.message()));
                }
            } catch (org.qualitycity.platform.ConflictException e) {
                Integer row = parsed.firstRowOf().get(entry.getKey() + "|" + entry.getValue().get(0).element());
                problems.add(new RowProblem(row == null ? 0 : row, "G", e.getMessage()));
            } catch (NotFoundException e) {
                problems.add(new RowProblem(parsed.firstRowOf().getOrDefault(entry.getKey() + "|"
                        + entry.getValue().get(0).element(), 0), "A", Texts.msg("indicator.upload.error.not-your-unit", parts[0])));
            }
        }
        return problems;
    }

    /** Reads the first sheet: every filled row, its problems of form (codes, period, number). */
    private Parsed parse(InputStream in) {
        List<RowProblem> problems = new ArrayList<>();
        List<UploadRow> rows = new ArrayList<>();
        Map<String, List<ValueService.Entry>> byUnitPeriod = new LinkedHashMap<>();
        Map<String, Integer> firstRowOf = new LinkedHashMap<>();
        DataFormatter fmt = new DataFormatter();
        try (Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                if (row == null || isBlank(row, fmt)) {
                    continue;
                }
                int excelRow = i + 1;
                String unitCode = fmt.formatCellValue(row.getCell(COL_UNIT)).trim();
                String element = fmt.formatCellValue(row.getCell(COL_ELEMENT)).trim();
                String period = fmt.formatCellValue(row.getCell(COL_PERIOD)).trim();
                var unit = units.byCode(unitCode);
                if (unit.isEmpty()) {
                    problems.add(new RowProblem(excelRow, "A", Texts.msg("indicator.upload.error.unit", unitCode)));
                }
                var dataElement = catalog.element(element);
                if (dataElement.isEmpty()) {
                    problems.add(new RowProblem(excelRow, "C", Texts.msg("indicator.upload.error.element", element)));
                }
                try {
                    Period.parse(period);
                } catch (IllegalArgumentException e) {
                    problems.add(new RowProblem(excelRow, "F", Texts.msg("indicator.upload.error.period", period)));
                }
                Cell cell = row.getCell(COL_VALUE);
                BigDecimal value = null;
                String text = cell == null ? "" : fmt.formatCellValue(cell).trim();
                boolean notANumber = false;
                if (cell != null && cell.getCellType() == CellType.NUMERIC) {
                    value = BigDecimal.valueOf(cell.getNumericCellValue());
                    text = value.stripTrailingZeros().toPlainString();
                } else if (!text.isBlank()) {
                    try {
                        value = new BigDecimal(text.replace(",", ""));
                    } catch (NumberFormatException e) {
                        problems.add(new RowProblem(excelRow, "G", Texts.msg("indicator.upload.error.number", text)));
                        notANumber = true;
                    }
                }
                // the names of a unit the user may not see are not shown: the code is what the user typed
                rows.add(new UploadRow(excelRow, unitCode, null, null, element,
                        dataElement.map(DataElement::nameZh).orElse(null), dataElement.map(DataElement::nameEn).orElse(null),
                        period, text, false));
                if (value == null || notANumber) {
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
            throw new ValidationException("file", Texts.msg("indicator.upload.error.unreadable"));
        }
        return new Parsed(rows, problems, byUnitPeriod, firstRowOf);
    }

    private static boolean isBlank(Row row, DataFormatter fmt) {
        for (int c = 0; c <= COL_VALUE; c++) {
            if (!fmt.formatCellValue(row.getCell(c)).isBlank()) {
                return false;
            }
        }
        return true;
    }

}
