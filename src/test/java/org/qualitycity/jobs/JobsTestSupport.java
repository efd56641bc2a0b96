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

    /** Awaits GET /api/v1/jobs/{id} until the condition holds. */
    static JsonNode awaitJob(TestApi api, long id, String token, Predicate<JsonNode> condition) {
        return org.qualitycity.support.Await.until("job " + id + " in the expected state", () -> {
            TestApi.Response r = api.get("/api/v1/jobs/" + id, token);
            if (r.status() != 200) {
                throw new AssertionError("GET job " + id + " answered " + r);
            }
            return r.json();
        }, condition);
    }

    static boolean status(JsonNode job, String status) {
        return status.equals(job.get("status").asText());
    }
}
