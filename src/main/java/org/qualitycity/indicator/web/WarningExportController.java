package org.qualitycity.indicator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.indicator.internal.AnalyticsService;
import org.qualitycity.indicator.internal.IndicatorCatalog;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The early-warning list (预警) as Excel: the rows the list shows with the same filters, every page, in scope. */
@ApiController("/api/v1")
@Tag(name = "Indicators")
@Validated
class WarningExportController {

    private final AnalyticsService analytics;
    private final IndicatorCatalog catalog;
    private final IndicatorFormat fmt;
    private final Clock clock;

    WarningExportController(AnalyticsService analytics, IndicatorCatalog catalog, IndicatorFormat fmt, Clock clock) {
        this.analytics = analytics;
        this.catalog = catalog;
        this.fmt = fmt;
        this.clock = clock;
    }

    @GetMapping("/early-warnings/export")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    @Operation(summary = "Values that miss their target or are projected to miss it as Excel (same filters as the list, "
            + "every page, in my data scope)")
    ResponseEntity<byte[]> export(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                  @RequestParam(required = false) @Pattern(regexp = "|PRODUCT|ENGINEERING|SERVICE|ECOLOGY|GOVERNMENT") String area,
                                  @RequestParam(required = false) @Size(max = 32) String unitCode,
                                  @RequestParam(required = false) @Pattern(regexp = "|NOT_MET|AT_RISK") String status,
                                  @RequestParam(required = false) @Pattern(regexp = "|YEAR|HALF|QUARTER|MONTH") String periodType) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        DataScope scope = Security.currentUser().scope();
        List<AnalyticsService.Row> rows = ListQuery.allPages(null, q -> {
            var p = analytics.warnings(y, blank(area), blank(unitCode), blank(status), blank(periodType), scope,
                    q.pageNumber(), q.pageSize());
            return new PageResult<>(p.rows(), p.page(), p.size(), p.total());
        });
        Map<String, IndicatorDefinition> defs = new HashMap<>();
        catalog.indicators().forEach(d -> defs.put(d.code(), d));
        // written here, in the request's thread: the cells are rendered in the request's language
        List<ExcelExport.Column<AnalyticsService.Row>> columns = List.of(
                new ExcelExport.Column<>("indicator.status", r -> Texts.msg("indicator.status." + r.status())),
                new ExcelExport.Column<>("indicator.indicator", AnalyticsService.Row::indicator),
                new ExcelExport.Column<>("indicator.export.name", r -> fmt.name(defs.get(r.indicator()))),
                new ExcelExport.Column<>("user.unit", AnalyticsService.Row::unitName),
                new ExcelExport.Column<>("indicator.period", AnalyticsService.Row::period),
                new ExcelExport.Column<>("indicator.value", r -> r.value() == null ? null
                        : fmt.value(defs.get(r.indicator()), r.value())),
                new ExcelExport.Column<>("indicator.target", r -> fmt.target(defs.get(r.indicator()), r.targetKind(),
                        r.target())),
                new ExcelExport.Column<>("indicator.projection", r -> r.projection() == null ? null
                        : fmt.value(defs.get(r.indicator()), r.projection())),
                new ExcelExport.Column<>("indicator.method", r -> fmt.method(r.projectionMethod())));
        return ExcelExport.bytesResponse(clock, "warnings", "warnings", columns, rows);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
