package org.qualitycity.notification.internal;

import org.qualitycity.notification.Notice;
import org.qualitycity.notification.NotificationView;
import org.qualitycity.notification.Severity;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ListSql;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.UserDirectory;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox of a user is every message addressed to the user or to the user's unit; its read state
 * is the message's read_at for the former and the user's notification_read row for the latter.
 */
@Repository
class NotificationRepository {

    private static final String TABLES = """
             FROM notification_message m
             LEFT JOIN notification_read r ON r.message_id = m.id AND r.user_id = :me
            """;
    private static final String INBOX = "m.recipient_user_id = :me OR m.recipient_unit_id = :myUnit";
    private static final String FROM = TABLES + " WHERE (" + INBOX + ")";
    private static final String READ_AT = "(CASE WHEN m.recipient_user_id IS NOT NULL THEN m.read_at ELSE r.read_at END)";
    private static final String SELECT = "SELECT m.id, m.category, m.title, m.body, m.title_text::text AS title_text, "
            + "m.body_text::text AS body_text, m.link, m.severity, "
            + "m.recipient_unit_id IS NOT NULL AS to_unit, m.created_at, " + READ_AT + " AS read_at";
    private static final Map<String, String> SORTS = Map.of("createdAt", "m.created_at", "severity",
            "CASE m.severity WHEN 'ALERT' THEN 3 WHEN 'WARN' THEN 2 ELSE 1 END", "title", "m.title");

    private final JdbcClient jdbc;
    private final UserDirectory users;

    NotificationRepository(JdbcClient jdbc, UserDirectory users) {
        this.jdbc = jdbc;
        this.users = users;
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

    /** Users are the platform's: looked up through its directory, not its table. */
    boolean userExists(long id) {
        return users.exists(id);
    }

    boolean unitExists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_unit WHERE id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    /** The id and unit of an active user with this name. */
    Optional<long[]> userByName(String username) {
        return users.activeByUsername(username).map(u -> new long[]{u.id(), u.unitId()});
    }

    Optional<NotificationView> find(long id, CurrentUser user) {
        return jdbc.sql(SELECT + FROM + " AND m.id = :id").param("me", user.id()).param("myUnit", unitInbox(user))
                .param("id", id).query(NotificationRepository::map).optional();
    }

    PageResult<NotificationView> inbox(CurrentUser user, boolean unreadOnly, ListQuery q) {
        return ListSql.from(TABLES)
                .where(INBOX, Map.of("me", user.id(), "myUnit", unitInbox(user)))
                .when(unreadOnly, READ_AT + " IS NULL")
                .orderBy(q, SORTS, "createdAt", true, "m.id DESC")
                .page(jdbc, SELECT + TABLES, NotificationRepository::map, q);
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
