package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, P5: export notifications and batch counts imported all or nothing; P5 computed from them per unit. */
@QcIntegrationTest
class ExportNotificationsTest {

    @LocalServerPort
    int port;

    @Test
    void notificationsAndBatchesAreImportedAllOrNothingAndP5IsComputedFromThem() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String unit = "EX-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/units", Map.of("code", unit, "nameZh", "出口测试区", "nameEn", "Export test area",
                "kind", "DISTRICT", "parentCode", "421200"), admin).status()).isEqualTo(201);
        String code = EnterpriseFixtures.create(api, unit, "出口通报测试茶业");

        // every bad row reported, nothing imported
        var bad = EnterpriseFixtures.upload(api, "/api/v1/export-notifications/import", "n.xlsx", EnterpriseFixtures.workbook(
                List.<String[]>of(new String[]{"2019-03-05", "日本", "绿茶", code, "农药残留超标"},
                        new String[]{"2019-04-01", null, "绿茶", code, "农药残留超标"},
                        new String[]{"2019-05-01", "美国", "红茶", "91420000XXXXXXXXXX", "霉变"},
                        new String[]{"2019-13-45", "欧盟", "绿茶", code, "标签不合格"})), admin);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("row[3].country", "row[4].creditCode", "row[5].notifiedOn");
        assertThat(api.get("/api/v1/export-notifications?year=2019&unit=" + unit, admin).json()).isEmpty();

        var ok = EnterpriseFixtures.upload(api, "/api/v1/export-notifications/import", "n.xlsx", EnterpriseFixtures.workbook(
                List.<String[]>of(new String[]{"2019-03-05", "日本", "绿茶", code, "农药残留超标"},
                        new String[]{"2019-08-20", "欧盟", "砖茶", code, "标签不合格"})), admin);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("imported").asInt()).isEqualTo(2);
        var badBatches = EnterpriseFixtures.upload(api, "/api/v1/export-batches/import", "b.xlsx", EnterpriseFixtures.workbook(
                List.<String[]>of(new String[]{unit, "2019", "400", "海关统计"}, new String[]{unit, "19", "-1", null})), admin);
        assertThat(badBatches.status()).isEqualTo(400);
        assertThat(badBatches.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("row[3].year", "row[3].batches");
        assertThat(EnterpriseFixtures.upload(api, "/api/v1/export-batches/import", "b.xlsx", EnterpriseFixtures.workbook(
                List.<String[]>of(new String[]{unit, "2019", "400", "海关统计"})), admin).status()).isEqualTo(200);

        // P5 2019 for the area: 2 notified of 400 batches = 0.5 %
        JsonNode row = Await.until("P5 2019 of the test area = 0.5", () -> {
            for (JsonNode r : api.get("/api/v1/analytics?dx=P5&pe=2019&ou=" + unit, admin).json().get("items")) {
                if (r.get("unit").asText().equals(unit) && !r.get("value").isNull()) {
                    return r;
                }
            }
            return null;
        }, r -> r != null && r.get("value").decimalValue().compareTo(new java.math.BigDecimal("0.5")) == 0);
        assertThat(row.get("numerator").asInt()).isEqualTo(2);
        assertThat(row.get("denominator").asInt()).isEqualTo(400);
        // a district officer elsewhere sees none of the area's notifications
        assertThat(api.get("/api/v1/export-notifications?year=2019", api.token("tongcheng")).body()).doesNotContain(code);
    }

    /** P5 from the page: an upload with bad rows lists every one of them beside nothing imported; a good one imports. */
    @Test
    void theExportPageUploadsNotificationsAndListsEveryBadRow() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = EnterpriseFixtures.create(api, "421281", "出口页面上传茶业" + UUID.randomUUID().toString().substring(0, 4));
        var web = org.qualitycity.support.WebSession.loggedIn(port, "admin");
        assertThat(web.get("/export-notifications?year=2018").body()).contains("export-upload");
        var bad = web.postFile("/export-notifications/import", "n.xlsx", EnterpriseFixtures.workbook(
                List.<String[]>of(new String[]{"2018-03-05", "日本", "绿茶", code, "页面上传农残"},
                        new String[]{"2018-04-01", null, "绿茶", code, "页面上传农残"},
                        new String[]{"2018-13-45", "欧盟", "绿茶", code, "页面上传标签"})));
        assertThat(bad.status()).isIn(302, 303);
        String refused = web.get("/export-notifications?year=2018").body();
        assertThat(refused).contains("export-import-problems").contains("row[3].country").contains("row[4].notifiedOn")
                .doesNotContain("row[2].");
        assertThat(api.get("/api/v1/export-notifications?year=2018&unit=421281", admin).body()).doesNotContain("页面上传农残");

        var ok = web.postFile("/export-notifications/import", "n.xlsx", EnterpriseFixtures.workbook(
                List.<String[]>of(new String[]{"2018-03-05", "日本", "绿茶", code, "页面上传农残"})));
        assertThat(ok.status()).isIn(302, 303);
        assertThat(web.get("/export-notifications?year=2018").body()).contains("export-import-ok").contains("已导入 1 条通报记录");
        assertThat(api.get("/api/v1/export-notifications?year=2018&unit=421281", admin).body()).contains("页面上传农残");
    }
}
