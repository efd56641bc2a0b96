package org.qualitycity.credit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 6: grades from failed batches with reasons; the public blacklist and credit repair. */
@QcIntegrationTest
class CreditApiTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void threeFailedBatchesInAYearLowerTheGradeAndThePageListsTheThreeReasons() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = EnterpriseFixtures.create(api, "421223", "信用评级测试企业");
        JsonNode before = api.get("/api/v1/credit/enterprises/" + code, admin).json().get("grade");
        assertThat(before.get("grade").asText()).isEqualTo("A");
        assertThat(before.get("score").asInt()).isEqualTo(100);
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < 3; i++) {
            long id = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(code, "SUPERVISION", "FOOD-CAKE",
                    "CR-" + i, today.minusDays(20 + i).toString()));
            SpotcheckFixtures.record(api, admin, id, false);
        }
        JsonNode after = api.get("/api/v1/enterprises/" + code, admin).json().get("sections").get("credit");
        assertThat(after.get("grade").asText()).isEqualTo("C");
        assertThat(after.get("score").asInt()).isEqualTo(70);
        List<String> failed = new ArrayList<>();
        after.get("reasons").forEach(r -> {
            if (r.get("rule").asText().equals("FAILED_BATCH")) {
                failed.add(r.get("detail").asText());
            }
        });
        assertThat(failed).hasSize(3);
        assertThat(String.join(" ", failed)).contains("CR-0").contains("CR-1").contains("CR-2");
        String page = WebSession.loggedIn(port, "admin").get("/enterprises/" + code).body();
        assertThat(page).contains("C 失信").contains("CR-0").contains("CR-1").contains("CR-2");
        assertThat(page.split("data-rule=\"FAILED_BATCH\"", -1).length - 1).isEqualTo(3);

        // an honour entered by an officer raises the score and is listed as a reason too
        assertThat(api.post("/api/v1/credit/enterprises/" + code + "/events", Map.of("kind", "HONOUR",
                "occurredOn", today.minusDays(1).toString(), "description", "湖北名牌产品"), admin).status()).isEqualTo(201);
        JsonNode honoured = api.get("/api/v1/credit/enterprises/" + code, admin).json().get("grade");
        assertThat(honoured.get("score").asInt()).isEqualTo(75);
        assertThat(honoured.get("grade").asText()).isEqualTo("B");
        assertThat(honoured.toString()).contains("湖北名牌产品");
    }

    @Test
    void aListedEnterpriseIsOnThePublicBlacklistUntilItsRepairIsApproved() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = EnterpriseFixtures.create(api, "421224", "失信名单测试企业");
        String user = EnterpriseFixtures.enterpriseUser(api, code, "421224");
        String ent = api.token(user);
        LocalDate today = LocalDate.now(clock);
        var listed = api.post("/api/v1/credit/blacklist", Map.of("creditCode", code, "decisionNo", "咸市监信列〔测试〕1号",
                "legalBasis", "《市场监督管理严重违法失信名单管理办法》", "reason", "生产销售不合格产品,逾期未整改",
                "approvedBy", "局务会", "listedOn", today.minusDays(400).toString()), admin);
        assertThat(listed.status()).as(listed.body()).isEqualTo(201);
        long listing = listed.json().get("id").asLong();
        assertThat(listed.json().get("until").asText()).isEqualTo(today.minusDays(400).plusYears(3).toString());

        assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
        assertThat(new WebSession(port).get("/public/blacklist").body()).contains(code).contains("失信名单测试企业");
        assertThat(api.get("/api/v1/credit/enterprises/" + code, ent).json().get("grade").get("grade").asText())
                .isEqualTo("D");

        var applied = api.post("/api/v1/credit/blacklist/" + listing + "/repairs", Map.of("commitment", "信用修复承诺书",
                "evidence", "整改报告与复查合格报告"), ent);
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        long repair = applied.json().get("id").asLong();
        assertThat(api.post("/api/v1/credit/repairs/" + repair + "/decision", Map.of("approve", true), ent).status())
                .as("the enterprise cannot decide its own application").isEqualTo(403);
        assertThat(api.post("/api/v1/credit/repairs/" + repair + "/decision", Map.of("approve", true), api.token("chibi"))
                .status()).as("another district's officer does not see it").isEqualTo(404);
        var approved = api.post("/api/v1/credit/repairs/" + repair + "/decision", Map.of("approve", true,
                "note", "整改到位"), admin);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/public/blacklist", null).body()).doesNotContain(code);
        assertThat(new WebSession(port).get("/public/blacklist").body()).doesNotContain(code);
        assertThat(api.get("/api/v1/credit/enterprises/" + code, admin).json().get("grade").get("grade").asText())
                .isEqualTo("A");
    }

    @Test
    void repairCannotBeAppliedForWithinTheFirstYear() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = EnterpriseFixtures.create(api, "421224", "未满一年测试企业");
        long listing = api.post("/api/v1/credit/blacklist", Map.of("creditCode", code, "decisionNo", "测试2号",
                "legalBasis", "依据", "reason", "事由", "approvedBy", "局务会"), admin).json().get("id").asLong();
        var early = api.post("/api/v1/credit/blacklist/" + listing + "/repairs", Map.of("commitment", "c", "evidence", "e"),
                admin);
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body()).contains("满一年");
        assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
    }
}
