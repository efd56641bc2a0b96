package org.qualitycity.jobs.internal;

import org.qualitycity.jobs.JobStatus;
import org.qualitycity.jobs.JobView;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.UserDirectory;
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
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

@Repository
class JobRepository {

    /** A job a worker has claimed. */
    record Claimed(long id, String kind, String params, Long createdBy) {
    }

    private static final Map<String, String> SORTS = Map.of("id", "j.id", "createdAt", "j.created_at",
            "kind", "j.kind", "status", "j.status", "finishedAt", "j.finished_at");

    private static final String SELECT = """
            SELECT j.id, j.kind, j.status, j.percent, j.message, j.result::text AS result, j.error, j.created_by,
                   j.unit_id, j.created_at, j.started_at, j.finished_at
            FROM jobs_job j
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final UserDirectory users;

    JobRepository(JdbcClient jdbc, ObjectMapper json, UserDirectory users) {
        this.jdbc = jdbc;
        this.json = json;
        this.users = users;
    }

    /** The jobs with their creators' display names, read through the platform's user directory. */
    private List<JobView> named(List<JobView> jobs) {
        Map<Long, String> names = users.displayNames(jobs.stream().map(JobView::createdBy).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        return jobs.stream().map(j -> j.createdBy() == null ? j : new JobView(j.id(), j.kind(), j.status(),
                j.percent(), j.message(), j.result(), j.error(), j.createdBy(), names.get(j.createdBy()), j.unitId(),
                j.createdAt(), j.startedAt(), j.finishedAt())).toList();
    }

    private Optional<JobView> named(Optional<JobView> job) {
        return job.map(j -> named(List.of(j)).get(0));
    }

    private JobView map(ResultSet rs, int n) throws SQLException {
        String result = rs.getString("result");
        return new JobView(rs.getLong("id"), rs.getString("kind"), JobStatus.valueOf(rs.getString("status")),
                rs.getInt("percent"), Texts.renderStored(rs.getString("message")), result == null ? null : json.readTree(result),
                Texts.renderStored(rs.getString("error")), nullableLong(rs, "created_by"), null,
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
        return named(jdbc.sql(SELECT + where).params(p).param("id", id).query(this::map).optional());
    }

    Optional<JobView> findAny(long id) {
        return named(jdbc.sql(SELECT + " WHERE j.id = :id").param("id", id).query(this::map).optional());
    }

    /**
     * A page of jobs: the user's own, or with {@code all} every job the user may see.
     */
    PageResult<JobView> page(CurrentUser user, boolean all, JobStatus status, String kind, ListQuery q) {
        Map<String, Object> p = new HashMap<>();
        String mine = all ? visible(user, p) : "j.created_by = :me";
        p.put("me", user.id());
        PageResult<JobView> page = ListSql.from("FROM jobs_job j")
                .where(mine, p)
                .equal("j.status", "status", status == null ? null : status.name())
                .equal("j.kind", "kind", kind)
                .orderBy(q, SORTS, "id", true, "j.id")
                .page(jdbc, SELECT, this::map, q);
        return new PageResult<>(named(page.items()), page.page(), page.size(), page.total());
    }
}
