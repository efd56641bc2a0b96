package org.qualitycity.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.notification.NotificationView;
import org.qualitycity.notification.internal.NotificationService;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@ApiController("/api/v1/notifications")
@Tag(name = "Notifications")
class NotificationsApiController {

    record UnreadCount(long count) {
    }

    record Marked(int marked) {
    }

    private final NotificationService notifications;
    private final Clock clock;

    NotificationsApiController(NotificationService notifications, Clock clock) {
        this.clock = clock;
        this.notifications = notifications;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "My inbox: messages to me and to my unit, newest first (unread=true: only unread)")
    PageResult<NotificationView> inbox(@RequestParam(defaultValue = "false") boolean unread,
                                       @Valid @ModelAttribute ListQuery q) {
        return notifications.inbox(Security.currentUser(), unread, q);
    }

    @GetMapping("/export")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "My inbox as Excel (unread=true: only unread; every page)")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "false") boolean unread,
                                                 @Valid @ModelAttribute ListQuery q) {
        CurrentUser user = Security.currentUser();
        Locale locale = Texts.locale(); // cells rendered while the body is written, outside the request's thread
        List<ExcelExport.Column<NotificationView>> columns = List.of(
                new ExcelExport.Column<>("notification.export.at", NotificationView::createdAt),
                new ExcelExport.Column<>("notification.export.severity", n -> n.severity() == null ? null
                        : Texts.render(Text.of("notification.severity." + n.severity()), locale)),
                new ExcelExport.Column<>("notification.export.title", NotificationView::title),
                new ExcelExport.Column<>("notification.export.body", NotificationView::body),
                new ExcelExport.Column<>("notification.export.readAt", NotificationView::readAt));
        return ExcelExport.response(clock, "notifications", "notifications", columns,
                ListQuery.allPages(q, page -> notifications.inbox(user, unread, page)));
    }

    @GetMapping("/unread-count")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "How many messages in my inbox I have not read")
    UnreadCount unreadCount() {
        return new UnreadCount(notifications.unreadCount(Security.currentUser()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One message of my inbox (404 for a message addressed to someone else)")
    NotificationView get(@PathVariable long id) {
        return notifications.get(id, Security.currentUser());
    }

    @PostMapping("/{id}/read")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Mark a message of my inbox as read (for me only, also for unit messages)")
    NotificationView markRead(@PathVariable long id) {
        return notifications.markRead(id, Security.currentUser());
    }

    @PostMapping("/read-all")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Mark every message of my inbox as read")
    Marked markAllRead() {
        return new Marked(notifications.markAllRead(Security.currentUser()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('notification:message:send')")
    @Operation(summary = "Send a notice to a unit (unitCode) or a user (username) in my data scope")
    ResponseEntity<Map<String, Long>> send(@Valid @RequestBody NotificationService.SendNotice req) {
        long id = notifications.send(req, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/notifications/" + id))
                .body(Map.of("id", id));
    }
}
