package org.qualitycity.platform.web;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.internal.UnitService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final UnitService units;
    private final java.util.List<org.qualitycity.platform.HomeBanner> banners;

    HomeController(UnitService units, java.util.List<org.qualitycity.platform.HomeBanner> banners) {
        this.units = units;
        this.banners = banners;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** The home page per role. It shows only real figures; modules add their panels as they arrive. */
    @GetMapping("/")
    String home(Model model, java.util.Locale locale) {
        CurrentUser me = Security.currentUser();
        model.addAttribute("banners", banners.stream().flatMap(b -> b.banners(me, locale).stream()).toList());
        model.addAttribute("unitsInScope", units.visibleTo(me).size());
        return "home";
    }

    @org.springframework.web.bind.annotation.RequestMapping("/error/403")
    String forbidden(jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        return "error/403";
    }
}
