package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** P7 (average annual growth from 2016) comes from declared standards that adopt international standards, counted at year end per unit. */
@QcIntegrationTest
class StandardsIndicatorTest {

    @LocalServerPort
    int port;

    @Test
    void adoptedInternationalStandardsAreCountedAtYearEnd() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String unit = "ST-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/units", Map.of("code", unit, "nameZh", "标准测试区", "nameEn", "Standards test area",
                "kind", "DISTRICT", "parentCode", "421200"), admin).status()).isEqualTo(201);
        String code = EnterpriseFixtures.create(api, unit, "采标测试企业");
        for (String[] s : new String[][]{{"INTERNATIONAL", "2016-03-01"}, {"INTERNATIONAL", "2017-05-01"},
                {"INTERNATIONAL", "2017-11-30"}, {"NATIONAL", "2017-06-01"}}) {
            assertThat(api.post("/api/v1/enterprises/" + code + "/standards", Map.of("product", "电热水壶", "kind", s[0],
                    "standardNo", "IEC 60335-2-15", "declaredOn", s[1]), admin).status()).isEqualTo(201);
        }
        // the recompute after the declarations runs asynchronously: await P7 2016 = 1 and 2017 = 3
        JsonNode[] rows = Await.until("P7 2016 (the plan's base year) = 1 and 2017 = 3 (the national standard does not count)",
                () -> {
                    JsonNode[] found = new JsonNode[2];
                    for (JsonNode r : api.get("/api/v1/analytics?dx=P7&pe=2016;2017&ou=" + unit, admin).json().get("items")) {
                        if (r.get("unit").asText().equals(unit) && !r.get("value").isNull()) {
                            if (r.get("period").asText().equals("2016") && r.get("value").asInt() == 1) {
                                found[0] = r;
                            }
                            if (r.get("period").asText().equals("2017") && r.get("value").asInt() == 3) {
                                found[1] = r;
                            }
                        }
                    }
                    return found;
                }, found -> found[0] != null && found[1] != null);
        JsonNode row2016 = rows[1];
        assertThat(row2016.get("status").asText()).isEqualTo("MET");
        assertThat(api.get("/api/v1/enterprises?standard=INTERNATIONAL&unit=" + unit, admin).json().get("total").asLong())
                .isEqualTo(1);
    }
}
