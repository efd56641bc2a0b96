package org.qualitycity.environment.web;

import org.qualitycity.environment.internal.EnergyMeters;
import org.qualitycity.platform.Security;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Energy metering pages: the key energy users of a month with their completeness, consistency and late flags (the
 * regulator's view) and the meters (an enterprise account sees its own), and one meter's days.
 */
@Controller
@RequestMapping("/environment/energy")
class EnergyPageController {

    /** How many months back the month filter offers. */
    private static final int MONTHS_OFFERED = 24;

    private final EnergyMeters meters;
    private final MessageSource messages;

    EnergyPageController(EnergyMeters meters, MessageSource messages) {
        this.meters = meters;
        this.messages = messages;
    }

    /** A month of the filter: its request value (yyyyMM) and its label in the reader's language. */
    record MonthChoice(String value, String label) {
    }

    /** 2026-11 in English, 2026年11月 in Chinese (message {@code environment.energy.monthLabel}). */
    private String label(YearMonth m) {
        return messages.getMessage("environment.energy.monthLabel", new Object[]{String.valueOf(m.getYear()),
                String.valueOf(m.getMonthValue()), String.format("%02d", m.getMonthValue())},
                LocaleContextHolder.getLocale());
    }

    private static String param(YearMonth m) {
        return String.format("%04d%02d", m.getYear(), m.getMonthValue());
    }

    /** The months offered, newest first: this month and the {@value #MONTHS_OFFERED} before, and the chosen one. */
    private List<MonthChoice> choices(YearMonth chosen) {
        YearMonth current = meters.month(null).plusMonths(1);
        List<MonthChoice> list = new ArrayList<>();
        if (chosen.isAfter(current)) {
            list.add(new MonthChoice(param(chosen), label(chosen)));
        }
        for (int i = 0; i <= MONTHS_OFFERED; i++) {
            YearMonth m = current.minusMonths(i);
            list.add(new MonthChoice(param(m), label(m)));
        }
        if (chosen.isBefore(current.minusMonths(MONTHS_OFFERED))) {
            list.add(new MonthChoice(param(chosen), label(chosen)));
        }
        return list;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('environment:energy:view')")
    String list(@RequestParam(required = false) String month, @RequestParam(required = false) String enterprise,
                Model model) {
        var user = Security.currentUser();
        var m = meters.month(month);
        model.addAttribute("month", label(m));
        model.addAttribute("monthParam", param(m));
        model.addAttribute("months", choices(m));
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
        model.addAttribute("month", label(m));
        model.addAttribute("meter", meters.meters(m, null, user).stream().filter(x -> x.id() == d.id()).findFirst()
                .orElseThrow());
        model.addAttribute("days", meters.days(id, m, user));
        return "environment/energy-meter";
    }
}
