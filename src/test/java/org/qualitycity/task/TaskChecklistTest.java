package org.qualitycity.task;

import org.junit.jupiter.api.Test;
import org.qualitycity.plan.Plans;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Phase checklists: criteria from the plan, findings, rectification tasks from findings, the summary. */
@QcIntegrationTest
class TaskChecklistTest {

    @LocalServerPort
    int port;
    @Autowired
    Plans plans;

    @Test
    void aFindingShortOfMetCreatesARectificationTaskForTheResponsibleUnit() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        JsonNode list = api.get("/api/v1/checklists/PRE_ACCEPTANCE", admin).json();
        String planId = plans.current().id();
        int expected = plans.indicators(planId).size()
                + plans.measureGroups(planId).stream().mapToInt(g -> g.measures().size()).sum();
        assertThat(list.get("items")).hasSize(expected);
        assertThat(list.get("summary").get("total").asInt()).isEqualTo(expected);
        JsonNode item = null;
        for (JsonNode i : list.get("items")) {
            if (i.get("source").asText().equals("MEASURE") && i.get("taskId").isNull()) {
                item = i;
                break;
            }
        }
        assertThat(item).isNotNull();
        long id = item.get("id").asLong();
        LocalDate by = api.today().plusMonths(2);
        assertThat(api.put("/api/v1/checklists/items/" + id, Map.of("finding", "MET", "rectifyBy", by.toString()),
                admin).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/checklists/items/" + id, Map.of("finding", "NOT_MET", "evidence", "x"),
                api.token("tongcheng")).status()).isEqualTo(403);
        TestApi.Response r = api.put("/api/v1/checklists/items/" + id, Map.of("finding", "NOT_MET",
                "evidence", "质量教育培训覆盖面不足", "rectifyBy", by.toString()), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        long taskId = r.json().get("taskId").asLong();
        JsonNode task = api.get("/api/v1/tasks/" + taskId, admin).json().get("task");
        assertThat(task.get("kind").asText()).isEqualTo("RECTIFICATION");
        assertThat(task.get("leadUnit").asText()).isEqualTo(item.get("unitCode").asText());
        assertThat(task.get("deadline").asText()).isEqualTo(by.toString());
        assertThat(task.get("measureCode").asText()).isEqualTo(item.get("refCode").asText());
        JsonNode after = api.get("/api/v1/checklists/PRE_ACCEPTANCE", admin).json().get("summary");
        assertThat(after.get("notMet").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(after.get("rectifications").asInt()).isGreaterThanOrEqualTo(1);
        // a second rectification for the same criterion is refused
        assertThat(api.put("/api/v1/checklists/items/" + id, Map.of("finding", "PARTLY", "rectifyBy", by.toString()),
                admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/checklists/NOPE", admin).status()).isEqualTo(404);

        WebSession s = WebSession.loggedIn(port, "admin");
        for (String lang : new String[]{"zh-CN", "en"}) {
            var p = s.get("/tasks/checklists/SELF_CHECK?lang=" + lang);
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body()).doesNotContain("??");
        }
        s.get("/?lang=zh-CN");
    }
}
