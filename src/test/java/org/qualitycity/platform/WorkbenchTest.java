package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page's workbench (待办): each role finds today's work there, each item links to its action, the counts
 * in the navigation follow, and the work leaves the list once done.
 */
@QcIntegrationTest
class WorkbenchTest {

    private static final Pattern ACKNOWLEDGE_QUEUE = Pattern.compile(
            "data-queue=\"task\\.workbench\\.acknowledge\".*?</article>", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Test
    void aDistrictFindsATaskToAcknowledgeOnItsHomePageAndItLeavesOnceAcknowledged() {
        TestApi api = new TestApi(port);
        LocalDate today = LocalDate.ofInstant(MutableClock.now(port), ApplicationZone.ZONE);
        long id = TaskTestSupport.createTask(api, "421222", "工作台测试任务", today);
        assertThat(TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);

        WebSession tongcheng = WebSession.loggedIn(port, "tongcheng");
        String home = tongcheng.get("/?lang=zh-CN").body();
        assertThat(home).doesNotContain("workbench.unavailable");
        String queue = section(home);
        assertThat(queue).as("the queue of tasks to acknowledge").contains("工作台测试任务")
                .contains("href=\"/tasks/" + id + "\"").contains("今天到期");
        long before = count(queue);
        assertThat(before).isPositive();
        assertThat(navCount(tongcheng, "/tasks/mine")).isGreaterThanOrEqualTo(before);

        tongcheng.get("/tasks/" + id);
        assertThat(tongcheng.postForm("/tasks/" + id + "/actions", Map.of("action", "ACKNOWLEDGE")).status()).isEqualTo(302);
        String after = tongcheng.get("/?lang=zh-CN").body();
        String queueAfter = ACKNOWLEDGE_QUEUE.matcher(after).find() ? section(after) : "";
        assertThat(queueAfter).doesNotContain("href=\"/tasks/" + id + "\"");
        assertThat(queueAfter.isEmpty() ? 0 : count(queueAfter)).isEqualTo(before - 1);
    }

    @Test
    void theHomePageSpeaksOneLanguageAndNoLongerRepeatsTheNavigation() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        String en = admin.get("/?lang=en").body();
        assertThat(en).contains("To do today").doesNotContain("今日待办").doesNotContain("按建设计划陆续上线");
        String zh = admin.get("/?lang=zh-CN").body();
        assertThat(zh).contains("今日待办").doesNotContain("To do today").doesNotContain("按建设计划陆续上线");
        // the quality office sees the indicators that miss their target; every module's source answered
        assertThat(zh).contains("indicator.workbench.warnings").doesNotContain("workbench.unavailable");
    }

    @Test
    void anEnterpriseAccountSeesNoneOfItsDistrictsWork() {
        WebSession qiye = WebSession.loggedIn(port, "qiye");
        String home = qiye.get("/?lang=zh-CN").body();
        assertThat(home).doesNotContain("workbench.unavailable");
        assertThat(home).doesNotContain("task.workbench").doesNotContain("complaint.workbench")
                .doesNotContain("indicator.workbench");
        assertThat(qiye.get("/workbench/counts").body()).doesNotContain("/tasks").doesNotContain("/complaints");
        // its own work: its credit grade and what lowers it, linked to its record
        assertThat(home).contains("data-queue=\"credit.workbench.grade\"").contains("本企业信用等级");
    }

    private static String section(String html) {
        Matcher m = ACKNOWLEDGE_QUEUE.matcher(html);
        assertThat(m.find()).as("a queue of tasks to acknowledge on the home page").isTrue();
        return m.group();
    }

    private static long count(String queue) {
        Matcher m = Pattern.compile("全部 (\\d+) 项").matcher(queue);
        assertThat(m.find()).as(queue).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long navCount(WebSession s, String href) {
        String json = s.get("/workbench/counts", "application/json").body();
        Matcher m = Pattern.compile("\"" + Pattern.quote(href) + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
