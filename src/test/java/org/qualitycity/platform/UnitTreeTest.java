package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unit tree is bundled data ({@code plans/xianning-units.yaml}), loaded into the empty register on the first
 * start, with the units' roles; an import of a tree file creates and updates units by code, all or nothing.
 */
@QcIntegrationTest
class UnitTreeTest {

    @LocalServerPort
    int port;
    @Autowired
    Units units;

    @Test
    @SuppressWarnings("unchecked")
    void theRegisterIsTheBundledTreeFileWithItsRoles() throws IOException {
        List<Map<String, Object>> file;
        try (InputStream in = getClass().getResourceAsStream("/plans/xianning-units.yaml")) {
            file = (List<Map<String, Object>>) new Yaml().<Map<String, Object>>load(in).get("units");
        }
        assertThat(file).hasSize(52);
        TestApi api = new TestApi(port);
        Map<String, JsonNode> register = new HashMap<>();
        api.get("/api/v1/units", api.token("admin")).json().forEach(u -> register.put(u.get("code").asText(), u));
        for (Map<String, Object> u : file) {
            JsonNode r = register.get(String.valueOf(u.get("code")));
            assertThat(r).as("unit %s of the file", u.get("code")).isNotNull();
            assertThat(r.get("kind").asText()).isEqualTo(u.get("kind"));
            assertThat(r.get("parentCode").isNull() ? null : r.get("parentCode").asText()).isEqualTo(u.get("parent"));
            List<String> roles = new ArrayList<>();
            r.get("roles").forEach(x -> roles.add(x.asText()));
            assertThat(roles).as("roles of %s", u.get("code"))
                    .containsExactlyInAnyOrderElementsOf((List<String>) u.getOrDefault("roles", List.of()));
        }
        // the modules find units by role, not by code
        assertThat(units.city().code()).isEqualTo("421200");
        assertThat(units.withRole(Unit.Role.QUALITY_OFFICE).map(Unit::code)).contains("421200-ZQB");
        assertThat(units.withRole(Unit.Role.COMPLAINT_INTAKE).map(Unit::code)).contains("421200-SCJG");
        assertThat(units.withRole(Unit.Role.MARKET_REGULATOR, units.byCode("421222").orElseThrow()).map(Unit::code))
                .contains("421222-SCJG");
        assertThat(units.byCode("421200-ZQB").orElseThrow().id()).as("the same ids as the former migration")
                .isEqualTo(units.byCode("421200").orElseThrow().id() + 37);
    }

    @Test
    void anImportCreatesAndUpdatesUnitsByCodeAndReportsEveryProblemOfABadFile() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = "421200-TJJ-T" + (System.nanoTime() % 100000);
        String file = """
                format: qualitycity-units/1
                units:
                  - {code: "421200", kind: CITY, name_zh: 咸宁市, name_en: Xianning City}
                  - {code: "421200-TJJ", parent: "421200", kind: DEPARTMENT, name_zh: 咸宁市统计局, name_en: Statistics Bureau, sort: 28}
                  - {code: "%s", parent: "421200-TJJ", kind: SUBUNIT, name_zh: 统计局质量统计科, name_en: Quality statistics section, sort: 9}
                """.formatted(code);
        TestApi.Response first = api.send("PUT", "/api/v1/units/tree", file, admin, "application/yaml");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(1);
        assertThat(first.json().get("updated").asInt()).isZero();
        assertThat(first.json().get("unchanged").asInt()).isEqualTo(2);
        JsonNode created = api.get("/api/v1/units/" + code, admin).json();
        assertThat(created.get("parentCode").asText()).isEqualTo("421200-TJJ");
        assertThat(created.get("nameEn").asText()).isEqualTo("Quality statistics section");

        // the same file with the new unit renamed and given a role: one update, audited
        TestApi.Response second = api.send("PUT", "/api/v1/units/tree", file.replace("统计局质量统计科", "统计局质量统计处")
                .replace("sort: 9}", "sort: 9, roles: [MARKET_REGULATOR]}"), admin, "application/yaml");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("created").asInt()).isZero();
        assertThat(second.json().get("updated").asInt()).isEqualTo(1);
        JsonNode updated = api.get("/api/v1/units/" + code, admin).json();
        assertThat(updated.get("nameZh").asText()).isEqualTo("统计局质量统计处");
        assertThat(updated.get("roles").get(0).asText()).isEqualTo("MARKET_REGULATOR");
        JsonNode audit = api.get("/api/v1/audit?entityType=unit&entityId=" + code, api.token("auditadmin")).json();
        assertThat(audit.toString()).contains("IMPORT").contains("CREATE");

        // a bad file changes nothing and names each problem
        TestApi.Response bad = api.send("PUT", "/api/v1/units/tree", """
                format: qualitycity-units/1
                units:
                  - {code: "421200", kind: CITY, name_zh: 咸宁市, name_en: Xianning City}
                  - {code: "421200-TJJ", parent: "421200", kind: DEPARTMENT, name_zh: 咸宁市统计局, name_en: Statistics Bureau, sort: 28}
                  - {code: "421200-TJJ-X1", parent: "421299", kind: SUBUNIT, name_zh: 甲, name_en: A}
                  - {code: "421200-TJJ-X2", parent: "421200-TJJ", kind: OFFICE, name_zh: 乙, name_en: B, roles: [MAYOR]}
                """, admin, "application/yaml");
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("units[2].parent", "units[3].kind", "units[3].roles");
        assertThat(api.get("/api/v1/units/421200-TJJ-X2", admin).status()).isEqualTo(404);
        // another city's file is not an import into this register
        TestApi.Response other = api.send("PUT", "/api/v1/units/tree", """
                format: qualitycity-units/1
                units:
                  - {code: "990000", kind: CITY, name_zh: 河畔市, name_en: Riverside City}
                """, admin, "application/yaml");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("errors").get(0).get("field").asText()).isEqualTo("units[0].code");
        assertThat(api.send("PUT", "/api/v1/units/tree", "units: [", admin, "application/yaml").status()).isEqualTo(400);
        // the section has no records: it goes again (other tests see the register as the file made it)
        assertThat(api.delete("/api/v1/units/" + code, admin).status()).isEqualTo(204);
    }
}
