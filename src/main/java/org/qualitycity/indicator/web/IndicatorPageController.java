package org.qualitycity.indicator.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.indicator.Period;
import org.qualitycity.indicator.internal.AnalyticsService;
import org.qualitycity.indicator.internal.DrillDownService;
import org.qualitycity.indicator.internal.IndicatorCatalog;
import org.qualitycity.indicator.internal.ValueService;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Controller
@RequestMapping("/indicators")
@Validated
class IndicatorPageController {

    private final AnalyticsService analytics;
    private final ValueService values;
    private final DrillDownService drillDown;
    private final IndicatorCatalog catalog;
    private final Units units;
    private final Clock clock;

    IndicatorPageController(AnalyticsService analytics, ValueService values, DrillDownService drillDown,
                            IndicatorCatalog catalog, Units units, Clock clock) {
        this.analytics = analytics;
        this.values = values;
        this.drillDown = drillDown;
        this.catalog = catalog;
        this.units = units;
        this.clock = clock;
    }

    private Map<String, IndicatorDefinition> indicatorMap() {
        Map<String, IndicatorDefinition> map = new LinkedHashMap<>();
        catalog.indicators().forEach(d -> map.put(d.code(), d));
        return map;
    }

    @GetMapping("/warnings")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    String warnings(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                    @RequestParam(required = false) @Pattern(regexp = "|PRODUCT|ENGINEERING|SERVICE|ECOLOGY|GOVERNMENT") String area,
                    @RequestParam(required = false) @Size(max = 32) String unitCode,
                    @RequestParam(required = false) @Pattern(regexp = "|NOT_MET|AT_RISK") String status,
                    @RequestParam(defaultValue = "0") @Min(0) int page, Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        var result = analytics.warnings(y, blank(area), blank(unitCode), blank(status), Security.currentUser().scope(),
                page, 50);
        model.addAttribute("page", new PageResult<>(result.rows(), result.page(), result.size(), result.total()));
        model.addAttribute("year", y);
        model.addAttribute("area", area);
        model.addAttribute("unitCode", unitCode);
        model.addAttribute("status", status);
        model.addAttribute("indicators", indicatorMap());
        model.addAttribute("units", units.visibleToAreas(Security.currentUser()));
        return "indicator/warnings";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @GetMapping("/value/{code}/{unitCode}/{period}")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    String value(@PathVariable String code, @PathVariable String unitCode, @PathVariable String period, Model model) {
        model.addAttribute("x", drillDown.explain(code, unitCode, period, Security.currentUser()));
        return "indicator/value";
    }

    /** The data-entry form of one unit and period: every element the user may report, with stored values. */
    @GetMapping("/entry")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String entry(@RequestParam(required = false) @Size(max = 32) String unitCode,
                 @RequestParam(required = false) @Size(max = 8) String period, Model model) {
        CurrentUser me = Security.currentUser();
        List<Unit> reportable = units.visibleToAreas(me);
        String u = unitCode != null ? unitCode : reportable.isEmpty() ? me.unitCode() : reportable.get(0).code();
        Period p;
        try {
            p = period == null || period.isBlank()
                    ? Period.containing(IndicatorDefinition.PeriodType.QUARTER, LocalDate.now(clock)).previous()
                    : Period.parse(period);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", e.getMessage());
        }
        Map<String, ValueService.ValueView> stored = new LinkedHashMap<>();
        values.form(me, u, p.id()).forEach(v -> stored.put(v.element(), v));
        List<String> responsible = values.responsibleElements(me);
        boolean inScope = units.byCode(u).map(x -> units.isVisible(x.id(), me)).orElse(false);
        List<FormRow> rows = new ArrayList<>();
        for (IndicatorDefinition d : catalog.indicators()) {
            if (d.periodType() != p.type()) {
                continue;
            }
            for (var e : d.elements()) {
                if (e.source() == IndicatorDefinition.ValueSource.COMPUTED || !(inScope || responsible.contains(e.code()))) {
                    continue;
                }
                rows.add(new FormRow(d.code(), d.nameZh(), d.nameEn(), e.code(), e.nameZh(), e.nameEn(), e.unitZh(),
                        stored.get(e.code())));
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("unitCode", u);
        model.addAttribute("period", p.id());
        model.addAttribute("units", reportable);
        return "indicator/entry";
    }

    /** One line of the entry form. */
    record FormRow(String indicator, String indicatorNameZh, String indicatorNameEn, String element, String nameZh,
                   String nameEn, String unitZh, ValueService.ValueView stored) {
        public boolean editable() {
            return stored == null || stored.status().equals("DRAFT") || stored.status().equals("RETURNED");
        }
    }

    @PostMapping("/entry")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String saveEntry(@RequestParam @Size(max = 32) String unitCode, @RequestParam @Size(max = 8) String period,
                     @RequestParam Map<String, String> form, @RequestParam(defaultValue = "save") String intent,
                     RedirectAttributes flash, Model model) {
        List<ValueService.Entry> entries = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("v_") && v != null && !v.isBlank()) {
                try {
                    entries.add(new ValueService.Entry(k.substring(2), new BigDecimal(v.trim())));
                } catch (NumberFormatException e) {
                    errors.put(k.substring(2), "不是数字 / not a number: " + v);
                }
            }
        });
        if (!errors.isEmpty()) {
            FormErrors.put(model, errors);
            return entry(unitCode, period, model);
        }
        CurrentUser me = Security.currentUser();
        try {
            if (!entries.isEmpty()) {
                var saved = values.save(new ValueService.SaveValues(unitCode, period, entries), me);
                if ("submit".equals(intent)) {
                    values.act(new ValueService.WorkflowAction(ValueService.Action.SUBMIT, saved.stream()
                            .map(v -> new ValueService.Key(v.element(), unitCode, period)).toList(), null), me);
                }
            }
        } catch (ValidationException e) {
            Map<String, String> byElement = new LinkedHashMap<>();
            e.problems().forEach(pr -> {
                String f = pr.field();
                if (f.matches("values\\[\\d+].*")) {
                    int i = Integer.parseInt(f.replaceAll("values\\[(\\d+)].*", "$1"));
                    byElement.put(entries.get(Math.min(i, entries.size() - 1)).element(), pr.message());
                } else {
                    byElement.put("_form", pr.message());
                }
            });
            FormErrors.put(model, byElement);
            return entry(unitCode, period, model);
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/indicators/entry?unitCode=" + unitCode + "&period=" + period;
        }
        flash.addFlashAttribute("flash", "submit".equals(intent) ? "indicator.flash.submitted" : "flash.saved");
        return "redirect:/indicators/entry?unitCode=" + unitCode + "&period=" + period;
    }

