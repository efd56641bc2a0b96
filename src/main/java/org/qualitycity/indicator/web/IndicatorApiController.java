package org.qualitycity.indicator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.indicator.internal.AnalyticsService;
import org.qualitycity.indicator.internal.DrillDownService;
import org.qualitycity.indicator.internal.RecomputeEngine;
import org.qualitycity.indicator.internal.TargetService;
import org.qualitycity.indicator.internal.ValueService;
import org.qualitycity.indicator.internal.ValueWorkbook;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

@ApiController("/api/v1")
@Tag(name = "Indicators")
@Validated
class IndicatorApiController {

    private final AnalyticsService analytics;
    private final ValueService values;
    private final DrillDownService drillDown;
    private final RecomputeEngine engine;
    private final TargetService targets;
    private final java.time.Clock clock;
    private final ValueWorkbook workbook;
    private final org.qualitycity.jobs.Jobs jobs;
    private final org.qualitycity.indicator.internal.AnalyticsCache cache;
    private final tools.jackson.databind.ObjectMapper json;
    private final org.qualitycity.indicator.internal.ReportingRates reportingRates;
    private final org.qualitycity.platform.Units units;

    IndicatorApiController(org.qualitycity.indicator.internal.ReportingRates reportingRates,
                           org.qualitycity.platform.Units units, ValueWorkbook workbook, org.qualitycity.jobs.Jobs jobs,
                           org.qualitycity.indicator.internal.AnalyticsCache cache, tools.jackson.databind.ObjectMapper json, AnalyticsService analytics, ValueService values, DrillDownService drillDown,
                           RecomputeEngine engine, TargetService targets, java.time.Clock clock) {
        this.analytics = analytics;
        this.values = values;
        this.drillDown = drillDown;
        this.engine = engine;
        this.targets = targets;
        this.clock = clock;
        this.workbook = workbook;
        this.jobs = jobs;
        this.cache = cache;
        this.json = json;
        this.reportingRates = reportingRates;
        this.units = units;
    }

    @GetMapping("/analytics")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    @Operation(summary = "Indicator × period × unit values in the caller's scope",
            description = "dx=P2;W2 (indicators or groups), pe=2018;2018Q2;THIS_YEAR;LAST_4_QUARTERS, "
                    + "ou=<unit code>;LEVEL-2;CHILDREN-<city code>. JSON by default; CSV or Excel with format=csv|xlsx or the Accept header.")
    ResponseEntity<?> analytics(@RequestParam @Size(max = 2000) String dx, @RequestParam @Size(max = 2000) String pe,
                                @RequestParam @Size(max = 2000) String ou,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(ListQuery.MAX_PAGE) int page,
                                @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int size,
                                @RequestParam(required = false) @Pattern(regexp = "json|csv|xlsx") String format,
                                HttpServletRequest request) {
        var scope = Security.currentUser().scope();
        if (json(format, request)) {
            return cachedJson(false, dx, pe, ou, scope, page, size, request);
        }
        var q = analytics.parse(dx, pe, ou, scope);
        return render(q, false, page, size, format, request);
    }

    @GetMapping("/public/analytics")
    @Operation(summary = "Approved values of published indicators, without login (for the public portal)")
    ResponseEntity<?> publicAnalytics(@RequestParam @Size(max = 2000) String dx, @RequestParam @Size(max = 2000) String pe,
                                      @RequestParam @Size(max = 2000) String ou,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(ListQuery.MAX_PAGE) int page,
                                      @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int size,
                                      @RequestParam(required = false) @Pattern(regexp = "json|csv|xlsx") String format,
                                      HttpServletRequest request) {
        var everything = new DataScope(DataScope.Kind.ALL, 0, 0, "/");
        if (json(format, request)) {
            return cachedJson(true, dx, pe, ou, everything, page, size, request);
        }
        var q = analytics.parse(dx, pe, ou, everything);
        return render(q, true, page, size, format, request);
    }

    private static boolean json(String format, HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return format != null ? format.equals("json")
                : accept == null || !(accept.contains("text/csv") || accept.contains("spreadsheetml"));
    }

