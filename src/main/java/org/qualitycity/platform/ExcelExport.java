package org.qualitycity.platform;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * Excel export of any list: declare the columns once, stream the rows (SXSSF keeps a window of 200
 * rows in memory, so large exports stay flat in memory).
 */
public final class ExcelExport {

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ExcelExport() {
    }

    /**
     * A column: its header (a message key, rendered in the requesting user's language when the export is
     * answered, or text already localised) and how to get the cell value from a row.
     */
    public record Column<T>(String header, Function<T, ?> value) {
    }

    /** The columns with their header keys rendered in the current request's language. */
    static <T> List<Column<T>> localised(List<Column<T>> columns) {
        return columns.stream().map(c -> new Column<T>(Texts.renderStored(c.header()), c.value())).toList();
    }

    public static <T> void write(String sheetName, List<Column<T>> columns, Iterable<T> rows, OutputStream out) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle headerStyle = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                Cell c = header.createCell(i);
                c.setCellValue(columns.get(i).header());
                c.setCellStyle(headerStyle);
                sheet.setColumnWidth(i, 18 * 256);
            }
            int r = 1;
            for (T row : rows) {
                Row xr = sheet.createRow(r++);
                for (int i = 0; i < columns.size(); i++) {
                    setCell(xr.createCell(i), columns.get(i).value().apply(row));
                }
            }
            sheet.createFreezePane(0, 1);
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP response that streams the workbook as a download named {@code baseName-date.xlsx}. */
    public static <T> ResponseEntity<StreamingResponseBody> response(String baseName, String sheetName,
                                                                     List<Column<T>> columns, Iterable<T> rows) {
        List<Column<T>> headed = localised(columns); // in the request's thread: the body is written on another
        String filename = baseName + "-" + LocalDate.now() + ".xlsx";
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(out -> write(sheetName, headed, rows, out));
    }

    /** The workbook as bytes, for responses whose body type is decided at run time (JSON, CSV or Excel). */
    public static <T> ResponseEntity<byte[]> bytesResponse(String baseName, String sheetName, List<Column<T>> columns,
                                                          Iterable<T> rows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(sheetName, localised(columns), rows, out);
        String filename = baseName + "-" + LocalDate.now() + ".xlsx";
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(out.toByteArray());
    }

    private static void setCell(Cell cell, Object v) {
        if (v == null) {
            cell.setBlank();
        } else if (v instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (v instanceof Boolean b) {
            cell.setCellValue(b);
        } else if (v instanceof OffsetDateTime t) {
            cell.setCellValue(t.atZoneSameInstant(org.qualitycity.platform.ApplicationZone.ZONE).format(TS));
        } else if (v instanceof java.time.Instant t) {
            cell.setCellValue(t.atZone(org.qualitycity.platform.ApplicationZone.ZONE).format(TS));
        } else {
            String s = v.toString();
            // neutralise spreadsheet formula injection (CSV/Excel injection) from user-entered text
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
                s = "'" + s;
            }
            cell.setCellValue(s);
        }
    }
}
