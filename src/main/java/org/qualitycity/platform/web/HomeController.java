package org.qualitycity.platform.web;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.internal.UnitService;
import org.qualitycity.platform.internal.Workbench;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final UnitService units;
    private final java.util.List<org.qualitycity.platform.HomeBanner> banners;
    private final Workbench workbench;

    private final java.util.Optional<org.qualitycity.platform.PublicHome> publicHome;

    HomeController(UnitService units, java.util.List<org.qualitycity.platform.HomeBanner> banners, Workbench workbench,
                   java.util.Optional<org.qualitycity.platform.PublicHome> publicHome) {
        this.publicHome = publicHome;
        this.units = units;
        this.banners = banners;
        this.workbench = workbench;
    }

    /** The login page, titled with the city's name from the unit register (the root unit). */
    @GetMapping("/login")
    String login(Model model, java.util.Locale locale) {
        model.addAttribute("cityName", units.all().stream().filter(u -> u.parentId() == null).findFirst()
                .map(u -> u.name(locale)).orElse(""));
        return "login";
    }

    /**
     * The home page: the user's work today (待办) from every module, most urgent first, and the warnings. An
     * anonymous visitor gets the public portal (module portal) at the same address.
     */
    @GetMapping("/")
    String home(Model model, java.util.Locale locale, jakarta.servlet.http.HttpServletRequest request) {
        if (Security.currentUserIfAny().isEmpty()) {
            return publicHome.map(h -> h.home(request, model, locale)).orElse("redirect:/login");
        }
        CurrentUser me = Security.currentUser();
        model.addAttribute("banners", banners.stream().flatMap(b -> b.banners(me, locale).stream()).toList());
        model.addAttribute("queues", workbench.queues(me));
        model.addAttribute("unitsInScope", units.visibleTo(me).size());
        return "home";
    }

    /**
     * The counts beside the navigation entries, by href; fetched by {@code app.js} after the page has loaded, so
     * that no page waits for them.
     */
    @GetMapping(value = "/workbench/counts", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.web.bind.annotation.ResponseBody
    java.util.Map<String, Long> navCounts() {
        return workbench.navCounts(Security.currentUser());
    }

    @org.springframework.web.bind.annotation.RequestMapping("/error/403")
    String forbidden(jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        return "error/403";
    }
}