    /**
     * The JSON answer from the cache, keyed by the question as asked and the caller's scope (issue 13): a
     * repeated question is neither parsed nor queried; the answer goes out gzip-compressed when the client
     * accepts it, with an entity tag, and as 304 when the client already holds it. Scoped answers are private.
     */
    private ResponseEntity<?> cachedJson(boolean approvedOnly, String dx, String pe, String ou, DataScope scope,
                                         int pageNo, int size, HttpServletRequest request) {
        var key = new AskedKey(approvedOnly, dx, pe, ou, pageNo, size, scope, LocalDate.now(clock));
        var answer = cache.get(key, () -> {
            var q = analytics.parse(dx, pe, ou, scope);
            var page = analytics.query(q, approvedOnly, pageNo, size);
            return json.writeValueAsBytes(new PageResult<>(page.rows(), page.page(), page.size(), page.total()));
        });
        var headers = ResponseEntity.ok().eTag(answer.etag())
                .cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
                .varyBy(HttpHeaders.ACCEPT_ENCODING);
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.equals(answer.etag()) || ifNoneMatch.contains(answer.etag()))) {
            return ResponseEntity.status(org.springframework.http.HttpStatus.NOT_MODIFIED).eTag(answer.etag())
                    .cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
                    .varyBy(HttpHeaders.ACCEPT_ENCODING).build();
        }
        String encodings = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (encodings != null && encodings.contains("gzip")) {
            return headers.header(HttpHeaders.CONTENT_ENCODING, "gzip").contentType(MediaType.APPLICATION_JSON)
                    .body(answer.gzip());
        }
        return headers.contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    /**
     * The cache key of a JSON answer as asked (issue 13: a record, not a string built per request): the question's
     * parameters as written, the caller's scope and the day (relative periods depend on it).
     */
    private record AskedKey(boolean approvedOnly, String dx, String pe, String ou, int page, int size, DataScope scope,
                            LocalDate day) {
    }

    /** The cache key of a resolved question (indicators, periods and the units the scope allowed). */
    private record ResolvedKey(boolean approvedOnly, Object indicators, Object periods, Object unitIds, int page,
                               int size) {
    }

    static final List<ExcelExport.Column<AnalyticsService.Row>> COLUMNS = List.of(
            new ExcelExport.Column<>("indicator", AnalyticsService.Row::indicator),
            new ExcelExport.Column<>("period", AnalyticsService.Row::period),
            new ExcelExport.Column<>("unit", AnalyticsService.Row::unit),
            new ExcelExport.Column<>("unitName", AnalyticsService.Row::unitName),
            new ExcelExport.Column<>("value", AnalyticsService.Row::value),
            new ExcelExport.Column<>("numerator", AnalyticsService.Row::numerator),
            new ExcelExport.Column<>("denominator", AnalyticsService.Row::denominator),
            new ExcelExport.Column<>("targetKind", AnalyticsService.Row::targetKind),
            new ExcelExport.Column<>("target", AnalyticsService.Row::target),
            new ExcelExport.Column<>("status", AnalyticsService.Row::status),
            new ExcelExport.Column<>("projection", AnalyticsService.Row::projection),
            new ExcelExport.Column<>("approved", AnalyticsService.Row::approved));

    /**
     * JSON answers are served from the {@link AnalyticsCache} (the key is the resolved query: indicators,
     * periods and the units the caller's scope allowed — so two callers share an entry only when they may
     * see the same rows); CSV and Excel are built each time.
     */
    private ResponseEntity<?> render(AnalyticsService.Query q, boolean approvedOnly, int pageNo, int size,
                                     String format, HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        String f = format != null ? format
                : accept != null && accept.contains("text/csv") ? "csv"
                : accept != null && accept.contains("spreadsheetml") ? "xlsx" : "json";
        if (f.equals("json")) {
            var key = new ResolvedKey(approvedOnly, q.indicators(), q.periods(), q.unitIds(), pageNo, size);
            byte[] body = cache.get(key, () -> {
                var page = analytics.query(q, approvedOnly, pageNo, size);
                return json.writeValueAsBytes(new PageResult<>(page.rows(), page.page(), page.size(), page.total()));
            }).json();
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        AnalyticsService.Page page = analytics.query(q, approvedOnly, pageNo, size);
        return switch (f) {
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=analytics.csv").body(csv(page.rows()));
            case "xlsx" -> ExcelExport.bytesResponse(clock, "analytics", "analytics", COLUMNS, page.rows());
            default -> throw new IllegalStateException("json is served above");
        };
    }

    static String csv(List<AnalyticsService.Row> rows) {
        StringBuilder sb = new StringBuilder("indicator,period,unit,value,numerator,denominator,targetKind,target,status\n");
        for (var r : rows) {
            sb.append(r.indicator()).append(',').append(r.period()).append(',').append(r.unit()).append(',')
                    .append(n(r.value())).append(',').append(n(r.numerator())).append(',').append(n(r.denominator()))
                    .append(',').append(r.targetKind() == null ? "" : r.targetKind()).append(',').append(n(r.target()))
                    .append(',').append(r.status()).append('\n');
        }
        return sb.toString();
    }

    private static String n(java.math.BigDecimal b) {
        return b == null ? "" : b.toPlainString();
    }

    @GetMapping("/indicators/{code}/units/{unitCode}/periods/{period}")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    @Operation(summary = "Drill down: the result, the element values behind it, record links and history")
    DrillDownService.Explanation explain(@PathVariable String code, @PathVariable String unitCode,
                                         @PathVariable String period) {
        return drillDown.explain(code, unitCode, period, Security.currentUser());
    }

    @GetMapping("/early-warnings")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    @Operation(summary = "Values that miss their target or are projected to miss it (area, unitCode, status, year)")
    PageResult<AnalyticsService.Row> warnings(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                              @RequestParam(required = false) @Pattern(regexp = "PRODUCT|ENGINEERING|SERVICE|ECOLOGY|GOVERNMENT") String area,
                                              @RequestParam(required = false) @Size(max = 32) String unitCode,
                                              @RequestParam(required = false) @Pattern(regexp = "NOT_MET|AT_RISK") String status,
                                              @RequestParam(required = false) @Pattern(regexp = "YEAR|HALF|QUARTER|MONTH") String periodType,
                                              @RequestParam(defaultValue = "0") @Min(0) @Max(ListQuery.MAX_PAGE) int page,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        var p = analytics.warnings(y, area, unitCode, status, periodType, Security.currentUser().scope(), page, size);
        return new PageResult<>(p.rows(), p.page(), p.size(), p.total());
    }

    @GetMapping("/indicators/reporting")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    @Operation(summary = "Reporting completeness and timeliness per responsible unit in a year (the caller's own "
            + "unit and below, or all with the ALL scope)")
    List<org.qualitycity.indicator.IndicatorResults.ReportingRate> reporting(@RequestParam @Min(2000) @Max(2100) int year) {
        var me = Security.currentUser();
        return reportingRates.rates(year).stream().filter(r -> units.byCode(r.unitCode())
                .map(u -> units.isVisible(u.id(), me)).orElse(false)).toList();
    }

    @GetMapping("/indicator-values")
    @PreAuthorize("hasAuthority('indicator:value:view')")
    @Operation(summary = "Data element values in the caller's scope (element, unitCode, period, status)")
    PageResult<ValueService.ValueView> values(@RequestParam(required = false) @Size(max = 64) String element,
                                             @RequestParam(required = false) @Size(max = 32) String unitCode,
                                             @RequestParam(required = false) @Size(max = 8) String period,
                                             @RequestParam(required = false) @Pattern(regexp = "DRAFT|SUBMITTED|RETURNED|APPROVED") String status,
                                             @RequestParam(defaultValue = "0") @Min(0) @Max(ListQuery.MAX_PAGE) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        var me = Security.currentUser();
        return new PageResult<>(values.search(me, element, unitCode, period, status, size, Math.multiplyExact(page, size)), page, size,
                values.count(me, element, unitCode, period, status));
    }

    @PutMapping("/indicator-values")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    @Operation(summary = "Save draft values of one unit and period (all or nothing)")
    List<ValueService.ValueView> save(@Valid @RequestBody ValueService.SaveValues req) {
        return values.save(req, Security.currentUser());
    }

    @PostMapping("/indicator-values/actions")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Workflow step: SUBMIT, APPROVE, RETURN (comment required) or REOPEN (reason required)")
    List<ValueService.ValueView> act(@Valid @RequestBody ValueService.WorkflowAction req) {
        return values.act(req, Security.currentUser());
    }

    @GetMapping("/indicator-values/template")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    @Operation(summary = "Excel template of every reportable element for a period (and one unit, or every unit you report for)")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> template(
            @RequestParam @Size(max = 8) String period, @RequestParam(required = false) @Size(max = 32) String unitCode) {
        var me = Security.currentUser();
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        workbook.writeTemplate(me, period, unitCode, buffer); // validates before anything is streamed
        return ResponseEntity.ok().contentType(ExcelExport.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=indicator-values-" + period + ".xlsx")
                .body(out -> buffer.writeTo(out));
    }

    @PostMapping(path = "/indicator-values/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    @Operation(summary = "Upload a filled template: all or nothing, with every bad row and column reported")
    ValueWorkbook.ImportResult upload(@RequestParam("file") org.springframework.web.multipart.MultipartFile file)
            throws java.io.IOException {
        if (file.isEmpty()) {
            throw new org.qualitycity.platform.ValidationException("file", org.qualitycity.platform.Texts.msg("indicator.upload.error.empty"));
        }
        return workbook.upload(Security.currentUser(), file.getInputStream());
    }

    @PostMapping("/indicators/recompute")
    @PreAuthorize("hasAuthority('indicator:result:recompute')")
    @Operation(summary = "Recompute indicator results as a background job (one year, or every year without 'year'); "
            + "follow its progress at the returned job")
    ResponseEntity<java.util.Map<String, Object>> recompute(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        long id = jobs.submit("indicator-recompute", year == null ? java.util.Map.of() : java.util.Map.of("year", year),
                Security.currentUser());
        return ResponseEntity.accepted().header(HttpHeaders.LOCATION, "/api/v1/jobs/" + id)
                .body(java.util.Map.of("jobId", id, "status", "/api/v1/jobs/" + id, "page", "/jobs/" + id));
    }

    @PutMapping("/indicators/{code}/targets")
    @PreAuthorize("hasAuthority('indicator:target:edit')")
    @Operation(summary = "Set a target for one unit and/or year that differs from the plan's")
    ResponseEntity<Void> setTarget(@PathVariable String code, @Valid @RequestBody TargetService.SetTarget req) {
        targets.set(code, req);
        return ResponseEntity.noContent().build();
    }
}
