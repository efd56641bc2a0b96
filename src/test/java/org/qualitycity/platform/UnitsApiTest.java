package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QcIntegrationTest
class UnitsApiTest {

    @LocalServerPort
    int port;

    private TestApi api() {
        return new TestApi(port);
    }

    private static Map<String, JsonNode> byCode(JsonNode list) {
        Map<String, JsonNode> m = new HashMap<>();
        list.forEach(u -> m.put(u.get("code").asText(), u));
        return m;
    }

    @Test
    void adminSeesTheCityItsSixDistrictsTheZoneAndAtLeast25DepartmentsWithParents() {
        TestApi api = api();
        var r = api.get("/api/v1/units", api.token("admin"));
        assertThat(r.status()).isEqualTo(200);
        Map<String, JsonNode> units = byCode(r.json());

        assertThat(units.get("421200").get("nameZh").asText()).isEqualTo("咸宁市");
        assertThat(units.get("421200").get("parentCode").isNull()).isTrue();
        Map<String, String> districts = Map.of("421202", "咸安区", "421221", "嘉鱼县", "421222", "通城县",
                "421223", "崇阳县", "421224", "通山县", "421281", "赤壁市");
        districts.forEach((code, name) -> {
            assertThat(units).containsKey(code);
            assertThat(units.get(code).get("nameZh").asText()).isEqualTo(name);
            assertThat(units.get(code).get("kind").asText()).isEqualTo("DISTRICT");
            assertThat(units.get(code).get("parentCode").asText()).isEqualTo("421200");
        });
        JsonNode zone = units.values().stream().filter(u -> u.get("nameZh").asText().equals("咸宁高新区"))
                .findFirst().orElseThrow();
        assertThat(zone.get("kind").asText()).isEqualTo("ZONE");
        assertThat(zone.get("parentCode").asText()).isEqualTo("421200");

        List<JsonNode> departments = units.values().stream()
                .filter(u -> u.get("kind").asText().equals("DEPARTMENT")).toList();
        assertThat(departments).hasSizeGreaterThanOrEqualTo(25);
        assertThat(departments).allSatisfy(d -> assertThat(d.get("parentCode").asText()).isEqualTo("421200"));
        assertThat(departments).extracting(d -> d.get("nameZh").asText())
                .contains("咸宁市市场监督管理局", "咸宁市住房和城乡建设局", "咸宁市生态环境局", "咸宁海关", "中共咸宁市委宣传部");
    }

    @Test
    void treeFormatNestsDistrictsUnderTheCity() {
        TestApi api = api();
        var r = api.get("/api/v1/units?format=tree", api.token("admin"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).hasSize(1);
        JsonNode city = r.json().get(0);
        assertThat(city.get("code").asText()).isEqualTo("421200");
        assertThat(city.get("children").findValuesAsString("code")).contains("421222", "421281", "421200GX");
    }

    @Test
    void districtOfficerSeesOnlyItsOwnDistrictAndBelow() {
        TestApi api = api();
        var r = api.get("/api/v1/units", api.token("tongcheng"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(byCode(r.json()).keySet()).containsExactlyInAnyOrder("421222", "421222-SCJG", "421222-ZJJ");
    }

    @Test
    void addRenameMoveDeactivateAndDeleteAUnitWithSubtreePathsKept() {
        TestApi api = api();
        String admin = api.token("admin");
        String code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var created = api.post("/api/v1/units", Map.of("code", code, "nameZh", "测试科", "nameEn", "Test section",
                "kind", "SUBUNIT", "parentCode", "421222"), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("level").asInt()).isEqualTo(3);
        var child = api.post("/api/v1/units", Map.of("code", code + "-1", "nameZh", "测试组", "nameEn", "Test group",
                "kind", "SUBUNIT", "parentCode", code), admin);
        assertThat(child.status()).isEqualTo(201);
        assertThat(child.json().get("level").asInt()).isEqualTo(4);

        var renamed = api.put("/api/v1/units/" + code, Map.of("nameZh", "质量测试科", "nameEn", "Quality test section"), admin);
        assertThat(renamed.json().get("nameZh").asText()).isEqualTo("质量测试科");

        // moving under the city changes the subtree's levels, and 通城县 no longer sees it
        var moved = api.post("/api/v1/units/" + code + "/move", Map.of("parentCode", "421200"), admin);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("level").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/units/" + code + "-1", admin).json().get("level").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/units/" + code + "-1", api.token("tongcheng")).status()).isEqualTo(404);

        // no cycles
        var cycle = api.post("/api/v1/units/" + code + "/move", Map.of("parentCode", code + "-1"), admin);
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().get("errors").get(0).get("field").asText()).isEqualTo("parentCode");

        // a unit with active sub-units cannot be deactivated; the leaf can, then the parent
        assertThat(api.post("/api/v1/units/" + code + "/deactivate", null, admin).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/units/" + code + "-1/deactivate", null, admin).json().get("active").asBoolean())
                .isFalse();
        assertThat(api.post("/api/v1/units/" + code + "/deactivate", null, admin).status()).isEqualTo(200);

        // delete: the parent has a child; the leaf has no records and goes
        assertThat(api.delete("/api/v1/units/" + code, admin).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/units/" + code + "-1", admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/units/" + code + "-1", admin).status()).isEqualTo(404);
    }

    @Test
    void aUnitWithUsersCannotBeDeletedOnlyDeactivated() {
        TestApi api = api();
        // 赤壁市市场监督管理局 has the demo user chibi-scj
        var r = api.delete("/api/v1/units/421281-SCJG", api.token("admin"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asText()).contains("改为停用");
        assertThat(api.get("/api/v1/units/421281-SCJG", api.token("admin")).status()).isEqualTo(200);
    }

    @Test
    void theCityCannotBeMovedDeactivatedOrDeleted() {
        TestApi api = api();
        String admin = api.token("admin");
        var move = api.post("/api/v1/units/421200/move", Map.of("parentCode", "421222"), admin);
        assertThat(move.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/units/421200/deactivate", null, admin).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/units/421200", admin).status()).isEqualTo(409);
    }

    @Test
    void duplicateCodeIsRefusedNamingTheField() {
        TestApi api = api();
        var r = api.post("/api/v1/units", Map.of("code", "421222", "nameZh", "重复", "nameEn", "dup", "kind", "SUBUNIT",
                "parentCode", "421200"), api.token("admin"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsString("field")).contains("code");
    }
}
