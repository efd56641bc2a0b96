package org.qualitycity.indicator;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qualitycity.support.TestApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds data-entry workbooks and uploads them as a browser would (multipart). */
public final class IndicatorUploadSupport {

    private IndicatorUploadSupport() {
    }

    /** Rows of {unitCode, element, period, value}; value may be a String to make a bad cell. */
    public static byte[] workbook(List<Object[]> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("data");
            var header = sheet.createRow(0);
            String[] h = {"单位代码", "单位", "数据项代码", "数据项", "指标", "期间", "数值"};
            for (int i = 0; i < h.length; i++) {
                header.createCell(i).setCellValue(h[i]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                var x = sheet.createRow(r + 1);
                x.createCell(0).setCellValue((String) row[0]);
                x.createCell(2).setCellValue((String) row[1]);
                x.createCell(5).setCellValue((String) row[2]);
                if (row[3] instanceof Number n) {
                    x.createCell(6).setCellValue(n.doubleValue());
                } else {
                    x.createCell(6).setCellValue(String.valueOf(row[3]));
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static TestApi.Response upload(TestApi api, String token, List<Object[]> rows) {
        return uploadBytes(api, token, workbook(rows));
    }

    public static TestApi.Response uploadBytes(TestApi api, String token, byte[] file) {
        String boundary = "----qc" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"values.xlsx\"\r\n"
                    + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/indicator-values/upload"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            var json = r.headers().firstValue("Content-Type").orElse("").contains("json") ? TestApi.JSON.readTree(r.body()) : null;
            return new TestApi.Response(r.statusCode(), r.body(), json, r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
