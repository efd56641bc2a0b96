package org.qualitycity.notification.internal;

import org.qualitycity.notification.Notice;
import org.qualitycity.notification.NotificationView;
import org.qualitycity.notification.Severity;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox of a user is every message addressed to the user or to the user's unit; its read state
 * is the message's read_at for the former and the user's notification_read row for the latter.
 */
@Repository
class NotificationRepository {

    private static final String FROM = """
             FROM notification_message m
             LEFT JOIN notification_read r ON r.message_id = m.id AND r.user_id = :me
             WHERE (m.recipient_user_id = :me OR m.recipient_unit_id = :myUnit)
            """;
    private static final String READ_AT = "(CASE WHEN m.recipient_user_id IS NOT NULL THEN m.read_at ELSE r.read_at END)";
    private static final String SELECT = "SELECT m.id, m.category, m.title, m.body, m.title_text::text AS title_text, "
            + "m.body_text::text AS body_text, m.link, m.severity, "
            + "m.recipient_unit_id IS NOT NULL AS to_unit, m.created_at, " + READ_AT + " AS read_at";
    private static final Map<String, String> SORTS = Map.of("createdAt", "m.created_at", "severity",
            "CASE m.severity WHEN 'ALERT' THEN 3 WHEN 'WARN' THEN 2 ELSE 1 END", "title", "m.title");

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keyed title and body rendered in the reader's language (of the current request); others as stored. */
    private static NotificationView map(ResultSet rs, int n) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        Text title = Text.fromJson(rs.getString("title_text"));
        Text body = Text.fromJson(rs.getString("body_text"));
        return new NotificationView(rs.getLong("id"), rs.getString("category"),
                title == null ? rs.getString("title") : Texts.render(title),
                body == null ? rs.getString("body") : Texts.render(body), rs.getString("link"), Severity.valueOf(rs.getString("severity")),
                rs.getBoolean("to_unit"), rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }

    long insert(Long userId, Long unitId, Notice n, Long createdBy) {
        return jdbc.sql("""
                        INSERT INTO notification_message (recipient_user_id, recipient_unit_id, category, title, body,
                                                          title_text, body_text, link, severity, created_by)
                        VALUES (:userId, :unitId, :category, :title, :body, CAST(:titleText AS jsonb),
                                CAST(:bodyText AS jsonb), :link, :severity, :createdBy)
                        RETURNING id
                        """)
                .param("userId", userId).param("unitId", unitId).param("category", n.category())
                .param("title", n.title()).param("body", n.body())
                .param("titleText", n.titleText() == null ? null : n.titleText().toJson())
                .param("bodyText", n.bodyText() == null ? null : n.bodyText().toJson()).param("link", n.link())
                .param("severity", n.severity().name()).param("createdBy", createdBy)
                .query(Long.class).single();
    }

    /**
     * The unit whose inbox the user reads: its own unit, except for SELF-scoped accounts (enterprises),
     * which are not members of the unit they are registered under and read only their own messages.
     */
    private static long unitInbox(CurrentUser user) {
        return user.scopeKind() == org.qualitycity.platform.DataScope.Kind.SELF ? -1L : user.unitId();
    }

    boolean userExists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_user WHERE id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    boolean unitExists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_unit WHERE id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    /** The id and unit of an active user with this name. */
    Optional<long[]> userByName(String username) {
        return jdbc.sql("SELECT id, unit_id FROM platform_user WHERE username = :u AND active")
                .param("u", username).query((rs, n) -> new long[]{rs.getLong("id"), rs.getLong("unit_id")}).optional();
    }

    Optional<NotificationView> find(long id, CurrentUser user) {
        return jdbc.sql(SELECT + FROM + " AND m.id = :id").param("me", user.id()).param("myUnit", unitInbox(user))
                .param("id", id).query(NotificationRepository::map).optional();
    }

    PageResult<NotificationView> inbox(CurrentUser user, boolean unreadOnly, ListQuery q) {
        String where = FROM + (unreadOnly ? " AND " + READ_AT + " IS NULL" : "");
        long total = jdbc.sql("SELECT count(*)" + where).param("me", user.id()).param("myUnit", unitInbox(user))
                .query(Long.class).single();
        ListQuery effective = q.sort() == null || q.sort().isBlank()
                ? new ListQuery(q.page(), q.size(), "createdAt", "desc") : q;
        List<NotificationView> rows = jdbc.sql(SELECT + where + effective.orderBy(SORTS, "createdAt", "m.id DESC")
                        + " LIMIT :limit OFFSET :offset")
                .param("me", user.id()).param("myUnit", unitInbox(user))
                .param("limit", q.pageSize()).param("offset", q.offset())
                .query(NotificationRepository::map).list();
        return new PageResult<>(rows, q.pageNumber(), q.pageSize(), total);
    }

    long unreadCount(CurrentUser user) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM notification_message
                                WHERE recipient_user_id = :me AND read_at IS NULL)
                             + (SELECT count(*) FROM notification_message m
                                WHERE m.recipient_unit_id = :myUnit
                                  AND NOT EXISTS (SELECT 1 FROM notification_read r
                                                  WHERE r.message_id = m.id AND r.user_id = :me))
                        """)
                .param("me", user.id()).param("myUnit", unitInbox(user)).query(Long.class).single();
    }

    void markRead(NotificationView message, CurrentUser user) {
        if (message.toUnit()) {
            jdbc.sql("""
                            INSERT INTO notification_read (message_id, user_id) VALUES (:id, :me)
                            ON CONFLICT (message_id, user_id) DO NOTHING
                            """)
                    .param("id", message.id()).param("me", user.id()).update();
        } else {
            jdbc.sql("UPDATE notification_message SET read_at = now() WHERE id = :id AND recipient_user_id = :me "
                            + "AND read_at IS NULL")
                    .param("id", message.id()).param("me", user.id()).update();
        }
    }

    int markAllRead(CurrentUser user) {
        int own = jdbc.sql("UPDATE notification_message SET read_at = now() WHERE recipient_user_id = :me "
                + "AND read_at IS NULL").param("me", user.id()).update();
        int unit = jdbc.sql("""
                        INSERT INTO notification_read (message_id, user_id)
                        SELECT m.id, :me FROM notification_message m WHERE m.recipient_unit_id = :myUnit
                        ON CONFLICT (message_id, user_id) DO NOTHING
                        """)
                .param("me", user.id()).param("myUnit", unitInbox(user)).update();
        return own + unit;
    }
}
