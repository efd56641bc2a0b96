package org.qualitycity.assessment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Objections are accepted within the objection period (5 working days after the run) only. */
@QcIntegrationTest
class AssessmentObjectionPeriodTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void anObjectionAfterThePeriodIsRefused() throws InterruptedException {
        TestApi api = new TestApi(port);
        api.token("tongcheng");
        String admin = api.token("admin");
        // the run happened 20 days ago (tokens stay valid: they were issued now)
        clock.set(clock.instant().minus(Duration.ofDays(20)));
        run(api, admin);
        JsonNode a = api.get("/api/v1/assessments/2017", admin).json();
        assertThat(a.get("objectionUntil").isNull()).isFalse();
        clock.reset();
        TestApi.Response late = api.post("/api/v1/assessments/2017/objections", Map.of("text", "逾期异议"),
                api.token("tongcheng"));
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        // re-run today: a new objection period
        run(api, admin);
        assertThat(api.post("/api/v1/assessments/2017/objections", Map.of("text", "期内异议"), api.token("tongcheng"))
                .status()).isEqualTo(201);
    }

    private static void run(TestApi api, String admin) throws InterruptedException {
        long job = api.post("/api/v1/assessments/2017/run", null, admin).json().get("jobId").asLong();
        Await.jobSucceeded(api, job, admin);
    }
}
