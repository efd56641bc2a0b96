package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.JobStatus;
import org.qualitycity.jobs.JobView;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
class JobRepository {

    /** A job a worker has claimed. */
    record Claimed(long id, String kind, String params, Long createdBy) {
    }

    private static final Map<String, String> SORTS = Map.of("id", "j.id", "createdAt", "j.created_at",
            "kind", "j.kind", "status", "j.status", "finishedAt", "j.finished_at");

    private static final String SELECT = """
            SELECT j.id, j.kind, j.status, j.percent, j.message, j.result::text AS result, j.error, j.created_by,
                   u.display_name AS created_by_name, j.unit_id, j.created_at, j.started_at, j.finished_at
            FROM jobs_job j LEFT JOIN platform_user u ON u.id = j.created_by
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    JobRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private JobView map(ResultSet rs, int n) throws SQLException {
        String result = rs.getString("result");
        return new JobView(rs.getLong("id"), rs.getString("kind"), JobStatus.valueOf(rs.getString("status")),
                rs.getInt("percent"), Texts.renderStored(rs.getString("message")),
                result == null ? null : json.readTree(result), Texts.renderStored(rs.getString("error")), nullableLong(rs, "created_by"), rs.getString("created_by_name"),
                nullableLong(rs, "unit_id"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    long insert(String kind, String paramsJson, Long createdBy, Long unitId) {
        return jdbc.sql("""
                        INSERT INTO jobs_job (kind, params, created_by, unit_id)
                        VALUES (:kind, CAST(:params AS jsonb), :createdBy, :unitId) RETURNING id
                        """)
                .param("kind", kind).param("params", paramsJson).param("createdBy", createdBy).param("unitId", unitId)
                .query(Long.class).single();
    }

    /**
     * Claims the oldest queued job of the given kinds for {@code node}. Rows another session has locked
     * (being claimed at this moment by another worker or node) are skipped, not waited for, so that
     * concurrent claimers never get the same job and never block each other.
     */
    Optional<Claimed> claim(String node, Collection<String> kinds) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        UPDATE jobs_job j
                        SET status = 'RUNNING', started_at = now(), heartbeat_at = now(), node = :node
                        FROM (SELECT id FROM jobs_job
                              WHERE status = 'QUEUED' AND kind IN (:kinds)
                              ORDER BY id LIMIT 1
                              FOR UPDATE SKIP LOCKED) c
                        WHERE j.id = c.id
                        RETURNING j.id, j.kind, j.params::text AS params, j.created_by
                        """)
                .param("node", node).param("kinds", kinds)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("kind"), rs.getString("params"),
                        nullableLong(rs, "created_by")))
                .optional();
    }

    /**
     * Writes progress of a job this node runs; also a heartbeat.
     *
     * @return whether cancellation was requested, or empty if the job is no longer this node's running job
     */
    Optional<Boolean> progress(long id, String node, int percent, String message) {
        return jdbc.sql("""
                        UPDATE jobs_job SET percent = :percent, message = :message, heartbeat_at = now()
                        WHERE id = :id AND node = :node AND status = 'RUNNING'
                        RETURNING cancel_requested
                        """)
                .param("id", id).param("node", node).param("percent", percent).param("message", message)
                .query(Boolean.class).optional();
    }

    boolean cancelRequested(long id) {
        return jdbc.sql("SELECT cancel_requested FROM jobs_job WHERE id = :id").param("id", id)
                .query(Boolean.class).optional().orElse(true);
    }

    void heartbeat(String node, Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE jobs_job SET heartbeat_at = now() WHERE node = :node AND status = 'RUNNING' AND id IN (:ids)")
                    .param("node", node).param("ids", ids).update();
        }
    }

    /** Ends a running job of this node; a job already failed as stale (or cancelled) stays as it is. */
    boolean finish(long id, String node, JobStatus status, String resultJson, String error) {
        return jdbc.sql("""
                        UPDATE jobs_job SET status = :status, result = CAST(:result AS jsonb), error = :error,
                               percent = CASE WHEN :status = 'SUCCEEDED' THEN 100 ELSE percent END,
                               finished_at = now(), heartbeat_at = now()
                        WHERE id = :id AND node = :node AND status = 'RUNNING'
                        """)
                .param("id", id).param("node", node).param("status", status.name()).param("result", resultJson)
                .param("error", error).update() == 1;
    }

    /** Fails running jobs whose node stopped sending heartbeats. */
    int failStale(Duration after, String error) {
        return jdbc.sql("""
                        UPDATE jobs_job SET status = 'FAILED', error = :error, finished_at = now()
                        WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => :secs)
                        """)
                .param("secs", (double) after.toSeconds()).param("error", error).update();
    }

    /** Fails the running jobs of this node (on shutdown). */
    int failRunningOf(String node, String error) {
        return jdbc.sql("""
                        UPDATE jobs_job SET status = 'FAILED', error = :error, finished_at = now()
                        WHERE status = 'RUNNING' AND node = :node
                        """)
                .param("node", node).param("error", error).update();
    }

    /** Cancels a queued job at once; flags a running one for its handler. Returns the new status, if any. */
    Optional<JobStatus> requestCancel(long id) {
        return jdbc.sql("""
                        UPDATE jobs_job SET cancel_requested = true,
                               status = CASE WHEN status = 'QUEUED' THEN 'CANCELLED' ELSE status END,
                               finished_at = CASE WHEN status = 'QUEUED' THEN now() ELSE finished_at END
                        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')
                        RETURNING status
                        """)
                .param("id", id).query(String.class).optional().map(JobStatus::valueOf);
    }

    /** The visibility rule: the creator, or a holder of jobs:job:view-all whose data scope covers the job. */
    private static String visible(CurrentUser user, Map<String, Object> p) {
        p.put("me", user.id());
        if (user.can(JobsPermissions.VIEW_ALL)) {
            DataScope scope = user.scope();
            p.putAll(scope.params());
            return "(j.created_by = :me OR " + scope.predicate("j.unit_id", "j.created_by") + ")";
        }
        return "j.created_by = :me";
    }

    Optional<JobView> find(long id, CurrentUser user) {
        Map<String, Object> p = new HashMap<>();
        String where = " WHERE j.id = :id AND " + visible(user, p);
        return jdbc.sql(SELECT + where).params(p).param("id", id).query(this::map).optional();
    }

    Optional<JobView> findAny(long id) {
        return jdbc.sql(SELECT + " WHERE j.id = :id").param("id", id).query(this::map).optional();
    }

    /**
     * A page of jobs: the user's own, or with {@code all} every job the user may see.
     */
    PageResult<JobView> page(CurrentUser user, boolean all, JobStatus status, String kind, ListQuery q) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE ");
        if (all) {
            where.append(visible(user, p));
        } else {
            where.append("j.created_by = :me");
            p.put("me", user.id());
        }
        if (status != null) {
            where.append(" AND j.status = :status");
            p.put("status", status.name());
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" AND j.kind = :kind");
            p.put("kind", kind.trim());
        }
        long total = jdbc.sql("SELECT count(*) FROM jobs_job j" + where).params(p).query(Long.class).single();
        ListQuery effective = q.sort() == null || q.sort().isBlank() ? new ListQuery(q.page(), q.size(), "id", "desc") : q;
        List<JobView> rows = jdbc.sql(SELECT + where + effective.orderBy(SORTS, "id", "j.id")
                        + " LIMIT :limit OFFSET :offset")
                .params(p).param("limit", q.pageSize()).param("offset", q.offset()).query(this::map).list();
        return new PageResult<>(rows, q.pageNumber(), q.pageSize(), total);
    }
}
