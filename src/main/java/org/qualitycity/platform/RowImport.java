package org.qualitycity.platform;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The one all-or-nothing Excel import of rows (the enterprise register, the project register): the first sheet of an
 * .xlsx file is read as a stream of rows (POI's SAX event API, so 100 000 rows stay flat in memory), row 1 is the
 * header, empty rows are skipped, cells are trimmed text (null when blank). The module checks each row and reports
 * its problems to the {@link Report}, which names them {@code row[n].column} (n the Excel row) with the module's
 * row message, caps the list at {@link #MAX_REPORTED} and counts the bad rows exactly. When any row is bad,
 * {@link Report#throwIfBad} refuses the whole file with every problem, so that the caller's transaction keeps
 * nothing.
 */
public final class RowImport {

    /** Problems reported at most (the count of bad rows is always exact). */
    public static final int MAX_REPORTED = 1000;

    private RowImport() {
    }

    /** What a module does with one data row: check it, report its problems, keep it if good. */
    @FunctionalInterface
    public interface Rows {
        void row(int row, String[] cells, Report report);
    }

    /** The problems of one import; {@code rowKey} renders a row's problem ({0} the row, {1} the message). */
    public static final class Report {
        private final String rowKey;
        private final List<FieldProblem> problems = new ArrayList<>();
        private int badRows;
        private int lastBadRow = -1;

        public Report(String rowKey) {
            this.rowKey = rowKey;
        }

        /** A problem of {@code field} in Excel row {@code row}; the row counts as bad. */
        public void problem(int row, String field, String message) {
            if (row != lastBadRow) {
                badRows++;
                lastBadRow = row;
            }
            if (problems.size() < MAX_REPORTED) {
                problems.add(new FieldProblem("row[" + row + "]." + field, Texts.msg(rowKey, row, message)));
            }
        }

        public int badRows() {
            return badRows;
        }

        public boolean anyBad() {
            return badRows > 0;
        }

        public List<FieldProblem> problems() {
            return List.copyOf(problems);
        }

        /**
         * Refuses the file when any row is bad: a problem of {@code file} ({@code summaryKey} with the number of bad
         * rows) followed by every row problem.
         */
        public void throwIfBad(String summaryKey) {
            if (badRows > 0) {
                List<FieldProblem> all = new ArrayList<>();
                all.add(new FieldProblem("file", Texts.msg(summaryKey, badRows)));
                all.addAll(problems);
                throw new ValidationException(all);
            }
        }
    }

    /**
     * Streams the data rows of the first sheet of {@code in} ({@code columns} columns, more are ignored) to
     * {@code rows}. A file that is not a readable .xlsx workbook with a sheet is a 400 on {@code file} with
     * {@code unreadableKey}.
     */
    public static void read(InputStream in, int columns, String unreadableKey, Report report, Rows rows) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("qc-row-import", ".xlsx");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (OPCPackage pkg = OPCPackage.open(tmp.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
                var sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw new ValidationException("file", Texts.msg(unreadableKey));
                }
                try (InputStream sheet = sheets.next()) {
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                            new Handler(columns, report, rows), new DataFormatter(), false));
                    xml.parse(new InputSource(sheet));
                }
            }
        } catch (ValidationException e) {
            throw e;
        } catch (RuntimeException e) {
            // a module's own failure (a conflict, a bug) is not the file's fault: let it through
            if (e.getClass().getName().startsWith("org.qualitycity.")) {
                throw e;
            }
            throw new ValidationException("file", Texts.msg(unreadableKey));
        } catch (Exception e) {
            throw new ValidationException("file", Texts.msg(unreadableKey));
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

    private static final class Handler implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final int columns;
        private final Report report;
        private final Rows rows;
        private String[] cells;
        private int row;

        Handler(int columns, Report report, Rows rows) {
            this.columns = columns;
            this.report = report;
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum + 1;
            cells = new String[columns];
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = new CellReference(ref).getCol();
            if (col < columns) {
                cells[col] = value == null || value.isBlank() ? null : value.trim();
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (row == 1) {
                return; // header
            }
            for (String c : cells) {
                if (c != null) {
                    rows.row(row, cells, report);
                    return;
                }
            }
        }
    }
}
