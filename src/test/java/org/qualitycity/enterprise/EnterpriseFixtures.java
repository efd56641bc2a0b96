package org.qualitycity.enterprise;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.qualitycity.support.TestApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test records of the register: fresh valid codes, enterprises, enterprise users. */
public final class EnterpriseFixtures {

    private EnterpriseFixtures() {
    }

    /** A fresh valid credit code in the area (division code) given. */
    public static String freshCode(String division) {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder sb = new StringBuilder("91").append(division.matches("\\d{6}") ? division : "421200");
        while (sb.length() < 17) {
            sb.append(chars.charAt(ThreadLocalRandom.current().nextInt(10 + (sb.length() > 10 ? 21 : 0))));
        }
        return CreditCode.complete(sb.toString());
    }

    public static Map<String, Object> enterprise(String code, String name, String unitCode) {
        return Map.of("creditCode", code, "name", name, "legalRepresentative", "测试法人", "address", "测试地址1号",
                "unitCode", unitCode, "industry", "C1411", "size", "SMALL", "status", "ACTIVE");
    }

    /** Registers an enterprise as the city administrator and returns its code. */
    public static String create(TestApi api, String unitCode, String name) {
        String code = freshCode(unitCode);
        var r = api.post("/api/v1/enterprises", enterprise(code, name, unitCode), api.token("admin"));
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return code;
    }

    /** Creates a user with role ENTERPRISE (demo password) linked to the enterprise; returns the username. */
    public static String enterpriseUser(TestApi api, String code, String unitCode) {
        String admin = api.token("admin");
        String username = "ent" + UUID.randomUUID().toString().substring(0, 8);
        var created = api.post("/api/v1/users", Map.of("username", username, "displayName", "企业用户 " + username,
                "unitCode", unitCode, "password", TestApi.DEMO_PASSWORD, "roles", List.of("ENTERPRISE")), admin);
        if (created.status() != 201) {
            throw new IllegalStateException(created.toString());
        }
        var linked = api.post("/api/v1/enterprises/" + code + "/users", Map.of("username", username), admin);
        if (linked.status() != 200) {
            throw new IllegalStateException(linked.toString());
        }
        return username;
    }

    /** An .xlsx of enterprises: header plus one row per entry (columns as the import expects). */
    public static byte[] workbook(List<String[]> rows) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("企业");
            String[] header = {"统一社会信用代码", "名称", "法定代表人", "地址", "单位代码", "行业", "规模", "状态", "联系人", "电话"};
            var h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r + 1);
                String[] v = rows.get(r);
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != null) {
                        row.createCell(i).setCellValue(v[i]);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST one file as multipart/form-data (field "file") with a bearer token. */
    public static TestApi.Response upload(TestApi api, String path, String filename, byte[] bytes, String token) {
        String boundary = "----qc" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + path))
                .timeout(java.time.Duration.ofSeconds(120))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            var json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json") ? null
                    : TestApi.JSON.readTree(r.body());
            return new TestApi.Response(r.statusCode(), r.body(), json, r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
