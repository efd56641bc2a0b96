package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused step and a refused input answer in the reader's language only: an API client in its Accept-Language
 * (Chinese or English), with the machine-readable codes beside the text; a page in the page's language.
 */
@QcIntegrationTest
class RefusalLanguageTest {

    @LocalServerPort
    int port;

    private record Answer(int status, JsonNode json) {
    }

    private Answer post(TestApi api, String path, String json, String token, String language) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), TestApi.JSON.readTree(r.body()));
    }

    private static boolean chinese(String s) {
        return s.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF);
    }

    private long newCase(TestApi api) {
        String code = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421221", "嘉鱼县语言测试店",
                ComplaintFixtures.freshPhone())).json().get("trackingCode").asText();
        return ComplaintFixtures.idOf(api, code);
    }

    @Test
    void aRefusedComplaintStepAnswersInTheClientsLanguageWithTheCodes() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long id = newCase(api);
        String path = "/api/v1/complaints/" + id + "/actions";

        Answer zh = post(api, path, "{\"action\":\"RESUME\"}", admin, "zh-CN,zh;q=0.9");
        assertThat(zh.status()).as(zh.json().toString()).isEqualTo(409);
        assertThat(zh.json().get("detail").asText())
                .isEqualTo("投诉举报件当前为“待受理”状态，不能办理“恢复计时”；当前可以办理：受理、不予受理、按规则分派、退回、延长核查期限、撤回。");
        assertThat(zh.json().get("workflow").asText()).isEqualTo("complaint.case");
        assertThat(zh.json().get("state").asText()).isEqualTo("RECEIVED");
        assertThat(zh.json().get("action").asText()).isEqualTo("RESUME");
        assertThat(zh.json().get("allowed").toString()).contains("\"ACCEPT\"", "\"DISPATCH\"");

        Answer en = post(api, path, "{\"action\":\"RESUME\"}", admin, "en-US,en;q=0.9");
        assertThat(en.status()).isEqualTo(409);
        assertThat(en.json().get("detail").asText()).startsWith("The complaint case is “Awaiting decision”: "
                + "“Resume clock” is not possible in this state (possible now: Accept, Refuse, ");
        assertThat(chinese(en.json().get("detail").asText())).isFalse();
        assertThat(en.json().get("state").asText()).isEqualTo("RECEIVED");

        // a refused input of the same step: the field message in the client's language too
        Answer refuseZh = post(api, path, "{\"action\":\"REFUSE\"}", admin, "zh-CN");
        assertThat(refuseZh.status()).isEqualTo(400);
        assertThat(refuseZh.json().get("errors").get(0).get("message").asText()).isEqualTo("不予受理须选择七项法定理由之一");
        Answer refuseEn = post(api, path, "{\"action\":\"REFUSE\"}", admin, "en");
        assertThat(refuseEn.json().get("errors").get(0).get("message").asText())
                .isEqualTo("a refusal needs one of the seven legal grounds");

        // a guard that fails: its label, not its identifier
        post(api, path, "{\"action\":\"ACCEPT\"}", admin, "zh-CN");
        Answer resume = post(api, path, "{\"action\":\"RESUME\"}", admin, "zh-CN");
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.json().get("detail").asText()).isEqualTo("投诉举报件当前为“已受理”状态，办理“恢复计时”须满足：调解计时已暂停。");
        assertThat(resume.json().get("guard").asText()).isEqualTo("paused");
        assertThat(post(api, path, "{\"action\":\"RESUME\"}", admin, "en").json().get("detail").asText())
                .isEqualTo("The complaint case is “Accepted”: “Resume clock” is possible only when the mediation clock is paused.");
    }

    @Test
    void aRefusedTaskStepAnswersInTheClientsLanguage() throws Exception {
        TestApi api = new TestApi(port);
        long id = TaskTestSupport.createTask(api, "421222", "语言测试退回任务", LocalDate.now().plusDays(30));
        String path = "/api/v1/tasks/" + id + "/actions";
        Answer zh = post(api, path, "{\"action\":\"ACKNOWLEDGE\"}", api.token("admin"), "zh-CN");
        assertThat(zh.status()).isEqualTo(409);
        assertThat(zh.json().get("detail").asText()).isEqualTo("督查任务当前为“立项”状态，不能办理“签收”；当前可以办理：交办。");
        assertThat(zh.json().get("action").asText()).isEqualTo("ACKNOWLEDGE");
        Answer en = post(api, path, "{\"action\":\"ACKNOWLEDGE\"}", api.token("admin"), "en");
        assertThat(en.json().get("detail").asText())
                .isEqualTo("The task is “Created”: “Acknowledge” is not possible in this state (possible now: Assign).");
        // without Accept-Language (or from a browser) the default language
        assertThat(api.post(path, Map.of("action", "ACKNOWLEDGE"), api.token("admin")).json().get("detail").asText())
                .startsWith("督查任务当前为");
    }

    @Test
    void aPageShowsTheRefusalInThePagesLanguage() {
        TestApi api = new TestApi(port);
        long id = newCase(api);
        WebSession s = WebSession.loggedIn(port, "admin");
        s.get("/complaints/" + id + "?lang=zh-CN");
        assertThat(s.postForm("/complaints/" + id + "/actions", Map.of("action", "RESUME")).status()).isEqualTo(302);
        String zh = s.get("/complaints/" + id).body();
        assertThat(zh).contains("id=\"action-error\"")
                .contains("投诉举报件当前为“待受理”状态，不能办理“恢复计时”").doesNotContain("RECEIVED: RESUME");

        s.get("/complaints/" + id + "?lang=en");
        assertThat(s.postForm("/complaints/" + id + "/actions", Map.of("action", "RESUME")).status()).isEqualTo(302);
        String en = s.get("/complaints/" + id).body();
        String alert = en.substring(en.indexOf("id=\"action-error\""), en.indexOf("</div>", en.indexOf("id=\"action-error\"")));
        assertThat(alert).contains("The complaint case is “Awaiting decision”: “Resume clock” is not possible");
        assertThat(chinese(alert)).as(alert).isFalse();

        // a field refusal on the page: the message only, in the page's language
        assertThat(s.postForm("/complaints/" + id + "/actions", Map.of("action", "REFUSE")).status()).isEqualTo(302);
        String refused = s.get("/complaints/" + id).body();
        assertThat(refused).contains("a refusal needs one of the seven legal grounds").doesNotContain("ground: ");
    }
}
