package org.qualitycity.notification.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.NotificationView;
import org.qualitycity.notification.Notifications;
import org.qualitycity.notification.Severity;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Posting to inboxes, and each user's inbox: only messages addressed to the user or the user's unit. */
@Service
public class NotificationService implements Notifications {

    /** A notice sent by hand to one unit or one user (exactly one of unitCode, username). */
    public record SendNotice(@Size(max = 32) String unitCode, @Size(max = 64) String username,
                             @NotBlank @Size(max = 200) String title, @Size(max = 4000) String body,
                             @Size(max = 500) String link, Severity severity) {
    }

    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9.-]{0,39}");
    // a path of this application: one leading slash, no scheme, host, backslash or white space
    private static final Pattern LINK = Pattern.compile("/(?![/\\\\])[^\\s\\\\]*");

    private final NotificationRepository repo;
    private final Units units;
    private final AuditLog audit;

    NotificationService(NotificationRepository repo, Units units, AuditLog audit) {
        this.repo = repo;
        this.units = units;
        this.audit = audit;
    }

    /** Whether a link may be stored and followed: a path of this application only. */
    public static boolean isSafeLink(String link) {
        return link != null && link.length() <= 500 && LINK.matcher(link).matches();
    }

    private static Notice validated(Notice n) {
        if (n == null) {
            throw new ValidationException("notice", Texts.msg("error.required"));
        }
        if (n.category() == null || !CATEGORY.matcher(n.category()).matches()) {
            throw new ValidationException("category", Texts.msg("notification.error.category"));
        }
        // a keyed message keeps its Chinese rendering as the stored fallback (sorting, unknown keys)
        String title = n.titleText() != null ? Texts.render(n.titleText(), Texts.DEFAULT)
                : n.title() == null ? "" : n.title().strip();
        if (title.length() > 200) {
            title = n.titleText() != null ? title.substring(0, 200) : title;
        }
        if (title.isEmpty() || title.length() > 200) {
            throw new ValidationException("title", Texts.msg("notification.error.title"));
        }
        String body = n.bodyText() != null ? Texts.render(n.bodyText(), Texts.DEFAULT)
                : n.body() == null || n.body().isBlank() ? null : n.body().strip();
        if (body != null && body.length() > 4000 && n.bodyText() != null) {
            body = body.substring(0, 4000);
        }
        if (body != null && body.length() > 4000) {
            throw new ValidationException("body", Texts.msg("error.max-chars", 4000));
        }
        String link = n.link() == null || n.link().isBlank() ? null : n.link().strip();
        if (link != null && !isSafeLink(link)) {
            throw new ValidationException("link", Texts.msg("notification.error.link"));
        }
        return new Notice(n.category(), title, body, link, n.severity() == null ? Severity.INFO : n.severity(),
                n.titleText(), n.bodyText());
    }

    private static Long actorId() {
        return Security.currentUserIfAny().map(CurrentUser::id).orElse(null);
    }

    @Override
    @Transactional
    public long toUser(long userId, Notice notice) {
        Notice n = validated(notice);
        if (!repo.userExists(userId)) {
            throw new ValidationException("userId", Texts.msg("notification.error.no-such-user"));
        }
        return repo.insert(userId, null, n, actorId());
    }

    @Override
    @Transactional
    public long toUnit(long unitId, Notice notice) {
        Notice n = validated(notice);
        if (!repo.unitExists(unitId)) {
            throw new ValidationException("unitId", Texts.msg("error.no-such-unit"));
        }
        return repo.insert(null, unitId, n, actorId());
    }

    /** A notice sent by hand (notification:message:send) to a unit or user in the sender's data scope; audited. */
    @Transactional
    public long send(SendNotice req, CurrentUser sender) {
        boolean toUnit = req.unitCode() != null && !req.unitCode().isBlank();
        boolean toUser = req.username() != null && !req.username().isBlank();
        if (toUnit == toUser) {
            throw new ValidationException("unitCode", Texts.msg("notification.error.one-recipient"));
        }
        Notice notice = new Notice("notice", req.title(), req.body(), req.link(), req.severity());
        long id;
        Long unitId;
        if (toUnit) {
            Unit unit = units.requireVisible(req.unitCode().trim(), sender);
            unitId = unit.id();
            id = toUnit(unit.id(), notice);
        } else {
            long[] user = repo.userByName(req.username().trim().toLowerCase())
                    .filter(u -> units.isVisible(u[1], sender))
                    .orElseThrow(() -> new NotFoundException("user " + req.username()));
            unitId = user[1];
            id = toUser(user[0], notice);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("to", toUnit ? "unit:" + req.unitCode().trim() : "user:" + req.username().trim().toLowerCase());
        after.put("title", req.title());
        after.put("severity", notice.severity() == null ? Severity.INFO : notice.severity());
        audit.record("notification", "message", id, unitId, "SEND", null, after);
        return id;
    }

    @Transactional(readOnly = true)
    public PageResult<NotificationView> inbox(CurrentUser user, boolean unreadOnly, ListQuery q) {
        return repo.inbox(user, unreadOnly, q);
    }

    @Transactional(readOnly = true)
    public NotificationView get(long id, CurrentUser user) {
        return repo.find(id, user).orElseThrow(() -> new NotFoundException("notification " + id));
    }

    @Transactional
    public NotificationView markRead(long id, CurrentUser user) {
        NotificationView m = get(id, user);
        if (!m.read()) {
            repo.markRead(m, user);
        }
        return get(id, user);
    }

    @Transactional
    public int markAllRead(CurrentUser user) {
        return repo.markAllRead(user);
    }

    @Transactional(readOnly = true)
    public long unreadCount(CurrentUser user) {
        return repo.unreadCount(user);
    }
}
