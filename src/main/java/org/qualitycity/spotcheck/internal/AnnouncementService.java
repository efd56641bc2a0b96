package org.qualitycity.spotcheck.internal;

import jakarta.validation.constraints.NotBlank;
import org.qualitycity.platform.Texts;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Result announcements: drafted, then published; a published one never changes (corrections are new ones). */
@Service
public class AnnouncementService {

    public record NewAnnouncement(@NotBlank @Size(max = 300) String title, @Size(max = 4000) String body,
                                  @NotEmpty List<Long> sampleIds, Long correctsId) {
    }

    public record Line(String product, String brand, String enterpriseName, String creditCode, String batchNo,
                       LocalDate sampledOn, String verdict, String failedItems) {
    }

    public record AnnouncementView(long id, String title, String body, Long correctsId, Instant publishedAt,
                                   List<Line> lines) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AnnouncementService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public AnnouncementView create(NewAnnouncement req, CurrentUser user) {
        if (req.correctsId() != null) {
            get(req.correctsId(), true);
        }
        long id = jdbc.sql("INSERT INTO spotcheck_announcement (title, body, corrects_id, created_by) "
                        + "VALUES (:t, :b, :c, :u) RETURNING id").param("t", req.title().trim()).param("b", req.body())
                .param("c", req.correctsId()).param("u", user.id()).query(Long.class).single();
        addSamples(id, req.sampleIds());
        AnnouncementView v = get(id, false);
        audit.record("spotcheck", "announcement", id, null, "CREATE", null, v);
        return v;
    }

    private void addSamples(long id, List<Long> sampleIds) {
        for (Long s : sampleIds) {
            boolean ok = s != null && jdbc.sql("SELECT count(*) FROM spotcheck_sample WHERE id = :s AND final_verdict IS NOT NULL")
                    .param("s", s).query(Long.class).single() > 0;
            if (!ok) {
                throw new ValidationException("sampleIds", Texts.msg("spotcheck.error.no-such-sample-with-a-result", s));
            }
            jdbc.sql("INSERT INTO spotcheck_announcement_sample (announcement_id, sample_id) VALUES (:a, :s) "
                    + "ON CONFLICT DO NOTHING").param("a", id).param("s", s).update();
        }
    }

    @Transactional
    public AnnouncementView update(long id, NewAnnouncement req, CurrentUser user) {
        AnnouncementView before = get(id, false);
        if (before.publishedAt() != null) {
            throw new ConflictException(Texts.msg("spotcheck.error.a-published-announcement-is-immutable-publish"));
        }
        jdbc.sql("UPDATE spotcheck_announcement SET title = :t, body = :b WHERE id = :id").param("t", req.title().trim())
                .param("b", req.body()).param("id", id).update();
        jdbc.sql("DELETE FROM spotcheck_announcement_sample WHERE announcement_id = :id").param("id", id).update();
        addSamples(id, req.sampleIds());
        AnnouncementView after = get(id, false);
        audit.record("spotcheck", "announcement", id, null, "UPDATE", before, after);
        return after;
    }

    @Transactional
    public AnnouncementView publish(long id, CurrentUser user) {
        AnnouncementView before = get(id, false);
        if (before.publishedAt() != null) {
            throw new ConflictException(Texts.msg("spotcheck.error.already-published"));
        }
        jdbc.sql("UPDATE spotcheck_announcement SET published_at = :t WHERE id = :id")
                .param("t", OffsetDateTime.now(clock)).param("id", id).update();
        AnnouncementView after = get(id, false);
        audit.record("spotcheck", "announcement", id, null, "PUBLISH", before, after);
        return after;
    }

