package org.qualitycity.portal.web;

import jakarta.validation.constraints.Size;
import org.qualitycity.platform.Security;
import org.qualitycity.portal.internal.HotTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The quality office's pages: hot-topic moderation and the big screen. */
@Controller
@Validated
class PortalStaffController {

    private final HotTopics topics;
    private final String mapUrl;
    private final int refreshSeconds;
    private final int rotateSeconds;

    PortalStaffController(HotTopics topics, @Value("${qc.city.map}") String mapUrl,
                          @Value("${qc.portal.big-screen.refresh-seconds:60}") int refreshSeconds,
                          @Value("${qc.portal.big-screen.rotate-seconds:15}") int rotateSeconds) {
        this.topics = topics;
        this.mapUrl = mapUrl;
        this.refreshSeconds = refreshSeconds;
        this.rotateSeconds = rotateSeconds;
    }

    @GetMapping("/portal/hot-topics")
    @PreAuthorize("hasAuthority('portal:hottopic:moderate')")
    String moderation(Model model) {
        model.addAttribute("pending", topics.pending(100));
        model.addAttribute("published", topics.published(20));
        return "portal/moderation";
    }

    @PostMapping("/portal/hot-topics/{id}/publish")
    @PreAuthorize("hasAuthority('portal:hottopic:moderate')")
    String publish(@PathVariable long id, RedirectAttributes flash) {
        topics.publish(id, Security.currentUser());
        flash.addFlashAttribute("flash", "portal.moderation.published");
        return "redirect:/portal/hot-topics";
    }

    @PostMapping("/portal/hot-topics/{id}/reject")
    @PreAuthorize("hasAuthority('portal:hottopic:moderate')")
    String reject(@PathVariable long id, @RequestParam(required = false) @Size(max = 400) String reason,
                  RedirectAttributes flash) {
        topics.reject(id, reason, Security.currentUser());
        flash.addFlashAttribute("flash", "portal.moderation.rejected");
        return "redirect:/portal/hot-topics";
    }

    @GetMapping("/big-screen")
    @PreAuthorize("hasAuthority('portal:bigscreen:view')")
    String bigScreen(Model model) {
        model.addAttribute("mapUrl", mapUrl);
        model.addAttribute("refreshMs", refreshSeconds * 1000L);
        model.addAttribute("rotateMs", rotateSeconds * 1000L);
        return "portal/big-screen";
    }
}
