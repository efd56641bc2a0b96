package org.qualitycity.notification.web;

import jakarta.validation.Valid;
import org.qualitycity.notification.NotificationView;
import org.qualitycity.notification.internal.NotificationService;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The inbox page: list, mark read, open a message's link (which marks it read). */
@Controller
class NotificationsPageController {

    private final NotificationService notifications;

    NotificationsPageController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    @PreAuthorize("isAuthenticated()")
    String inbox(@RequestParam(defaultValue = "false") boolean unread, @Valid @ModelAttribute ListQuery q, Model model) {
        model.addAttribute("page", notifications.inbox(Security.currentUser(), unread, q));
        model.addAttribute("unread", unread);
        return "notification/inbox";
    }

    @PostMapping("/notifications/{id}/read")
    @PreAuthorize("isAuthenticated()")
    String markRead(@PathVariable long id, @RequestParam(defaultValue = "false") boolean unread) {
        notifications.markRead(id, Security.currentUser());
        return "redirect:/notifications" + (unread ? "?unread=true" : "");
    }

    /** Marks the message read and follows its link (a path of this application), or returns to the inbox. */
    @PostMapping("/notifications/{id}/open")
    @PreAuthorize("isAuthenticated()")
    String open(@PathVariable long id) {
        NotificationView m = notifications.markRead(id, Security.currentUser());
        return "redirect:" + (NotificationService.isSafeLink(m.link()) ? m.link() : "/notifications");
    }

    @PostMapping("/notifications/read-all")
    @PreAuthorize("isAuthenticated()")
    String markAllRead(RedirectAttributes flash) {
        notifications.markAllRead(Security.currentUser());
        flash.addFlashAttribute("flash", "notification.flash.allRead");
        return "redirect:/notifications";
    }
}
