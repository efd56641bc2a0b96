package org.qualitycity.task;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3: a reminder 3 working days before the deadline, counted across the 2025 National Day holiday
 * (1–8 October off; Sunday 28 September and Saturday 11 October worked), and supervision notices after it.
 */
@QcIntegrationTest
class TaskDeadlineTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void day(LocalDate d) {
        clock.set(d.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }

    private List<JsonNode> notices(TestApi api, long task, String user) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/task-notices", api.token(user)).json().forEach(n -> {
            if (n.get("taskId").asLong() == task) {
                out.add(n);
            }
        });
        return out;
    }

    private void check(TestApi api, LocalDate d) {
        day(d);
        TestApi.Response r = api.post("/api/v1/tasks/check-deadlines", null, api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("day").asText()).isEqualTo(d.toString());
    }

    @Test
    void reminderSkipsTheHolidayAndNoticesEscalateAfterTheDeadline() {
        TestApi api = new TestApi(port);
        // tokens are cached across tests: take them at the real time so that they do not expire in 2025
        for (String u : List.of("admin", "tongcheng", "chibi")) {
            api.token(u);
        }
        day(LocalDate.of(2025, 9, 20));
        LocalDate deadline = LocalDate.of(2025, 10, 10);
        long id = TaskTestSupport.createTask(api, "421222", "国庆节后到期任务-提醒测试", deadline);
        assertThat(TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);

        // 26 Sep: 5 working days left (28, 29, 30 Sep, 9, 10 Oct); 28 Sep (a Sunday worked): 4
        check(api, LocalDate.of(2025, 9, 26));
        check(api, LocalDate.of(2025, 9, 28));
        assertThat(notices(api, id, "tongcheng")).isEmpty();
        // 29 Sep: 3 working days left (30 Sep, 9, 10 Oct) although 11 calendar days remain
        check(api, LocalDate.of(2025, 9, 29));
        List<JsonNode> afterReminder = notices(api, id, "tongcheng");
        assertThat(afterReminder).hasSize(1);
        assertThat(afterReminder.get(0).get("kind").asText()).isEqualTo("REMINDER");
        assertThat(afterReminder.get(0).get("issuedOn").asText()).isEqualTo("2025-09-29");
        JsonNode inbox = api.get("/api/v1/notifications?size=50", api.token("tongcheng")).json();
        assertThat(inbox.get("items").toString()).contains("/tasks/" + id).contains("即将到期");

        // during the holiday and on the deadline itself: nothing new
        check(api, LocalDate.of(2025, 10, 7));
        check(api, LocalDate.of(2025, 10, 10));
        assertThat(notices(api, id, "tongcheng")).hasSize(1);

        // 11 Oct (a Saturday worked) is the first working day late: a blue notice, answer within 5 working days
        check(api, LocalDate.of(2025, 10, 11));
        List<JsonNode> late = notices(api, id, "tongcheng");
        assertThat(late).hasSize(2);
        JsonNode blue = late.stream().filter(n -> n.get("kind").asText().equals("SUPERVISION")).findFirst().orElseThrow();
        assertThat(blue.get("level").asText()).isEqualTo("BLUE");
        assertThat(blue.get("lateDays").asInt()).isEqualTo(1);
        assertThat(blue.get("answerDue").asText()).isEqualTo("2025-10-17");
        check(api, LocalDate.of(2025, 10, 12));
        assertThat(notices(api, id, "tongcheng")).hasSize(2);
        // 6 working days late: yellow; 11: red
        check(api, LocalDate.of(2025, 10, 17));
        check(api, LocalDate.of(2025, 10, 25));
        List<String> levels = notices(api, id, "tongcheng").stream().filter(n -> n.get("kind").asText()
                .equals("SUPERVISION")).map(n -> n.get("level").asText()).toList();
        assertThat(levels).containsExactlyInAnyOrder("BLUE", "YELLOW", "RED");

        // the unit acknowledges and answers in writing; another district cannot
        long blueId = blue.get("id").asLong();
        assertThat(api.post("/api/v1/task-notices/" + blueId + "/answer", Map.of("answer", "x"), api.token("chibi"))
                .status()).isEqualTo(404);
        TestApi.Response ack = api.post("/api/v1/task-notices/" + blueId + "/answer", null, api.token("tongcheng"));
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedAt").isNull()).isFalse();
        TestApi.Response answer = api.post("/api/v1/task-notices/" + blueId + "/answer",
                Map.of("answer", "因国庆假期延误，已于10月20日前补报。"), api.token("tongcheng"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("answer").asText()).contains("国庆");
        assertThat(api.post("/api/v1/task-notices/" + blueId + "/answer", Map.of("answer", "again"),
                api.token("tongcheng")).status()).isEqualTo(409);
    }

    @Test
    void openTasksReportMonthlyAndALateReportIsFlagged() {
        TestApi api = new TestApi(port);
        for (String u : List.of("admin", "tongcheng")) {
            api.token(u);
        }
        day(LocalDate.of(2025, 3, 3));
        long id = TaskTestSupport.createTask(api, "421222", "月度进展测试任务", LocalDate.of(2025, 12, 31));
        TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null);
        TaskTestSupport.act(api, id, "tongcheng", "ACKNOWLEDGE", null, null, null);
        day(LocalDate.of(2025, 4, 2));
        assertThat(api.get("/api/v1/tasks/" + id, api.token("tongcheng")).json().get("task").get("reportLate")
                .asBoolean()).isFalse();
        day(LocalDate.of(2025, 4, 4));
        JsonNode late = api.get("/api/v1/tasks/" + id, api.token("tongcheng")).json().get("task");
        assertThat(late.get("reportLate").asBoolean()).isTrue();
        assertThat(late.get("lastReport").asText()).isEqualTo("2025-03-03");
        TaskTestSupport.act(api, id, "tongcheng", "PROGRESS", 20, "完成方案", null);
        assertThat(api.get("/api/v1/tasks/" + id, api.token("tongcheng")).json().get("task").get("reportLate")
                .asBoolean()).isFalse();
    }
}
