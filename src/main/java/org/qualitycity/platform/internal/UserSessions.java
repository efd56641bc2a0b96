package org.qualitycity.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Browser sessions (Spring Session JDBC, {@code spring_session}): at most {@code qc.security.session.max-per-user}
 * per account (a new login ends the oldest), an idle timeout and an absolute timeout measured with the
 * application clock, and the list of one's own sessions with a way to end each. Because the sessions live in
 * the database, every node sees an ended session at once.
 */
@Service
public class UserSessions {

    static final String LOGIN_AT = "qc.loginAt";
    static final String SEEN_AT = "qc.seenAt";

    /** One session of the caller: {@code id} is the store's internal id, never the session cookie's value. */
    public record SessionView(String id, Instant createdAt, Instant lastAccessAt, boolean current) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxPerUser;
    private final Duration idle;
    private final Duration absolute;

    UserSessions(JdbcClient jdbc, AuditLog audit, Clock clock,
                 @Value("${qc.security.session.max-per-user:3}") int maxPerUser,
                 @Value("${qc.security.session.idle-timeout:PT30M}") Duration idle,
                 @Value("${qc.security.session.absolute-timeout:PT12H}") Duration absolute) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.idle = idle;
        this.absolute = absolute;
    }

    /** After a completed login on this request's session: stamps it and ends the user's oldest sessions. */
    @Transactional
    public void loggedIn(HttpServletRequest request, String username) {
        HttpSession session = request.getSession();
        long now = clock.millis();
        session.setAttribute(LOGIN_AT, now);
        session.setAttribute(SEEN_AT, now);
        // this session is saved with its principal when the response is committed: keep max - 1 others
        List<String> others = jdbc.sql("""
                        SELECT primary_id FROM spring_session WHERE principal_name = :u AND session_id <> :current
                        ORDER BY creation_time DESC
                        """)
                .param("u", username).param("current", session.getId()).query(String.class).list();
        for (String old : others.subList(Math.min(others.size(), Math.max(0, maxPerUser - 1)), others.size())) {
            jdbc.sql("DELETE FROM spring_session WHERE primary_id = :id").param("id", old).update();
        }
    }

    public List<SessionView> of(String username, String currentSessionId) {
        return jdbc.sql("""
                        SELECT primary_id, session_id, creation_time, last_access_time FROM spring_session
                        WHERE principal_name = :u ORDER BY creation_time DESC
                        """)
                .param("u", username)
                .query((rs, n) -> new SessionView(rs.getString("primary_id").trim(),
                        Instant.ofEpochMilli(rs.getLong("creation_time")),
                        Instant.ofEpochMilli(rs.getLong("last_access_time")),
                        rs.getString("session_id").trim().equals(currentSessionId)))
                .list();
    }

    /** Ends one of the user's own sessions; false if there is no such session of this user. */
    @Transactional
    public boolean end(CurrentUser user, String id) {
        int n = jdbc.sql("DELETE FROM spring_session WHERE primary_id = :id AND principal_name = :u")
                .param("id", id).param("u", user.username()).update();
        if (n > 0) {
            audit.record("platform", "session", user.id(), user.unitId(), "END", null, Map.of("username", user.username()));
        }
        return n > 0;
    }

    /** Ends every session of a user but {@code keepSessionId} (null: all), e.g. after a password change. */
    @Transactional
    public int endAllExcept(String username, String keepSessionId) {
        return jdbc.sql("DELETE FROM spring_session WHERE principal_name = :u AND session_id <> :keep")
                .param("u", username).param("keep", keepSessionId == null ? "" : keepSessionId).update();
    }

    /** The id of the current request's session, if it has one. */
    public static String currentSessionId() {
        return RequestInfo.current().map(r -> r.getSession(false)).map(HttpSession::getId).orElse(null);
    }

    /**
     * Ends a signed-in session that has been idle or open too long (by the application clock), before
     * Spring Security reads it; the request then continues as anonymous (login page, or 401 on the API).
     */
    OncePerRequestFilter timeoutFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                // static files read no session (this filter would otherwise load it from the database)
                String path = request.getServletPath();
                return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
                        || path.startsWith("/img/") || path.startsWith("/geo/") || path.equals("/favicon.ico");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                HttpSession session = request.getSession(false);
                if (session != null && session.getAttribute(LOGIN_AT) instanceof Long loginAt) {
                    long now = clock.millis();
                    long seen = session.getAttribute(SEEN_AT) instanceof Long s ? s : loginAt;
                    if (now - seen > idle.toMillis() || now - loginAt > absolute.toMillis()) {
                        session.invalidate();
                    } else if (now - seen > 60_000) {
                        // at most one write per minute: idle time is measured to the minute
                        session.setAttribute(SEEN_AT, now);
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }
}