    public AnnouncementView get(long id, boolean publishedOnly) {
        return jdbc.sql("SELECT id, title, body, corrects_id, published_at FROM spotcheck_announcement WHERE id = :id"
                        + (publishedOnly ? " AND published_at IS NOT NULL" : "")).param("id", id)
                .query((rs, i) -> new AnnouncementView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        (Long) rs.getObject(4), rs.getObject(5, OffsetDateTime.class) == null ? null
                        : rs.getObject(5, OffsetDateTime.class).toInstant(), lines(rs.getLong(1))))
                .optional().orElseThrow(() -> new NotFoundException("announcement " + id));
    }

    public List<AnnouncementView> list(boolean publishedOnly, int limit) {
        return jdbc.sql("SELECT id FROM spotcheck_announcement" + (publishedOnly ? " WHERE published_at IS NOT NULL" : "")
                        + " ORDER BY coalesce(published_at, created_at) DESC, id DESC LIMIT :l").param("l", limit)
                .query(Long.class).list().stream().map(id -> get(id, publishedOnly)).toList();
    }

    /**
     * One page of the published announcements, newest first; {@code text} (optional) is looked for, literally and
     * ignoring case, in the title, the body and the products and enterprises of the announced samples.
     */
    public org.qualitycity.platform.PageResult<AnnouncementView> publishedPage(String text,
                                                                               org.qualitycity.platform.ListQuery q) {
        var list = org.qualitycity.platform.ListSql.from("FROM spotcheck_announcement a").where("a.published_at IS NOT NULL");
        if (text != null && !text.isBlank()) {
            list.where("a.title ILIKE :text" + org.qualitycity.platform.ListSql.ESCAPE_CLAUSE
                            + " OR a.body ILIKE :text" + org.qualitycity.platform.ListSql.ESCAPE_CLAUSE
                            + " OR EXISTS (SELECT 1 FROM spotcheck_announcement_sample x"
                            + " JOIN spotcheck_sample s ON s.id = x.sample_id JOIN enterprise e ON e.id = s.enterprise_id"
                            + " WHERE x.announcement_id = a.id AND (s.product ILIKE :text"
                            + org.qualitycity.platform.ListSql.ESCAPE_CLAUSE + " OR e.name ILIKE :text"
                            + org.qualitycity.platform.ListSql.ESCAPE_CLAUSE + "))")
                    .param("text", org.qualitycity.platform.ListSql.containsPattern(text));
        }
        return list.orderBy("a.published_at DESC, a.id DESC")
                .page(jdbc, "SELECT a.id FROM spotcheck_announcement a", (rs, i) -> rs.getLong(1), q)
                .map(id -> get(id, true));
    }

    private List<Line> lines(long id) {
        return jdbc.sql("""
                        SELECT s.product, s.brand, e.name, e.credit_code, s.batch_no, s.sampled_on, s.final_verdict,
                               (SELECT string_agg(i.item, :sep ORDER BY i.id) FROM spotcheck_result_item i
                                WHERE i.sample_id = s.id AND i.verdict = 'FAIL'
                                  AND i.retest = (s.retest_verdict IS NOT NULL))
                        FROM spotcheck_announcement_sample a
                        JOIN spotcheck_sample s ON s.id = a.sample_id JOIN enterprise e ON e.id = s.enterprise_id
                        WHERE a.announcement_id = :id ORDER BY s.sampled_on, s.id""").param("id", id)
                .param("sep", Texts.msg("list.separator"))
                .query((rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8))).list();
    }

    // ---- issue 12 staff: the staff list of announcements, drafts included

    /** One announcement in the staff list. */
    public record AnnouncementRow(long id, String title, Long correctsId, Instant createdAt, Instant publishedAt,
                                  int samples) {
    }

    /** Announcements, drafts first and then the newest published (status DRAFT, PUBLISHED or all), paged. */
    public org.qualitycity.platform.PageResult<AnnouncementRow> page(String status, org.qualitycity.platform.ListQuery q) {
        if (status != null && !status.isBlank() && !List.of("DRAFT", "PUBLISHED").contains(status)) {
            throw new ValidationException("status", org.qualitycity.platform.Texts.msg("error.one-of", "DRAFT, PUBLISHED"));
        }
        return org.qualitycity.platform.ListSql.from("FROM spotcheck_announcement a")
                .when("DRAFT".equals(status), "a.published_at IS NULL")
                .when("PUBLISHED".equals(status), "a.published_at IS NOT NULL")
                .orderBy("a.published_at IS NOT NULL, coalesce(a.published_at, a.created_at) DESC, a.id DESC")
                .page(jdbc, "SELECT a.id, a.title, a.corrects_id, a.created_at, a.published_at, (SELECT count(*) FROM "
                        + "spotcheck_announcement_sample s WHERE s.announcement_id = a.id) AS samples "
                        + "FROM spotcheck_announcement a", (rs, i) -> new AnnouncementRow(rs.getLong(1), rs.getString(2),
                        (Long) rs.getObject(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class) == null ? null : rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getInt(6)), q);
    }

    /** The ids of an announcement's samples (to edit a draft). */
    public List<Long> sampleIds(long id) {
        return jdbc.sql("SELECT sample_id FROM spotcheck_announcement_sample WHERE announcement_id = :id ORDER BY sample_id")
                .param("id", id).query(Long.class).list();
    }
}
