package org.qualitycity.indicator.web;

import jakarta.validation.constraints.Max;
import org.qualitycity.platform.Texts;
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
import org.qualitycity.platform.ListQuery;
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
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;

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

    /** The city's district map (GeoJSON, {@code qc.city.map}). */
    private final String mapUrl;

    IndicatorPageController(AnalyticsService analytics, ValueService values, DrillDownService drillDown,
                            IndicatorCatalog catalog, Units units, Clock clock,
                            @org.springframework.beans.factory.annotation.Value("${qc.city.map}") String mapUrl) {
        this.mapUrl = mapUrl;
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

    /** A cell of the dashboard matrix. */
    record Cell(String unitCode, AnalyticsService.Row row) {
    }

    /**
     * The dashboard: indicator × area matrix with traffic lights for a period, a district map coloured by
     * one indicator, and that indicator's trend with its target line.
     */
    @GetMapping("/dashboard")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    String dashboard(@RequestParam(required = false) @Size(max = 8) String period,
                     @RequestParam(required = false) @Size(max = 32) String indicator,
                     @RequestParam(required = false) @Pattern(regexp = "|PRODUCT|ENGINEERING|SERVICE|ECOLOGY|GOVERNMENT") String area,
                     Model model) throws Exception {
        CurrentUser me = Security.currentUser();
        List<Unit> columns = units.visibleToAreas(me);
        Period p;
        try {
            // by default the latest year with data: a quarter would hide the annual indicators
            p = period == null || period.isBlank()
                    ? Period.year(analytics.latestYearWithData(columns.stream().map(Unit::id).toList())
                            .orElse(LocalDate.now(clock).getYear()))
                    : Period.parse(period);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", Texts.msg("error.period"));
        }
        List<IndicatorDefinition> defs = catalog.indicators().stream()
                .filter(d -> blank(area) == null || d.area().equals(area))
                .filter(d -> p.isCoarserOrEqual(d.periodType())).toList();
        var q = new AnalyticsService.Query(defs.stream().map(IndicatorDefinition::code).toList(), List.of(p.id()),
                columns.stream().map(Unit::id).toList());
        Map<String, Map<String, AnalyticsService.Row>> matrix = new LinkedHashMap<>();
        for (var r : analytics.query(q, false, 0, 10_000).rows()) {
            matrix.computeIfAbsent(r.indicator(), k -> new LinkedHashMap<>()).put(r.unit(), r);
        }
        String selected = indicator != null && catalog.indicator(indicator).isPresent() ? indicator
                : defs.stream().map(IndicatorDefinition::code).filter(matrix::containsKey).findFirst().orElse(null);
        model.addAttribute("period", p.id());
        model.addAttribute("mapUrl", mapUrl);
        model.addAttribute("previous", p.previous().id());
        model.addAttribute("next", nextPeriod(p).id());
        model.addAttribute("area", area);
        model.addAttribute("columns", columns);
        model.addAttribute("defs", defs);
        model.addAttribute("matrix", matrix);
        model.addAttribute("selected", selected);
        model.addAttribute("indicators", indicatorMap());
        model.addAttribute("chartData", selected == null ? Map.of() : chartData(selected, p, columns, matrix));
        return "indicator/dashboard";
    }

    private static Period nextPeriod(Period p) {
        int per = 12 / p.months();
        return p.index() < per ? new Period(p.type(), p.year(), p.index() + 1) : new Period(p.type(), p.year() + 1, 1);
    }

    /** Map and trend data for the selected indicator, embedded as JSON for dashboard.js. */
    private Map<String, Object> chartData(String code, Period p, List<Unit> columns,
                             Map<String, Map<String, AnalyticsService.Row>> matrix) throws Exception {
        IndicatorDefinition d = catalog.indicator(code).orElseThrow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("indicator", code);
        Locale locale = LocaleContextHolder.getLocale();
        data.put("name", "en".equals(locale.getLanguage()) ? d.nameEn() : d.nameZh());
        data.put("percent", "PERCENT".equals(d.unit()));
        data.put("target", d.target() == null ? null : d.target().value());
        // the target line's label in the screen's language
        data.put("targetLabel", Texts.msg("indicator.dashboard.targetLine"));
        // the map says each district's status by symbol and word too, not by colour alone
        Map<String, String> statusWords = new LinkedHashMap<>();
        for (String st : List.of("MET", "ON_TRACK", "AT_RISK", "NOT_MET", "NO_DATA", "PENDING_ASSESSMENT")) {
            statusWords.put(st, Texts.msg("indicator.status.symbol." + st) + " " + Texts.msg("indicator.status." + st));
        }
        data.put("statusWords", statusWords);
        List<Map<String, Object>> map = new ArrayList<>();
        for (Unit u : columns) {
            var r = matrix.getOrDefault(code, Map.of()).get(u.code());
            if (u.isArea()) {
                Map<String, Object> m = new LinkedHashMap<>();
                // the map's regions are named in Chinese (GeoJSON); the label shows the screen's language
                m.put("name", u.name(locale));
                m.put("geoName", u.nameZh());
                m.put("code", u.code());
                m.put("value", r == null || r.value() == null ? null : r.value());
                m.put("status", r == null ? "NO_DATA" : r.status());
                map.add(m);
            }
        }
        data.put("map", map);
        // trend: the last 8 periods of the dashboard's period type (at least the indicator's own type)
        Period t = p.isCoarserOrEqual(d.periodType()) ? p : p;
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            periods.add(0, t);
            t = t.previous();
        }
        var q = new AnalyticsService.Query(List.of(code), periods.stream().map(Period::id).toList(),
                columns.stream().map(Unit::id).toList());
        Map<String, String> unitNames = new LinkedHashMap<>();
        columns.forEach(u -> unitNames.put(u.code(), u.name(locale)));
        Map<String, Map<String, BigDecimal>> series = new LinkedHashMap<>();
        for (var r : analytics.query(q, false, 0, 10_000).rows()) {
            series.computeIfAbsent(unitNames.getOrDefault(r.unit(), r.unitName()), k -> new LinkedHashMap<>())
                    .put(r.period(), r.value());
        }
        data.put("periods", periods.stream().map(Period::id).toList());
        List<Map<String, Object>> lines = new ArrayList<>();
        series.forEach((unit, values) -> lines.add(Map.of("name", unit,
                "data", periods.stream().map(x -> values.get(x.id())).toList())));
        data.put("series", lines);
        return data;
    }

    @GetMapping("/warnings")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    String warnings(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                    @RequestParam(required = false) @Pattern(regexp = "|PRODUCT|ENGINEERING|SERVICE|ECOLOGY|GOVERNMENT") String area,
                    @RequestParam(required = false) @Size(max = 32) String unitCode,
                    @RequestParam(required = false) @Pattern(regexp = "|NOT_MET|AT_RISK") String status,
                    @RequestParam(defaultValue = "false") boolean all,
                    @RequestParam(defaultValue = "0") @Min(0) @Max(ListQuery.MAX_PAGE) int page,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(ListQuery.MAX_SIZE) int size, Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        var result = analytics.warnings(y, blank(area), blank(unitCode), blank(status), all ? null : "YEAR",
                Security.currentUser().scope(), page, size);
        model.addAttribute("all", all);
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
}
