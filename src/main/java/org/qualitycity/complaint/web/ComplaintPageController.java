package org.qualitycity.complaint.web;

import jakarta.validation.Valid;
import org.qualitycity.complaint.RefusalGround;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.complaint.internal.ComplaintStats;
import org.qualitycity.complaint.internal.Dtos.Action;
import org.qualitycity.complaint.internal.Dtos.Filter;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ConflictException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Staff pages: the case list (masked; also the W2 drill-down), one case with its deadlines and actions, statistics. */
@Controller
@RequestMapping("/complaints")
class ComplaintPageController {

    private final ComplaintService service;
    private final ComplaintStats stats;
    private final Units units;
    private final Validation validation;

    private final org.qualitycity.calendar.WorkingDayCalendar calendar;

    /** The districts' GeoJSON (configuration, as for the dashboard's map). */
    private final String mapUrl;

    ComplaintPageController(ComplaintService service, ComplaintStats stats, Units units, Validation validation,
                            org.qualitycity.calendar.WorkingDayCalendar calendar,
                            @org.springframework.beans.factory.annotation.Value("${qc.city.map}") String mapUrl) {
        this.calendar = calendar;
        this.mapUrl = mapUrl;
        this.service = service;
        this.stats = stats;
        this.units = units;
        this.validation = validation;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('complaint:case:view')")
    String list(@Valid @ModelAttribute("filter") Filter filter, @Valid @ModelAttribute ListQuery q, Model model) {
        model.addAttribute("page", service.list(filter, q, Security.currentUser()));
        model.addAttribute("areas", units.areas());
        return "complaint/list";
    }

    @GetMapping("/{id:\\d+}")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    String detail(@PathVariable long id, @RequestParam(defaultValue = "false") boolean unmask, Model model) {
        model.addAttribute("c", service.view(id, unmask, Security.currentUser()));
        model.addAttribute("grounds", RefusalGround.values());
        model.addAttribute("mayHandle", Security.currentUser().can("complaint:case:handle"));
        return "complaint/detail";
    }

    @PostMapping("/{id:\\d+}/actions")
    @PreAuthorize("hasAuthority('complaint:case:handle')")
    String act(@PathVariable long id, @Valid @ModelAttribute Action action, RedirectAttributes redirect) {
        try {
            service.act(id, action, Security.currentUser());
            redirect.addFlashAttribute("done", action.action());
        } catch (ValidationException e) {
            redirect.addFlashAttribute("actionError", e.problems().get(0).message());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/complaints/" + id;
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('complaint:case:create')")
    String newForm(Model model) {
        model.addAttribute("form", new org.qualitycity.complaint.internal.Dtos.Submission("COMPLAINT", "GOODS", null,
                null, null, null, null, null, null, null, null, null, null, null, null, null));
        model.addAttribute("areas", units.areas());
        model.addAttribute("staff", true);
        model.addAttribute("channel", "HOTLINE");
        return "complaint/public-form";
    }

    /** Operator entry for the hotline and the walk-in window: the case stays with the operator's unit. */
    @PostMapping("/new")
    @PreAuthorize("hasAuthority('complaint:case:create')")
    String create(@ModelAttribute("form") org.qualitycity.complaint.internal.Dtos.Submission form,
                  @RequestParam(defaultValue = "HOTLINE") String channel, Model model,
                  jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        model.addAttribute("areas", units.areas());
        model.addAttribute("staff", true);
        model.addAttribute("channel", channel);
        try {
            if (!channel.equals("HOTLINE") && !channel.equals("WALKIN")) {
                throw new ValidationException("channel", Texts.msg("complaint.error.hotline-or-walkin"));
            }
            var r = service.submit(validation.check(form), channel, request.getRemoteAddr(), Security.currentUser());
            return "redirect:/complaints?q=" + r.trackingCode();
        } catch (ValidationException e) {
            response.setStatus(400);
            org.qualitycity.platform.web.FormErrors.put(model, org.qualitycity.platform.web.FormErrors.of(e));
            return "complaint/public-form";
        }
    }

    @GetMapping("/stats")
    @PreAuthorize("hasAuthority('complaint:case:view')")
    String stats(@RequestParam(required = false) Integer year, Model model) {
        YearMonth last = YearMonth.from(service.todayPublic()).minusMonths(1);
        int y = year == null ? last.getYear() : year;
        // statistics are kept for the years of the working-day calendar (a case's clock needs its year)
        int first = calendar.loadedYears().stream().min(Integer::compare).orElse(last.getYear());
        if (y < first || y > last.getYear()) {
            throw new ValidationException("year", Texts.msg("error.range", String.valueOf(first), String.valueOf(last.getYear())));
        }
        YearMonth to = y == last.getYear() ? last : YearMonth.of(y, 12);
        model.addAttribute("year", y);
        ComplaintStats.Stats s = stats.stats(YearMonth.of(y, 1), to, Security.currentUser());
        model.addAttribute("s", s);
        // districts by name in the screen's language, never by code
        java.util.Locale locale = org.qualitycity.platform.Texts.locale();
        Map<String, String> names = new LinkedHashMap<>();
        for (org.qualitycity.platform.Unit a : units.areas()) {
            names.put(a.code(), a.name(locale));
        }
        model.addAttribute("districtNames", names);
        model.addAttribute("mapUrl", mapUrl);
        model.addAttribute("chartData", chartData(s, units.areas(), locale));
        return "complaint/stats";
    }

    /** The charts' data for complaint-stats.js (embedded as JSON; the tables beside the charts are their text). */
    private static Map<String, Object> chartData(ComplaintStats.Stats s, List<org.qualitycity.platform.Unit> areas,
                                                 java.util.Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("months", s.byMonth().stream().map(ComplaintStats.Count::key).toList());
        data.put("monthly", s.byMonth().stream().map(ComplaintStats.Count::count).toList());
        List<Map<String, Object>> districts = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        s.byDistrict().forEach(c -> counts.put(c.key(), c.count()));
        // the map's features carry the districts' Chinese names: each is named in the screen's language; no codes
        // here (a district outside the reader's scope shows its name and no value)
        for (org.qualitycity.platform.Unit a : areas) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", a.nameZh());
            m.put("name", a.name(locale));
            m.put("value", counts.get(a.code()));
            districts.add(m);
        }
        data.put("districts", districts);
        data.put("categories", growth(s.emergingSubcategories()));
        data.put("respondents", growth(s.emergingRespondents()));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String k : List.of("cases", "current", "previous")) {
            labels.put(k, org.qualitycity.platform.Texts.msg("complaint.stats.chart." + k));
        }
        data.put("labels", labels);
        return data;
    }

    private static List<Map<String, Object>> growth(List<ComplaintStats.Growth> list) {
        return list.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.key());
            m.put("count", g.count());
            m.put("previous", g.previous());
            return m;
        }).toList();
    }
}
