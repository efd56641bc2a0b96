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

    HomeController(UnitService units) {
        this.units = units;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** The home page per role. It shows only real figures; modules add their panels as they arrive. */
    @GetMapping("/")
    String home(Model model) {
        CurrentUser me = Security.currentUser();
        model.addAttribute("unitsInScope", units.visibleTo(me).size());
        return "home";
    }

    @org.springframework.web.bind.annotation.RequestMapping("/error/403")
    String forbidden(jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        return "error/403";
    }
}
