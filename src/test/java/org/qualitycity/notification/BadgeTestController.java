package org.qualitycity.notification;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Test only: renders the badge fragment alone, as the layout will include it, so that a test can see
 * it with a real signed-in session (the layout itself belongs to the platform).
 */
@Controller
class BadgeTestController {

    @GetMapping("/test-support/notification-badge")
    @PreAuthorize("isAuthenticated()")
    String badge() {
        return "notification/badge :: badge";
    }
}
