package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Texts that are stored (notifications, the reasons of a credit grade) are a message key with arguments and
 * shown in the reader's language: the same stored message reads in Chinese to a Chinese reader and in
 * English to an English one, never as a glued "中文 / English" string.
 */
@QcIntegrationTest
class ReaderLanguageTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static JsonNode message(TestApi api, String token, String link, String lang) {
        JsonNode inbox = api.get("/api/v1/notifications?size=100" + (lang == null ? "" : "&lang=" + lang), token).json();
        for (JsonNode n : inbox.get("items")) {
            if (link.equals(n.get("link").asText())) {
                return n;
            }
        }
        throw new AssertionError("no message with link " + link + " in " + inbox);
    }

    @Test
    void aTaskNotificationIsStoredAsAKeyAndShownInTheReadersLanguage() {
        TestApi api = new TestApi(port);
        String tongcheng = api.token("tongcheng");
        long id = TaskTestSupport.createTask(api, "421222", "语言测试任务", LocalDate.now().plusDays(30));
        assertThat(TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);

        String titleText = jdbc.sql("SELECT title_text::text FROM notification_message WHERE link = :l")
                .param("l", "/tasks/" + id).query(String.class).single();
        assertThat(titleText).contains("\"task.message.assigned.title\"").contains("\"key\"");

        JsonNode en = message(api, tongcheng, "/tasks/" + id, "en");
        assertThat(en.get("title").asText()).isEqualTo("Task assigned: 语言测试任务");
        assertThat(en.get("body").asText()).startsWith("Due on ").doesNotContain("截止");
        JsonNode zh = message(api, tongcheng, "/tasks/" + id, "zh-CN");
        assertThat(zh.get("title").asText()).isEqualTo("交办任务：语言测试任务");
        assertThat(zh.get("body").asText()).startsWith("截止日期 ").doesNotContain("Due on");
    }

    @Test
    void aDeadlineNoticeOfTheCheckerReadsInTheReadersLanguage() {
        TestApi api = new TestApi(port);
        String tongcheng = api.token("tongcheng");
        // a task already late: the deadline check posts a supervision notice
        long id = TaskTestSupport.createTask(api, "421222", "语言测试督办任务", LocalDate.now().plusDays(1));
        assertThat(TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        jdbc.sql("UPDATE task_task SET deadline = :d WHERE id = :id").param("d", LocalDate.now().minusDays(20))
                .param("id", id).update();
        jdbc.sql("DELETE FROM notification_message WHERE link = :l").param("l", "/tasks/" + id).update();
        TestApi.Response r = api.post("/api/v1/tasks/check-deadlines", null, api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);

        JsonNode en = message(api, tongcheng, "/tasks/" + id, "en");
        assertThat(en.get("title").asText()).endsWith("notice: 语言测试督办任务");
        assertThat(en.get("body").asText()).contains("working days late").doesNotContain("超期");
        JsonNode zh = message(api, tongcheng, "/tasks/" + id, null);
        assertThat(zh.get("title").asText()).endsWith("督办单：语言测试督办任务");
        assertThat(zh.get("body").asText()).contains("已超期").doesNotContain("late");
    }

    @Test
    void creditReasonsReadInTheReadersLanguage() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = EnterpriseFixtures.create(api, "421223", "语言测试企业");
        JsonNode en = api.get("/api/v1/credit/enterprises/" + code + "?lang=en", admin).json().get("grade");
        assertThat(en.get("reasons").get(0).get("description").asText()).isEqualTo("Base score");
        JsonNode zh = api.get("/api/v1/credit/enterprises/" + code + "?lang=zh-CN", admin).json().get("grade");
        assertThat(zh.get("reasons").get(0).get("description").asText()).isEqualTo("基础分");
    }
}
