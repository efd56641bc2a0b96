package org.qualitycity.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting for asynchronous work without sleeping in loops (Awaitility): a job through its API until it
 * has finished, or any probe until its answer is there. A wait has a generous upper bound only; it never asserts
 * how long the work took.
 */
public final class Await {

    /** Upper bound of a wait: long enough for a loaded CI machine, never a timing assertion. */
    public static final Duration AT_MOST = Duration.ofSeconds(120);

    private Await() {
    }

    /** The probe's answer once {@code done} holds for it (probed every 100 ms, at most {@link #AT_MOST}). */
    public static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done) {
        try {
            return Awaitility.await(what).atMost(AT_MOST).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(probe::get, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    /** The job's view (GET /api/v1/jobs/{id}) once it has finished, SUCCEEDED or FAILED. */
    public static JsonNode jobFinished(TestApi api, long id, String token) {
        return until("job " + id + " finished", () -> job(api, id, token),
                j -> j.get("status").asText().equals("SUCCEEDED") || j.get("status").asText().equals("FAILED"));
    }

    /** The job's view once it has finished; fails the test unless it SUCCEEDED. */
    public static JsonNode jobSucceeded(TestApi api, long id, String token) {
        JsonNode j = jobFinished(api, id, token);
        assertThat(j.get("status").asText()).as(j.toString()).isEqualTo("SUCCEEDED");
        return j;
    }

    private static JsonNode job(TestApi api, long id, String token) {
        TestApi.Response r = api.get("/api/v1/jobs/" + id, token);
        if (r.status() != 200) {
            throw new AssertionError("GET job " + id + " answered " + r);
        }
        return r.json();
    }
}
