package org.qualitycity.portal.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PersonalDataRedactor;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.WorkflowSteps;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quality hot topics proposed by the public (质量热点问题征集): anyone proposes one (no login, no personal data asked
 * for); the city quality office publishes it, with personal data removed from its text, or rejects it. Only
 * published topics are shown on the portal, and only their redacted text.
 */
@Service
public class HotTopics {

    public static final Set<String> CATEGORIES = Set.of("PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY", "GOVERNMENT",
            "OTHER");
    public static final int TITLE_MAX = 100;
    public static final int BODY_MAX = 2000;

    /** A proposal as submitted. {@code website} is a honeypot that people leave empty. */
    public record Proposal(String category, String title, String body, String website) {
    }

    /** A published topic, as the public sees it. */
    public record Published(long id, String category, String title, String body, Instant publishedAt) {
    }

    /** A topic as the office sees it while moderating. */
    public record Pending(long id, String category, String title, String body, Instant submittedAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Units units;
    private final PortalHomeCache pages;
    private final WorkflowSteps steps;

    HotTopics(JdbcClient jdbc, AuditLog audit, Clock clock, Units units, PortalHomeCache pages, WorkflowSteps steps) {
        this.pages = pages;
        this.steps = steps;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.units = units;
    }

    /** Checks and stores a proposal; answers its id (a honeypot hit is accepted and dropped: id 0). */
    @Transactional
    public long propose(Proposal p) {
        if (p == null) {
            throw new ValidationException("body", Texts.msg("portal.error.json-object"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (p.category() == null || !CATEGORIES.contains(p.category())) {
            problems.add(new FieldProblem("category", Texts.msg("portal.error.category")));
        }
        check(problems, "title", p.title(), TITLE_MAX);
        check(problems, "body", p.body(), BODY_MAX);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (p.website() != null && !p.website().isBlank()) {
            return 0;
        }
        long id = jdbc.sql("""
                        INSERT INTO portal_hot_topic (category, title, body, submitted_at)
                        VALUES (:c, :t, :b, :at) RETURNING id""")
                .param("c", p.category()).param("t", p.title().strip()).param("b", p.body().strip())
                .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        audit.record("portal", "hot-topic", id, office(), "SUBMIT", null,
                Map.of("category", p.category(), "status", "PENDING"));
        return id;
    }

    private static void check(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, Texts.msg("portal.error.required")));
        } else if (value.strip().length() > max) {
            problems.add(new FieldProblem(field, Texts.msg("portal.error.too-long", max)));
        }
    }

    private Long office() {
        return units.withRole(Unit.Role.QUALITY_OFFICE).map(Unit::id).orElse(units.city().id());
    }

    /** The newest published topics. */
    public List<Published> published(int limit) {
        return jdbc.sql("""
                        SELECT id, category, public_title, public_body, moderated_at FROM portal_hot_topic
                        WHERE status = 'PUBLISHED' ORDER BY moderated_at DESC, id DESC LIMIT :limit""")
                .param("limit", limit)
                .query((rs, i) -> new Published(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    public long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM portal_hot_topic WHERE status = 'PENDING'").query(Long.class).single();
    }

    /** Topics waiting for moderation, oldest first. */
    public List<Pending> pending(int limit) {
        return jdbc.sql("""
                        SELECT id, category, title, body, submitted_at FROM portal_hot_topic
                        WHERE status = 'PENDING' ORDER BY submitted_at, id LIMIT :limit""")
                .param("limit", limit)
                .query((rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /**
     * Publishes a pending topic, its title and text with personal data removed (a step of {@link HotTopicWorkflow}:
     * recorded and audited); 409 when it is not pending.
     */
    @Transactional
    public Published publish(long id, CurrentUser user) {
        Moderated m = forModeration(id);
        Pending p = m.topic();
        String title = PersonalDataRedactor.redact(p.title());
        String body = PersonalDataRedactor.redact(p.body());
        Instant now = clock.instant();
        steps.apply(HotTopicWorkflow.TABLE, id, office(), m.state(), HotTopicWorkflow.Step.PUBLISH,
                new HotTopicWorkflow.Facts(), t -> {
                    jdbc.sql("""
                                    UPDATE portal_hot_topic SET status = 'PUBLISHED', public_title = :t, public_body = :b,
                                        moderated_at = :at, moderated_by = :by WHERE id = :id AND status = 'PENDING'""")
                            .param("t", title).param("b", body).param("at", Timestamp.from(now)).param("by", user.id())
                            .param("id", id).update();
                    return new WorkflowSteps.Change(Map.of("status", "PENDING"),
                            Map.of("status", "PUBLISHED", "title", title));
                });
        // the portal's cached home page lists the newest published topics
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    pages.clear();
                }
            });
        } else {
            pages.clear();
        }
        return new Published(id, p.category(), title, body, now);
    }

    /**
     * Rejects a pending topic with a reason (kept for the office, never shown; a step of {@link HotTopicWorkflow}:
     * recorded and audited); 409 when it is not pending.
     */
    @Transactional
    public void reject(long id, String reason, CurrentUser user) {
        if (reason != null && reason.length() > 400) {
            throw new ValidationException("reason", Texts.msg("portal.error.too-long", 400));
        }
        Moderated m = forModeration(id);
        steps.apply(HotTopicWorkflow.TABLE, id, office(), m.state(), HotTopicWorkflow.Step.REJECT,
                new HotTopicWorkflow.Facts(), t -> {
                    jdbc.sql("""
                                    UPDATE portal_hot_topic SET status = 'REJECTED', reject_reason = :r, moderated_at = :at,
                                        moderated_by = :by WHERE id = :id AND status = 'PENDING'""")
                            .param("r", reason == null || reason.isBlank() ? null : reason.strip())
                            .param("at", Timestamp.from(clock.instant())).param("by", user.id()).param("id", id).update();
                    return new WorkflowSteps.Change(Map.of("status", "PENDING"), Map.of("status", "REJECTED"));
                });
    }

    private record Moderated(Pending topic, HotTopicWorkflow.State state) {
    }

    /** The topic and its state, locked for the decision; 404 when there is none. */
    private Moderated forModeration(long id) {
        return jdbc.sql("""
                        SELECT id, category, title, body, submitted_at, status FROM portal_hot_topic
                        WHERE id = :id FOR UPDATE""").param("id", id)
                .query((rs, i) -> new Moderated(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()), HotTopicWorkflow.State.valueOf(rs.getString(6))))
                .optional()
                .orElseThrow(() -> new NotFoundException("hot topic " + id));
    }
}
