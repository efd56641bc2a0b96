package org.qualitycity.spotcheck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 8: P3 counts the plan's key foods (四.(五).2: 特色食品、乳制品、食用油、肉类、酒类、食品添加剂、保健食品, from
 * the plan file), and P4 counts locally produced (地产) agricultural products only.
 */
@QcIntegrationTest
class KeyFoodsAndLocalProduceTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void p3CountsThePlansKeyFoodsAndP4OnlyLocalProduce() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String unit = "KF-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/units", Map.of("code", unit, "nameZh", "重点食品测试区", "nameEn", "Key-food test area",
                "kind", "DISTRICT", "parentCode", "421200"), admin).status()).isEqualTo(201);
        String ent = EnterpriseFixtures.create(api, unit, "重点食品测试食品有限公司");
        clock.set(LocalDate.of(2016, 6, 28).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        List<Long> ids = new ArrayList<>();
        // 酒类 is one of the plan's key foods; 婴幼儿配方食品 is not in the plan's list
        ids.add(SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-LIQUOR", "KF-1", "2016-05-03")));
        ids.add(SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-INFANT", "KF-2", "2016-05-04")));
        // vegetables grown in the city, and vegetables brought in from elsewhere
        ids.add(SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "AGR-VEG", "KF-3", "2016-05-05")));
        var brought = SpotcheckFixtures.sample(ent, "SUPERVISION", "AGR-VEG", "KF-4", "2016-05-06");
        brought.put("localOrigin", false);
        ids.add(SpotcheckFixtures.create(api, admin, brought));
        for (long id : ids) {
            SpotcheckFixtures.record(api, admin, id, true);
        }
        JsonNode p3 = api.get("/api/v1/spotchecks/samples?indicator=P3&unit=" + unit + "&period=2016Q2", admin).json();
        assertThat(p3.get("total").asLong()).isEqualTo(1);
        assertThat(p3.get("items").get(0).get("batchNo").asText()).isEqualTo("KF-1");
        JsonNode p4 = api.get("/api/v1/spotchecks/samples?indicator=P4&unit=" + unit + "&period=2016Q2", admin).json();
        assertThat(p4.get("total").asLong()).isEqualTo(1);
        assertThat(p4.get("items").get(0).get("batchNo").asText()).isEqualTo("KF-3");
    }
}
