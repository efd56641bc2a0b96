package org.qualitycity.environment.web;

import org.qualitycity.environment.internal.StationViews;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Units;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Station pages: the drill-down list of G1a/G2/G5 and one station with its daily AQI or monthly class chart. */
@Controller
@RequestMapping("/environment/stations")
class EnvironmentPageController {

    private final StationViews views;
    private final Units units;

    EnvironmentPageController(StationViews views, Units units) {
        this.views = views;
        this.units = units;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('environment:station:view')")
    String list(@RequestParam(defaultValue = "AIR_STATION") String profile, @RequestParam(required = false) String unit,
                @RequestParam(required = false) String period, Model model) {
        var p = views.profile(profile);
        model.addAttribute("rows", views.list(p, unit, period, Security.currentUser()));
        model.addAttribute("profile", p.name());
        model.addAttribute("unit", unit);
        model.addAttribute("period", period);
        model.addAttribute("profiles", List.of("AIR_STATION", "WATER_SECTION", "DRINKING_WATER_SOURCE"));
        return "environment/stations";
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('environment:station:view')")
    String detail(@PathVariable long id, @RequestParam(required = false) Integer year, Model model) {
        var s = views.station(id, year, Security.currentUser());
        model.addAttribute("s", s);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("profile", s.profile());
        chart.put("days", s.days().stream().map(d -> d.day().toString()).toList());
        chart.put("aqi", s.days().stream().map(StationViews.DayView::aqi).toList());
        chart.put("months", s.months().stream().map(StationViews.MonthView::month).toList());
        chart.put("classes", s.months().stream().map(StationViews.MonthView::waterClass).toList());
        model.addAttribute("chartData", chart);
        return "environment/station";
    }
}
