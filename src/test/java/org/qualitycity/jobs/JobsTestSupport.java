package org.qualitycity.jobs;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.support.TestApi;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.Set;
import java.util.function.Predicate;

/** Helpers of the jobs tests. */
final class JobsTestSupport {

    private JobsTestSupport() {
    }

    /** A demo user as a CurrentUser, for submitting through the Java API (permissions are not needed there). */
    static CurrentUser user(JdbcClient jdbc, String username) {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.display_name, u.unit_id, un.code, un.name_zh, un.path
                        FROM platform_user u JOIN platform_unit un ON un.id = u.unit_id WHERE u.username = :u
                        """)
                .param("u", username)
                .query((rs, n) -> new CurrentUser(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getLong("unit_id"), rs.getString("code"),
                        rs.getString("name_zh"), rs.getString("path"), DataScope.Kind.UNIT_AND_BELOW, Set.of(), Set.of()))
                .single();
    }

    /** Polls GET /api/v1/jobs/{id} until the condition holds (at most 20 s). */
    static JsonNode awaitJob(TestApi api, long id, String token, Predicate<JsonNode> condition) {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            TestApi.Response r = api.get("/api/v1/jobs/" + id, token);
            if (r.status() != 200) {
                throw new AssertionError("GET job " + id + " answered " + r);
            }
            last = r.json();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + id + " did not reach the expected state; last: " + last);
    }

    static boolean status(JsonNode job, String status) {
        return status.equals(job.get("status").asText());
    }
}
