package org.qualitycity.environment.web;

import org.qualitycity.environment.internal.EnergyMeters;
import org.qualitycity.platform.Security;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Energy metering pages: the key energy users of a month with their completeness, consistency and late flags (the
 * regulator's view) and the meters (an enterprise account sees its own), and one meter's days.
 */
@Controller
@RequestMapping("/environment/energy")
class EnergyPageController {

    private final EnergyMeters meters;

    EnergyPageController(EnergyMeters meters) {
        this.meters = meters;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('environment:energy:view')")
    String list(@RequestParam(required = false) String month, @RequestParam(required = false) String enterprise,
                Model model) {
        var user = Security.currentUser();
        var m = meters.month(month);
        model.addAttribute("month", m.toString());
        model.addAttribute("monthParam", String.format("%04d%02d", m.getYear(), m.getMonthValue()));
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("enterprises", meters.enterprises(m, user));
        model.addAttribute("meters", meters.meters(m, enterprise, user));
        return "environment/energy";
    }

    @GetMapping("/meters/{id:\\d+}")
    @PreAuthorize("hasAuthority('environment:energy:view')")
    String meter(@PathVariable long id, @RequestParam(required = false) String month, Model model) {
        var user = Security.currentUser();
        var m = meters.month(month);
        var d = meters.require(id, user);
        model.addAttribute("month", m.toString());
        model.addAttribute("meter", meters.meters(m, null, user).stream().filter(x -> x.id() == d.id()).findFirst()
                .orElseThrow());
        model.addAttribute("days", meters.days(id, m, user));
        return "environment/energy-meter";
    }
}
