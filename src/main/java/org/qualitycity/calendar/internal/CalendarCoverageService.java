package org.qualitycity.calendar.internal;

import org.qualitycity.calendar.CalendarCoverage;
import org.qualitycity.calendar.WorkingDayCalendar;
import org.qualitycity.notification.Notice;
import org.qualitycity.notification.Notifications;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.HomeBanner;
import org.qualitycity.platform.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The daily check that the holiday arrangements cover the next {@value CalendarCoverage#WARNING_DAYS} days, the
 * warning to the calendar administrators (inbox, once per missing year) and the home-page banner (while a year in
 * that window is missing). Cluster-safe without a lock: the warning of a year is a row of
 * {@code calendar_missing_warning} inserted with {@code ON CONFLICT DO NOTHING}, and only the node whose insert
 * succeeded posts the messages, in the same transaction.
 */
@Service
public class CalendarCoverageService implements CalendarCoverage, HomeBanner {

    private static final Logger log = LoggerFactory.getLogger(CalendarCoverageService.class);
    static final String EDIT = "calendar:year:edit";

    private final WorkingDayCalendar calendar;
    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final UserDirectory users;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    CalendarCoverageService(WorkingDayCalendar calendar, JdbcClient jdbc, Notifications notifications,
                            UserDirectory users, AuditLog audit, MessageSource messages, Clock clock) {
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.users = users;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public List<Integer> missingYears(LocalDate today) {
        List<Integer> missing = new ArrayList<>();
        for (int y = today.getYear(); y <= today.plusDays(WARNING_DAYS).getYear(); y++) {
            if (calendar.year(y).isEmpty()) {
                missing.add(y);
            }
        }
        return missing;
    }

    /** Daily: warns of every missing year the next {@value CalendarCoverage#WARNING_DAYS} days reach. */
    @Scheduled(cron = "${qc.calendar.coverage-cron:0 20 7 * * *}")
    void daily() {
        int warned = check();
        if (warned > 0) {
            log.warn("Calendar coverage: {} missing year(s) reported to the calendar administrators", warned);
        }
    }

    /** Runs the check as of the application clock's day; answers how many warnings this call sent. */
    @Transactional
    public int check() {
        int sent = 0;
        for (int year : missingYears(LocalDate.now(clock))) {
            sent += warnMissing(year, "calendar.coverage.reason.daily") ? 1 : 0;
        }
        return sent;
    }

    /**
     * Joins the caller's transaction (the warning commits with the pending deadline that caused it; a separate
     * transaction could wait for the audit chain's lock held by the caller). Concurrent callers serialise on the row.
     */
    @Override
    @Transactional
    public boolean warnMissing(int year, String reason) {
        if (calendar.year(year).isPresent()) {
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        boolean first = jdbc.sql("""
                        INSERT INTO calendar_missing_warning (year, warned_at, warned_on, reason)
                        VALUES (:year, :at, :today, :reason) ON CONFLICT (year) DO NOTHING""")
                .param("year", year).param("at", Timestamp.from(clock.instant())).param("today", today)
                .param("reason", reason).update() > 0;
        if (!first) {
            return false;
        }
        Text title = Text.of("calendar.coverage.notice.title", year);
        Text body = Text.of("calendar.coverage.notice.body", year, Text.of(reason));
        List<Long> admins = users.activeUsersWithPermission(EDIT);
        for (long id : admins) {
            notifications.toUser(id, Notice.alert("calendar", title, body, "/calendar?year=" + year));
        }
        audit.record("calendar", "year", year, null, "MISSING_WARNING", null,
                Map.of("year", year, "reason", reason, "notified", admins.size(), "day", today.toString()));
        return true;
    }

    /** The calendar administrators see a banner while a year of the next 60 days is missing. */
    @Override
    public List<Banner> banners(CurrentUser user, Locale locale) {
        if (user == null || !user.can(EDIT)) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock);
        return missingYears(today).stream().map(y -> new Banner("ALERT", text("calendar.coverage.banner", locale,
                String.valueOf(y), firstMissingDay(today, y).toString(), String.valueOf(WARNING_DAYS)),
                "/calendar?year=" + y)).toList();
    }

    private static LocalDate firstMissingDay(LocalDate today, int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        return first.isBefore(today) ? today : first;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