    @GetMapping("/review")
    @PreAuthorize("hasAuthority('indicator:value:approve')")
    String review(@RequestParam(defaultValue = "0") @Min(0) int page, Model model) {
        CurrentUser me = Security.currentUser();
        model.addAttribute("items", values.search(me, null, null, null, "SUBMITTED", 100, page * 100));
        model.addAttribute("total", values.count(me, null, null, null, "SUBMITTED"));
        model.addAttribute("page", page);
        return "indicator/review";
    }

    @PostMapping("/review")
    @PreAuthorize("hasAuthority('indicator:value:approve')")
    String act(@RequestParam(required = false) List<String> keys, @RequestParam ValueService.Action action,
               @RequestParam(required = false) @Size(max = 1000) String comment, RedirectAttributes flash) {
        if (keys == null || keys.isEmpty()) {
            flash.addFlashAttribute("flashError", "请选择数据 / select values first");
            return "redirect:/indicators/review";
        }
        List<ValueService.Key> parsed = keys.stream().map(k -> k.split("\\|"))
                .filter(a -> a.length == 3).map(a -> new ValueService.Key(a[0], a[1], a[2])).toList();
        try {
            values.act(new ValueService.WorkflowAction(action, parsed, comment), Security.currentUser());
            flash.addFlashAttribute("flash", "flash.saved");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/indicators/review";
    }
}
