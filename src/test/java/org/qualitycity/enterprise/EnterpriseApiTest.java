package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 1 (credit codes, duplicates), 5 (scope) and 7 (import all or nothing) of the enterprise register. */
@QcIntegrationTest
class EnterpriseApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static List<String> fields(TestApi.Response r) {
        List<String> list = new ArrayList<>();
        r.json().get("errors").forEach(e -> list.add(e.get("field").asText()));
        return list;
    }

    @Test
    void aWrongCheckCharacterIsRefusedNamingTheFieldARealCodeIsAcceptedADuplicateIsRefused() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        var wrong = api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise("91110000600037341K", "错误代码公司",
                "421281"), admin);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(fields(wrong)).containsExactly("creditCode");
        assertThat(wrong.body()).contains("校验位").contains("应为“L”").doesNotContain("expected");
        // the same message in the English reader's language, not glued to the Chinese one
        var wrongEn = api.post("/api/v1/enterprises?lang=en", EnterpriseFixtures.enterprise("91110000600037341K",
                "错误代码公司", "421281"), admin);
        assertThat(wrongEn.json().get("errors").get(0).get("message").asText()).contains("expected \"L\"")
                .doesNotContain("校验位");

        var ok = api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise("91110000600037341L", "真实代码测试公司",
                "421281"), admin);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("creditCode").asText()).isEqualTo("91110000600037341L");
        assertThat(api.get("/api/v1/enterprises/91110000600037341L", admin).json().get("enterprise").get("unitCode")
                .asText()).isEqualTo("421281");

        var dup = api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise("91110000600037341L", "重复公司",
                "421281"), admin);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(fields(dup)).containsExactly("creditCode");
        assertThat(dup.body()).contains("已登记");
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code = '91110000600037341L'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void anImportWithOneBadRowAmongAThousandImportsNothingAndReportsTheRowAValidFileImportsAll() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new String[]{EnterpriseFixtures.freshCode("421223"), "导入测试企业" + i + "-" + System.nanoTime(),
                    "法人" + i, "崇阳县测试路" + i + "号", "421223", "C1411", "small", "ACTIVE", "联系人", "0715-1234567"});
        }
        String good = rows.get(500)[0];
        String[] bad = rows.get(500).clone();
        bad[0] = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0'); // wrong check character
        List<String[]> withBad = new ArrayList<>(rows);
        withBad.set(500, bad);

        var refused = EnterpriseFixtures.upload(api, "/api/v1/enterprises/import", "enterprises.xlsx",
                EnterpriseFixtures.workbook(withBad), admin);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        // row 1 is the header, so the 501st enterprise is Excel row 502
        assertThat(fields(refused)).containsExactly("file", "row[502].creditCode");
        assertThat(count(rows)).as("nothing imported").isZero();

        var imported = EnterpriseFixtures.upload(api, "/api/v1/enterprises/import", "enterprises.xlsx",
                EnterpriseFixtures.workbook(rows), admin);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(1000);
        assertThat(count(rows)).isEqualTo(1000);

        var again = EnterpriseFixtures.upload(api, "/api/v1/enterprises/import", "enterprises.xlsx",
                EnterpriseFixtures.workbook(rows.subList(0, 3)), admin);
        assertThat(again.status()).isEqualTo(400);
        assertThat(fields(again)).contains("row[2].creditCode", "row[3].creditCode", "row[4].creditCode");
        var notExcel = EnterpriseFixtures.upload(api, "/api/v1/enterprises/import", "x.xlsx", "hello".getBytes(), admin);
        assertThat(notExcel.status()).isEqualTo(400);
        assertThat(fields(notExcel)).containsExactly("file");
    }

    private long count(List<String[]> rows) {
        return jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code IN (:c)")
                .param("c", rows.stream().map(r -> r[0]).toList()).query(Long.class).single();
    }

    @Test
    void anEnterpriseUserSeesOnlyItsOwnEnterpriseADistrictOfficerOnlyItsDistrict() {
        TestApi api = new TestApi(port);
        String own = EnterpriseFixtures.create(api, "421222", "通城范围测试企业甲");
        String other = EnterpriseFixtures.create(api, "421222", "通城范围测试企业乙");
        String chibi = EnterpriseFixtures.create(api, "421281", "赤壁范围测试企业");
        String user = EnterpriseFixtures.enterpriseUser(api, own, "421222");
        String ent = api.token(user);

        JsonNode mine = api.get("/api/v1/enterprises?size=200", ent).json();
        assertThat(mine.get("total").asLong()).isEqualTo(1);
        assertThat(mine.get("items").get(0).get("creditCode").asText()).isEqualTo(own);
        assertThat(api.get("/api/v1/enterprises/" + own, ent).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/enterprises/" + other, ent).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enterprises/" + chibi, ent).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise(EnterpriseFixtures.freshCode("421222"),
                "企业用户不能登记", "421222"), ent).status()).isEqualTo(403);

        String tc = api.token("tongcheng");
        JsonNode district = api.get("/api/v1/enterprises?size=200", tc).json();
        assertThat(district.get("total").asLong()).isGreaterThanOrEqualTo(2);
        district.get("items").forEach(e -> assertThat(e.get("unitCode").asText()).isEqualTo("421222"));
        assertThat(api.get("/api/v1/enterprises/" + other, tc).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/enterprises/" + chibi, tc).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enterprises?unit=421281", tc).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise(EnterpriseFixtures.freshCode("421281"),
                "越权登记", "421281"), tc).status()).isEqualTo(400);
    }
}
