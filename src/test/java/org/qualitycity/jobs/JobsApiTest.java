package org.qualitycity.jobs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.jobs.JobsTestSupport.awaitJob;
import static org.qualitycity.jobs.JobsTestSupport.status;
import static org.qualitycity.jobs.JobsTestSupport.user;

@QcIntegrationTest
class JobsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Jobs jobs;
    @Autowired
    JdbcClient jdbc;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void progressIsVisibleWhileRunningAndTheResultWhenDone() {
        String gate = UUID.randomUUID().toString();
        long id = jobs.submit(TestJobHandlers.STEPS, Map.of("gate", gate), user(jdbc, "chibi"));
        String chibi = api.token("chibi");

        JsonNode halfway = awaitJob(api, id, chibi, j -> j.get("percent").asInt() == 50);
        assertThat(halfway.get("status").asText()).isEqualTo("RUNNING");
        assertThat(halfway.get("message").asText()).isEqualTo("halfway");
        assertThat(halfway.get("startedAt").isNull()).isFalse();
        assertThat(halfway.get("finishedAt").isNull()).isTrue();

        // the page polls while running, and a reload shows the same state
        WebSession page = WebSession.loggedIn(port, "chibi");
        WebSession.Page running = page.get("/jobs/" + id);
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.body()).contains("hx-get=\"/jobs/" + id + "/progress\"").contains("hx-trigger=\"every 1s\"")
                .contains("data-percent=\"50\"");
        assertThat(page.get("/jobs/" + id + "/progress").body()).contains("id=\"job-progress\"")
                .doesNotContain("<html");

        TestJobHandlers.gate(gate).countDown();
        JsonNode done = awaitJob(api, id, chibi, j -> status(j, "SUCCEEDED"));
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("result").get("done").asBoolean()).isTrue();
        assertThat(done.get("result").get("gate").asText()).isEqualTo(gate);
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("finishedAt").isNull()).isFalse();

        WebSession.Page finished = page.get("/jobs/" + id);
        assertThat(finished.body()).doesNotContain("hx-get=").contains("data-status=\"SUCCEEDED\"")
                // the result in words, not as JSON (issue 12): done → 是
                .contains("id=\"job-result\"").contains(">是</dd>").doesNotContain("&quot;done&quot;");
    }

    @Test
    void aFailingJobReportsItsMessageWithoutAStackTrace() {
        long failed = jobs.submit(TestJobHandlers.FAIL, null, user(jdbc, "chibi"));
        JsonNode f = awaitJob(api, failed, api.token("chibi"), j -> j.get("status").asText().equals("FAILED"));
        assertThat(f.get("error").asText()).isEqualTo(TestJobHandlers.FAILURE_MESSAGE);
        assertThat(f.get("percent").asInt()).isEqualTo(30);
        assertThat(f.get("result").isNull()).isTrue();

        long crashed = jobs.submit(TestJobHandlers.CRASH, null, user(jdbc, "chibi"));
        awaitJob(api, crashed, api.token("chibi"), j -> status(j, "FAILED"));
        // the generic failure is stored as a message key and read in the reader's language
        JsonNode c = api.get("/api/v1/jobs/" + crashed + "?lang=en", api.token("chibi")).json();
        assertThat(c.get("error").asText()).contains("unexpectedly").contains("job " + crashed)
                .doesNotContain("secret_table").doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode cZh = api.get("/api/v1/jobs/" + crashed + "?lang=zh-CN", api.token("chibi")).json();
        assertThat(cZh.get("error").asText()).contains("意外失败").contains("任务 " + crashed)
                .doesNotContain("unexpectedly").doesNotContain("secret_table");

        String page = WebSession.loggedIn(port, "chibi").get("/jobs/" + crashed).body();
        assertThat(page).contains("id=\"job-error\"").doesNotContain("secret_table").doesNotContain("IllegalStateException");
    }

    @Test
    void anotherUsersJobIsNotFound() {
        String gate = UUID.randomUUID().toString();
        long id = jobs.submit(TestJobHandlers.STEPS, Map.of("gate", gate), user(jdbc, "chibi"));
        try {
            assertThat(api.get("/api/v1/jobs/" + id, api.token("tongcheng")).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/jobs/" + id, api.token("scjg")).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/jobs/" + id + "/cancel", null, api.token("tongcheng")).status()).isEqualTo(404);
            assertThat(WebSession.loggedIn(port, "tongcheng").get("/jobs/" + id).status()).isEqualTo(404);
            // the city administrator holds jobs:job:view-all with the scope ALL
            assertThat(api.get("/api/v1/jobs/" + id, api.token("admin")).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/jobs/" + (id + 100000), api.token("chibi")).status()).isEqualTo(404);
        } finally {
            TestJobHandlers.gate(gate).countDown();
        }
        awaitJob(api, id, api.token("chibi"), j -> status(j, "SUCCEEDED"));
    }

    @Test
    void theListShowsOnlyTheCallersJobsUnlessViewAll() {
        long mine = jobs.submit(TestJobHandlers.FAIL, null, user(jdbc, "chibi"));
        long theirs = jobs.submit(TestJobHandlers.FAIL, null, user(jdbc, "tongcheng"));
        long chibiId = user(jdbc, "chibi").id();

        JsonNode page = api.get("/api/v1/jobs?size=200", api.token("chibi")).json();
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(j -> {
            ids.add(j.get("id").asLong());
            assertThat(j.get("createdBy").asLong()).isEqualTo(chibiId);
        });
        assertThat(ids).contains(mine).doesNotContain(theirs);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);

        assertThat(api.get("/api/v1/jobs?all=true", api.token("chibi")).status()).isEqualTo(403);
        JsonNode all = api.get("/api/v1/jobs?all=true&size=200", api.token("admin")).json();
        List<Long> allIds = new ArrayList<>();
        all.get("items").forEach(j -> allIds.add(j.get("id").asLong()));
        assertThat(allIds).contains(mine, theirs);

        assertThat(api.get("/api/v1/jobs?status=NOPE", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?sort=params", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?kind=" + "x".repeat(61), api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?all=maybe", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?page=-1", api.token("chibi")).status()).isEqualTo(400);
        assertThat(WebSession.loggedIn(port, "chibi").get("/jobs?size=0").status()).isEqualTo(400);
        assertThat(WebSession.loggedIn(port, "chibi").get("/jobs").body()).contains("data-job-id=\"" + mine + "\"")
                .doesNotContain("data-job-id=\"" + theirs + "\"");
    }

    @Test
    void theAuditVerificationRunsAsAJob() {
        TestApi.Response r = api.post("/api/v1/jobs", Map.of("kind", "audit-verify"), api.token("auditor"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = r.json().get("id").asLong();
        assertThat(r.header("Location")).isEqualTo("/api/v1/jobs/" + id);
        JsonNode done = awaitJob(api, id, api.token("auditor"), j -> status(j, "SUCCEEDED"));
        assertThat(done.get("result").get("intact").asBoolean()).isTrue();
        assertThat(done.get("result").get("checked").asLong()).isPositive();
        // a progress message given as a bare key is shown in the reader's language too
        assertThat(done.get("message").asText()).isEqualTo("审计日志完整，未发现篡改。");
        assertThat(api.get("/api/v1/jobs/" + id + "?lang=en", api.token("auditor")).json().get("message").asText())
                .isEqualTo("The audit trail is intact; no tampering found.");
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'jobs' AND action = 'SUBMIT' "
                + "AND entity_id = :id").param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(1);

        // only users who may read the audit trail; test kinds and unknown kinds cannot be started by hand
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "audit-verify"), api.token("tongcheng")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", Map.of("kind", TestJobHandlers.STEPS), api.token("admin")).status()).isEqualTo(403);
        TestApi.Response unknown = api.post("/api/v1/jobs", Map.of("kind", "no-such-kind"), api.token("admin"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("kind");
        assertThat(api.post("/api/v1/jobs", Map.of(), api.token("admin")).status()).isEqualTo(400);
        assertThat(api.postRaw("/api/v1/jobs", "{", api.token("admin")).status()).isEqualTo(400);

        // the page offers the kind to those who may start it, and starting it leads to the job's page
        // verifying the audit trail is the audit administrator's (三权分立)
        WebSession admin = WebSession.loggedIn(port, "auditadmin");
        assertThat(admin.get("/jobs").body()).contains("id=\"start-audit-verify\"");
        WebSession.Page started = admin.postForm("/jobs", Map.of("kind", "audit-verify"));
        assertThat(started.status()).isEqualTo(302);
        assertThat(started.location()).matches(".*/jobs/\\d+$");
        assertThat(WebSession.loggedIn(port, "tongcheng").get("/jobs").body()).doesNotContain("start-audit-verify");
    }

    @Test
    void cancellingStopsARunningJobAndAQueuedOneAtOnce() {
        String gate = UUID.randomUUID().toString();
        long id = jobs.submit(TestJobHandlers.STEPS, Map.of("gate", gate), user(jdbc, "chibi"));
        String chibi = api.token("chibi");
        awaitJob(api, id, chibi, j -> j.get("percent").asInt() == 50);
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", null, chibi).status()).isEqualTo(200);
        JsonNode cancelled = awaitJob(api, id, chibi, j -> status(j, "CANCELLED"));
        assertThat(cancelled.get("finishedAt").isNull()).isFalse();
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", null, chibi).status()).isEqualTo(409);

        // a kind no node can run stays queued; cancelling it ends it at once
        long chibiId = user(jdbc, "chibi").id();
        long queued = jdbc.sql("INSERT INTO jobs_job (kind, created_by) VALUES ('test-nobody-runs', :u) RETURNING id")
                .param("u", chibiId).query(Long.class).single();
        JsonNode q = api.post("/api/v1/jobs/" + queued + "/cancel", null, chibi).json();
        assertThat(q.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'jobs' AND action = 'CANCEL' "
                + "AND entity_id = :id").param("id", String.valueOf(queued)).query(Long.class).single()).isEqualTo(1);
    }
}
