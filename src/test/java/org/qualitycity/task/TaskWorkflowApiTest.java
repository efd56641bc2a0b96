package org.qualitycity.task;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.task.TaskTestSupport.act;

/** Acceptance 2: the supervision workflow through the API, with its rules and audit trail. */
@QcIntegrationTest
class TaskWorkflowApiTest {

    @LocalServerPort
    int port;

    @Test
    void fullRunFromAssignmentToClosureWithAReturnInBetween() {
        TestApi api = new TestApi(port);
        long id = TaskTestSupport.createTask(api, "421222", "通城县质量提升专项-流程测试", LocalDate.of(2031, 6, 30));
        // 通城县 cannot act before the city assigns it; 赤壁市 cannot even see it
        assertThat(act(api, id, "tongcheng", "ACKNOWLEDGE", null, null, null).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/tasks/" + id, api.token("chibi")).status()).isEqualTo(404);
        assertThat(act(api, id, "tongcheng", "ASSIGN", null, null, null).status()).isEqualTo(403);

        assertThat(act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        assertThat(act(api, id, "chibi", "ACKNOWLEDGE", null, null, null).status()).isEqualTo(404);
        TestApi.Response ack = act(api, id, "tongcheng", "ACKNOWLEDGE", null, null, null);
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("state").asText()).isEqualTo("ACKNOWLEDGED");

        assertThat(act(api, id, "tongcheng", "PROGRESS", 140, "x", null).status()).isEqualTo(400);
        TestApi.Response progress = act(api, id, "tongcheng", "PROGRESS", 40, "完成摸底调查", null);
        assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
        assertThat(progress.json().get("percent").asInt()).isEqualTo(40);

        // feedback needs evidence
        assertThat(act(api, id, "tongcheng", "FEEDBACK", null, "已完成", List.of()).status()).isEqualTo(400);
        long evidence = TaskTestSupport.upload(api, "tongcheng", id, "通城县-佐证材料.pdf");
        assertThat(api.get("/api/v1/files?ownerType=task&ownerId=" + id, api.token("chibi")).status()).isEqualTo(404);
        TestApi.Response feedback = act(api, id, "tongcheng", "FEEDBACK", null, "已完成，附佐证材料", List.of(evidence));
        assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
        assertThat(feedback.json().get("state").asText()).isEqualTo("FEEDBACK");

        // the unit cannot review or close its own task
        assertThat(act(api, id, "tongcheng", "REVIEW", null, null, null).status()).isEqualTo(403);
        assertThat(act(api, id, "admin", "REVIEW", null, null, null).status()).isEqualTo(200);
        assertThat(act(api, id, "tongcheng", "CLOSE", null, null, null).status()).isEqualTo(403);
        assertThat(act(api, id, "admin", "RETURN", null, "", null).status()).isEqualTo(400);
        TestApi.Response back = act(api, id, "admin", "RETURN", null, "佐证材料不全，请补充检测报告", null);
        assertThat(back.json().get("state").asText()).isEqualTo("IN_PROGRESS");

        assertThat(act(api, id, "tongcheng", "PROGRESS", 90, "补充检测报告", null).status()).isEqualTo(200);
        long second = TaskTestSupport.upload(api, "tongcheng", id, "检测报告.pdf");
        assertThat(act(api, id, "tongcheng", "FEEDBACK", null, "已补充", List.of(second)).status()).isEqualTo(200);
        assertThat(act(api, id, "admin", "REVIEW", null, null, null).status()).isEqualTo(200);
        TestApi.Response closed = act(api, id, "admin", "CLOSE", null, "通过", null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("closedOn").isNull()).isFalse();
        assertThat(act(api, id, "tongcheng", "PROGRESS", 100, "x", null).status()).isEqualTo(409);

        // history
        JsonNode detail = api.get("/api/v1/tasks/" + id, api.token("tongcheng")).json();
        List<String> actions = new ArrayList<>();
        detail.get("history").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("CREATE", "ASSIGN", "ACKNOWLEDGE", "PROGRESS", "FEEDBACK", "REVIEW",
                "RETURN", "PROGRESS", "FEEDBACK", "REVIEW", "CLOSE");
        assertThat(detail.get("attachmentIds")).hasSize(2);
        assertThat(detail.get("history").get(4).get("attachmentIds").get(0).asLong()).isEqualTo(evidence);

        // every step in the audit trail
        JsonNode audit = api.get("/api/v1/audit?module=task&entityType=task&entityId=" + id + "&size=50",
                api.token("auditadmin")).json();
        List<String> audited = new ArrayList<>();
        audit.get("items").forEach(e -> audited.add(e.get("action").asText()));
        assertThat(audited).containsExactlyInAnyOrder("CREATE", "ASSIGN", "ACKNOWLEDGE", "PROGRESS", "FEEDBACK",
                "REVIEW", "RETURN", "PROGRESS", "FEEDBACK", "REVIEW", "CLOSE");
    }

    @Test
    void theCityCannotCloseATaskOfItsOwnUnit() {
        TestApi api = new TestApi(port);
        long id = TaskTestSupport.createTask(api, "421200-ZQB", "市质强办自身任务", LocalDate.of(2031, 6, 30));
        act(api, id, "admin", "ASSIGN", null, null, null);
        act(api, id, "admin", "ACKNOWLEDGE", null, null, null);
        act(api, id, "admin", "PROGRESS", 100, "done", null);
        long f = TaskTestSupport.upload(api, "admin", id, "evidence.pdf");
        assertThat(act(api, id, "admin", "FEEDBACK", null, "done", List.of(f)).status()).isEqualTo(200);
        assertThat(act(api, id, "admin", "REVIEW", null, null, null).status()).isEqualTo(403);
    }

    @Test
    void listFiltersAndBadInput() {
        TestApi api = new TestApi(port);
        long id = TaskTestSupport.createTask(api, "421281", "赤壁市过期任务-筛选测试", LocalDate.of(2020, 1, 6));
        act(api, id, "admin", "ASSIGN", null, null, null);
        JsonNode overdue = api.get("/api/v1/tasks?overdue=true&unit=421281&size=200", api.token("chibi")).json();
        List<Long> ids = new ArrayList<>();
        overdue.get("items").forEach(t -> ids.add(t.get("id").asLong()));
        assertThat(ids).contains(id);
        assertThat(api.get("/api/v1/tasks?unit=421281", api.token("tongcheng")).json().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/tasks?state=NOPE", api.token("admin")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/tasks?sort=bogus", api.token("admin")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/tasks", java.util.Map.of("title", ""), api.token("admin")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/tasks/" + id + "/actions", java.util.Map.of("action", "FLY"), api.token("admin"))
                .status()).isEqualTo(400);
    }
}
