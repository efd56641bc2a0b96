package org.qualitycity.task;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The task and assessment pages in zh and en, and the city's workflow steps through the page forms. */
@QcIntegrationTest
class TaskPagesTest {

    @LocalServerPort
    int port;

    @Test
    void pagesRenderInChineseAndEnglishWithoutMissingKeys() {
        TestApi api = new TestApi(port);
        long id = TaskTestSupport.createTask(api, "421222", "页面渲染测试任务", LocalDate.of(2030, 5, 31));
        WebSession s = WebSession.loggedIn(port, "admin");
        for (String path : List.of("/tasks", "/tasks/mine", "/tasks/" + id, "/tasks/timeline", "/tasks/notices",
                "/tasks?overdue=true&state=ASSIGNED", "/tasks?unit=421222", "/assessments", "/assessments/schemes",
                "/assessments/schemes?target=DEPARTMENT&year=2020")) {
            for (String lang : List.of("zh-CN", "en")) {
                var p = s.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(p.status()).as(path + " " + lang).isEqualTo(200);
                assertThat(p.body()).as(path + " " + lang).doesNotContain("??");
            }
        }
        s.get("/?lang=zh-CN");
    }

    @Test
    void theCityReviewsReturnsAndClosesThroughThePageForms() {
        TestApi api = new TestApi(port);
        long id = TaskTestSupport.createTask(api, "421222", "页面流程测试任务", LocalDate.of(2030, 6, 28));
        WebSession admin = WebSession.loggedIn(port, "admin");
        admin.get("/tasks/" + id);
        assertThat(admin.postForm("/tasks/" + id + "/actions", Map.of("action", "ASSIGN")).status()).isEqualTo(302);
        WebSession unit = WebSession.loggedIn(port, "tongcheng");
        unit.get("/tasks/" + id);
        unit.postForm("/tasks/" + id + "/actions", Map.of("action", "ACKNOWLEDGE"));
        assertThat(unit.get("/tasks/" + id + "?lang=zh-CN").body()).contains("已完成：签收");
        unit.postForm("/tasks/" + id + "/actions", Map.of("action", "PROGRESS", "percent", "60", "comment", "过半"));
        unit.get("/tasks/" + id);
        // feedback without evidence is refused with the reason on the page
        unit.postForm("/tasks/" + id + "/actions", Map.of("action", "FEEDBACK", "comment", "完成"));
        assertThat(unit.get("/tasks/" + id).body()).contains("task-error").contains("佐证材料");
        long f = TaskTestSupport.upload(api, "tongcheng", id, "佐证.pdf");
        unit.get("/tasks/" + id);
        unit.postForm("/tasks/" + id + "/actions", Map.of("action", "FEEDBACK", "comment", "完成",
                "attachmentIds", String.valueOf(f)));
        admin.get("/tasks/" + id);
        admin.postForm("/tasks/" + id + "/actions", Map.of("action", "REVIEW"));
        admin.postForm("/tasks/" + id + "/actions", Map.of("action", "RETURN", "comment", "请补充照片"));
        assertThat(api.get("/api/v1/tasks/" + id, api.token("admin")).json().get("task").get("state").asText())
                .isEqualTo("IN_PROGRESS");
        unit.get("/tasks/" + id);
        unit.postForm("/tasks/" + id + "/actions", Map.of("action", "FEEDBACK", "comment", "已补充",
                "attachmentIds", String.valueOf(f)));
        admin.get("/tasks/" + id);
        admin.postForm("/tasks/" + id + "/actions", Map.of("action", "REVIEW"));
        // the unit cannot close its own task through the page either
        unit.get("/tasks/" + id);
        assertThat(unit.postForm("/tasks/" + id + "/actions", Map.of("action", "CLOSE")).status()).isEqualTo(403);
        admin.get("/tasks/" + id);
        admin.postForm("/tasks/" + id + "/actions", Map.of("action", "CLOSE", "comment", "同意办结"));
        var detail = api.get("/api/v1/tasks/" + id, api.token("admin")).json();
        assertThat(detail.get("task").get("state").asText()).isEqualTo("CLOSED");
        assertThat(admin.get("/tasks/" + id + "?lang=zh-CN").body()).contains("已办结").contains("请补充照片");
    }

    @Test
    void theCitySplitsAMeasureTaskIntoOneSubTaskPerDistrictOnce() {
        TestApi api = new TestApi(port);
        // an open measure task (the demo leaves three under review; closed tasks cannot be split)
        var open = api.get("/api/v1/tasks?kind=MEASURE&state=REVIEW", api.token("admin")).json().get("items");
        var parent = open.get(open.size() - 1);
        long id = parent.get("id").asLong();
        String measure = parent.get("measureCode").asText();
        WebSession admin = WebSession.loggedIn(port, "admin");
        admin.get("/tasks/" + id);
        assertThat(admin.postForm("/tasks/" + id + "/split", Map.of()).status()).isEqualTo(302);
        // one sub-task per district and the zone as they are now (other tests may have added districts)
        long areas = 0;
        for (var u : api.get("/api/v1/units", api.token("admin")).json()) {
            String kind = u.get("kind").asText();
            areas += (kind.equals("DISTRICT") || kind.equals("ZONE")) && u.get("active").asBoolean() ? 1 : 0;
        }
        assertThat(admin.get("/tasks/" + id + "?lang=zh-CN").body()).contains("已新建 " + areas + " 项分解任务");
        admin.postForm("/tasks/" + id + "/split", Map.of());
        var subs = api.get("/api/v1/tasks?kind=SUB&size=200&measure=" + measure, api.token("admin")).json();
        long forParent = 0;
        for (var t : subs.get("items")) {
            if (t.get("parentId").asLong() == id) {
                forParent++;
                assertThat(t.get("deadline").asText()).isEqualTo(parent.get("deadline").asText());
            }
        }
        assertThat(forParent).isEqualTo(areas);
        var mine = api.get("/api/v1/tasks?kind=SUB&size=200&measure=" + measure, api.token("tongcheng")).json();
        List<String> units = new java.util.ArrayList<>();
        for (var t : mine.get("items")) {
            if (t.get("parentId").asLong() == id) {
                units.add(t.get("leadUnit").asText());
            }
        }
        assertThat(units).containsExactly("421222");
    }
}
