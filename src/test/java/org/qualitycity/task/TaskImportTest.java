package org.qualitycity.task;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk assignment by Excel: all or nothing, every bad row reported. */
@QcIntegrationTest
class TaskImportTest {

    @LocalServerPort
    int port;

    private static byte[] workbook(List<String[]> rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("tasks");
            String[] header = {"id", "kind", "measure", "title", "leadUnit", "leadUnitName", "coUnits", "deadline"};
            Row h = s.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            int r = 1;
            for (String[] row : rows) {
                Row x = s.createRow(r++);
                for (int i = 0; i < row.length; i++) {
                    x.createCell(i).setCellValue(row[i]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private TestApi.Response upload(TestApi api, byte[] xlsx, String user) {
        return org.qualitycity.support.Multipart.api(api).post("/api/v1/tasks/import", Map.of("file", new org.qualitycity.support.Multipart.Part("tasks.xlsx",
                xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), api.token(user));
    }

    @Test
    void badRowsAreAllReportedAndChangeNothingThenAGoodFileReassigns() throws IOException {
        TestApi api = new TestApi(port);
        long a = TaskTestSupport.createTask(api, "421222", "批量交办测试A", LocalDate.of(2030, 3, 29));
        long b = TaskTestSupport.createTask(api, "421281", "批量交办测试B", LocalDate.of(2030, 3, 29));
        byte[] bad = workbook(List.of(
                new String[]{String.valueOf(a), "SUB", "M04.1", "A", "421223", "", "421222", "2030-04-30"},
                new String[]{String.valueOf(b), "SUB", "M04.1", "B", "NOPE", "", "", "2030-13-01"}));
        TestApi.Response r = upload(api, bad, "admin");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("rows[3].leadUnit").contains("rows[3].deadline");
        assertThat(api.get("/api/v1/tasks/" + a, api.token("admin")).json().get("task").get("leadUnit").asText())
                .isEqualTo("421222");
        assertThat(upload(api, bad, "tongcheng").status()).isEqualTo(403);

        byte[] good = workbook(List.of(
                new String[]{String.valueOf(a), "SUB", "M04.1", "A", "421223", "", "421222", "2030-04-30"},
                new String[]{String.valueOf(b), "SUB", "M04.1", "B", "421281", "", "", "2030-03-29"}));
        TestApi.Response ok = upload(api, good, "admin");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("rows").asInt()).isEqualTo(2);
        assertThat(ok.json().get("changed").asInt()).isEqualTo(1);
        JsonNode t = api.get("/api/v1/tasks/" + a, api.token("admin")).json().get("task");
        assertThat(t.get("leadUnit").asText()).isEqualTo("421223");
        assertThat(t.get("coUnits").get(0).asText()).isEqualTo("421222");
        assertThat(t.get("deadline").asText()).isEqualTo("2030-04-30");
        // 通城县 now co-operates and sees it; the audit trail has the change
        assertThat(api.get("/api/v1/tasks/" + a, api.token("tongcheng")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit?module=task&action=BULK_ASSIGN&entityId=" + a, api.token("auditadmin")).json()
                .get("total").asLong()).isEqualTo(1);
    }
}
