package org.qualitycity.indicator.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.indicator.Period;
import org.qualitycity.indicator.internal.IndicatorCatalog;
import org.qualitycity.indicator.internal.ValueReview;
import org.qualitycity.indicator.internal.ValueService;
import org.qualitycity.indicator.internal.ValueUploads;
import org.qualitycity.indicator.internal.ValueWorkbook;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pages of data entry and its approval: the entry form of one unit and period, the Excel upload page
 * (choose file → preview with every bad row and column → confirm, all or nothing) and the review list of the
 * city quality office (filters, rate, previous period, outliers, approve or return per row and in bulk, export).
 */
@Controller
@RequestMapping("/indicators")
@Validated
class DataEntryPageController {

    private static final String PART = "|Y|S[12]|Q[1-4]|0[1-9]|1[0-2]";

    private final ValueService values;
    private final ValueUploads uploads;
    private final ValueReview review;
    private final IndicatorCatalog catalog;
    private final Units units;
    private final Clock clock;

    DataEntryPageController(ValueService values, ValueUploads uploads, ValueReview review, IndicatorCatalog catalog,
                            Units units, Clock clock) {
        this.values = values;
        this.uploads = uploads;
        this.review = review;
        this.catalog = catalog;
        this.units = units;
        this.clock = clock;
    }

    private Period defaultPeriod() {
        return Period.containing(IndicatorDefinition.PeriodType.QUARTER, LocalDate.now(clock)).previous();
    }

    private Set<IndicatorDefinition.PeriodType> frequencies() {
        Set<IndicatorDefinition.PeriodType> types = EnumSet.noneOf(IndicatorDefinition.PeriodType.class);
        catalog.indicators().forEach(d -> types.add(d.periodType()));
        return types;
    }

    private PeriodPicker picker(Period p, boolean any) {
        return PeriodPicker.of(LocalDate.now(clock).getYear(), p == null ? null : p.year(),
                p == null ? null : PeriodPicker.partOf(p), frequencies(), any);
    }

    // ------------------------------------------------------------------ entry form

    /** The data-entry form of one unit and period: every element the user may report, with stored values. */
    @GetMapping("/entry")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String entry(@RequestParam(required = false) @Size(max = 32) String unitCode,
                 @RequestParam(required = false) @Size(max = 8) String period,
                 @RequestParam(required = false) @Min(1900) @Max(2999) Integer year,
                 @RequestParam(required = false) @Pattern(regexp = PART) String part, Model model) {
        Period p = PeriodPicker.resolve(period, year, part);
        return form(unitCode, p == null ? defaultPeriod() : p, model);
    }

    private String form(String unitCode, Period p, Model model) {
        CurrentUser me = Security.currentUser();
        List<Unit> reportable = units.visibleToAreas(me);
        String u = unitCode != null ? unitCode : reportable.isEmpty() ? me.unitCode() : reportable.get(0).code();
        Map<String, ValueService.ValueView> stored = new LinkedHashMap<>();
        values.form(me, u, p.id()).forEach(v -> stored.put(v.element(), v));
        List<String> responsible = values.responsibleElements(me);
        boolean inScope = units.byCode(u).map(x -> units.isVisible(x.id(), me)).orElse(false);
        List<FormRow> rows = new ArrayList<>();
        for (IndicatorDefinition d : catalog.indicators()) {
            if (d.periodType() != p.type()) {
                continue;
            }
            boolean countedRate = d.isRatio() && d.factor() != null && d.factor().compareTo(BigDecimal.valueOf(100)) == 0;
            for (var e : d.elements()) {
                if (e.source() == IndicatorDefinition.ValueSource.COMPUTED || !(inScope || responsible.contains(e.code()))) {
                    continue;
                }
                DataElement den = countedRate && e.equals(d.numerator()) ? d.denominator() : null;
                BigDecimal max = !d.isRatio() && e.equals(d.value()) && "PERCENT".equals(d.unit()) ? BigDecimal.valueOf(100)
                        : !d.isRatio() && e.equals(d.value()) && "RATING".equals(d.unit()) ? BigDecimal.valueOf(4) : null;
                rows.add(new FormRow(d.code(), d.nameZh(), d.nameEn(), e.code(), e.nameZh(), e.nameEn(), e.unitZh(),
                        stored.get(e.code()), d.target() != null && d.target().evidenceRequired() && e.equals(d.value()),
                        den == null ? null : den.code(), den == null ? null : den.nameZh(),
                        den == null ? null : den.nameEn(), max));
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("unitCode", u);
        model.addAttribute("period", p.id());
        model.addAttribute("picker", picker(p, false));
        model.addAttribute("units", reportable);
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
            model.addAttribute("typedEvidence", Map.of());
        }
        return "indicator/entry";
    }

    /**
     * One line of the entry form.
     *
     * @param denominator for the numerator of a counted rate, the denominator's element (the browser checks
     *                    numerator ≤ denominator before posting; the server checks again)
     * @param max         the largest value the element takes (a percentage, a rating), or null
     */
    record FormRow(String indicator, String indicatorNameZh, String indicatorNameEn, String element, String nameZh,
                   String nameEn, String unitZh, ValueService.ValueView stored, boolean evidenceRequired,
                   String denominator, String denominatorNameZh, String denominatorNameEn, BigDecimal max) {
        public boolean editable() {
            return stored == null || stored.status().equals("DRAFT") || stored.status().equals("RETURNED");
        }
    }

    @PostMapping("/entry")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String saveEntry(@RequestParam @Size(max = 32) String unitCode, @RequestParam @Size(max = 8) String period,
                     @RequestParam Map<String, String> form, @RequestParam(defaultValue = "save") String intent,
                     RedirectAttributes flash, Model model) {
        Period p = PeriodPicker.resolve(period, null, null);
        List<ValueService.Entry> entries = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> typedEvidence = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("e_") && v != null) {
                typedEvidence.put(k.substring(2), v);
            }
            if (k.startsWith("v_") && v != null) {
                typed.put(k.substring(2), v);
            }
            if (k.startsWith("v_") && v != null && !v.isBlank()) {
                String element = k.substring(2);
                try {
                    String evidence = form.get("e_" + element);
                    entries.add(new ValueService.Entry(element, new BigDecimal(v.trim()), null,
                            evidence == null || evidence.isBlank() ? null : evidence));
                } catch (NumberFormatException e) {
                    errors.put(element, Texts.msg("indicator.error.not-a-number-of", elementName(element), v));
                }
            }
        });
        model.addAttribute("typed", typed);
        model.addAttribute("typedEvidence", typedEvidence);
        if (!errors.isEmpty()) {
            FormErrors.put(model, errors);
            return form(unitCode, p, model);
        }
        CurrentUser me = Security.currentUser();
        try {
            if (!entries.isEmpty()) {
                var request = new ValueService.SaveValues(unitCode, p.id(), entries);
                if ("submit".equals(intent)) {
                    values.saveAndSubmit(request, me); // one transaction: a refused submit saves nothing
                } else {
                    values.save(request, me);
                }
            }
        } catch (ValidationException e) {
            Map<String, String> byElement = new LinkedHashMap<>();
            e.problems().forEach(pr -> {
                String f = pr.field();
                if (f.matches("values\\[\\d+].*")) {
                    int i = Integer.parseInt(f.replaceAll("values\\[(\\d+)].*", "$1"));
                    byElement.putIfAbsent(entries.get(Math.min(i, entries.size() - 1)).element(), pr.message());
                } else if (f.matches("keys\\[\\d+].*")) {
                    // a submit refused for one value (evidence missing): nothing is saved, the typed values stay
                    int i = Integer.parseInt(f.replaceAll("keys\\[(\\d+)].*", "$1"));
                    byElement.putIfAbsent(entries.get(Math.min(i, entries.size() - 1)).element(), pr.message());
                } else {
                    byElement.putIfAbsent("_form", pr.message());
                }
            });
            FormErrors.put(model, byElement);
            return form(unitCode, p, model);
        } catch (ConflictException e) {
            model.addAttribute("flashError", e.getMessage());
            return form(unitCode, p, model);
        }
        flash.addFlashAttribute("flash", "submit".equals(intent) ? "indicator.flash.submitted" : "flash.saved");
        return "redirect:" + UriComponentsBuilder.fromPath("/indicators/entry").queryParam("unitCode", unitCode)
                .queryParam("period", p.id()).build().encode().toUriString();
    }

    private String elementName(String code) {
        return catalog.element(code).map(e -> new org.qualitycity.platform.Text.Names(e.nameZh(), e.nameEn())
                .in(Texts.locale())).orElse(code);
    }

    // ------------------------------------------------------------------ upload

    /** The upload page: the template of a unit and period, and the file to upload. */
    @GetMapping("/upload")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String upload(@RequestParam(required = false) @Size(max = 32) String unitCode,
                  @RequestParam(required = false) @Size(max = 8) String period,
                  @RequestParam(required = false) @Min(1900) @Max(2999) Integer year,
                  @RequestParam(required = false) @Pattern(regexp = PART) String part, Model model) {
        CurrentUser me = Security.currentUser();
        Period p = PeriodPicker.resolve(period, year, part);
        p = p == null ? defaultPeriod() : p;
        List<Unit> reportable = units.visibleToAreas(me);
        String u = unitCode != null ? unitCode : reportable.isEmpty() ? me.unitCode() : reportable.get(0).code();
        values.reportableUnit(me, u); // 404 for a unit the user does not report for
        model.addAttribute("unitCode", u);
        model.addAttribute("period", p.id());
        model.addAttribute("picker", picker(p, false));
        model.addAttribute("units", reportable);
        return "indicator/upload";
    }

    /** Step 1: the chosen file is staged for this user (nothing is stored as a value) and previewed. */
    @PostMapping("/upload")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String stage(@RequestParam(value = "file", required = false) MultipartFile file, RedirectAttributes flash)
            throws IOException {
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("flashError", Texts.msg("indicator.upload.error.empty"));
            return "redirect:/indicators/upload";
        }
        UUID id = uploads.stage(Security.currentUser(), file.getOriginalFilename(), file.getBytes());
        return "redirect:/indicators/upload/" + id;
    }

    /** Step 2: the preview of a staged file — its rows, and every problem by row and column. */
    @GetMapping("/upload/{id}")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String preview(@PathVariable UUID id, Model model) {
        var staged = uploads.preview(Security.currentUser(), id);
        model.addAttribute("staged", staged);
        model.addAttribute("preview", staged.preview());
        return "indicator/upload-preview";
    }

    /** Step 3: stores every value of the staged file, all or nothing. */
    @PostMapping("/upload/{id}/confirm")
    @PreAuthorize("hasAuthority('indicator:value:enter')")
    String confirm(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            ValueWorkbook.ImportResult result = uploads.confirm(Security.currentUser(), id);
            flash.addFlashAttribute("flash", "indicator.upload.done");
            flash.addFlashAttribute("uploadedSaved", result.saved()); // flash attributes live in the session: plain values
            flash.addFlashAttribute("uploadedRows", result.rows());
            return "redirect:/indicators/upload";
        } catch (ValidationException | ConflictException e) {
            // changed since the preview (another user submitted a value): the preview shows why
            flash.addFlashAttribute("flashError", Texts.msg("indicator.upload.error.changed"));
            return "redirect:/indicators/upload/" + id;
        }
    }

    // ------------------------------------------------------------------ review

    /** The review list's filters as posted back and kept in links. */
    record ReviewParams(@Size(max = 32) String unitCode, @Size(max = 8) String period,
                        @Min(1900) @Max(2999) Integer year, @Pattern(regexp = PART) String part,
                        @Size(max = 32) String indicator,
                        @Pattern(regexp = "|ALL|DRAFT|SUBMITTED|RETURNED|APPROVED") String status) {

        ValueReview.Filter filter() {
            Period p = PeriodPicker.resolve(period, year, part);
            String s = status == null || status.isBlank() ? "SUBMITTED" : "ALL".equals(status) ? null : status;
            return new ValueReview.Filter(unitCode, p == null ? null : p.id(),
                    p == null && year != null ? String.valueOf(year) : null, indicator, s);
        }

        String query() {
            var b = UriComponentsBuilder.newInstance();
            add(b, "unitCode", unitCode);
            add(b, "period", period);
            add(b, "year", year);
            add(b, "part", part);
            add(b, "indicator", indicator);
            add(b, "status", status);
            return b.build().encode().toUriString();
        }

        private static void add(UriComponentsBuilder b, String name, Object value) {
            if (value != null && !String.valueOf(value).isBlank()) {
                b.queryParam(name, value);
            }
        }
    }

    @GetMapping("/review")
    @PreAuthorize("hasAuthority('indicator:value:approve')")
    String review(@Valid @ModelAttribute("filter") ReviewParams params, @Valid @ModelAttribute ListQuery q, Model model) {
        CurrentUser me = Security.currentUser();
        var filter = params.filter();
        Period p = filter.period() == null ? null : Period.parse(filter.period());
        model.addAttribute("page", review.page(me, filter, q));
        model.addAttribute("units", units.visibleToAreas(me));
        model.addAttribute("indicators", catalog.indicators().stream()
                .filter(d -> d.elements().stream().anyMatch(e -> e.source() != IndicatorDefinition.ValueSource.COMPUTED))
                .toList());
        PeriodPicker picker = picker(p, true);
        if (p == null && params.year() != null) {
            picker = new PeriodPicker(picker.years(), params.year(), "", picker.groups(), true);
        }
        model.addAttribute("picker", picker);
        model.addAttribute("status", params.status() == null || params.status().isBlank() ? "SUBMITTED" : params.status());
        model.addAttribute("query", params.query());
        model.addAttribute("changeFactor", review.changeFactor().stripTrailingZeros().toPlainString());
        return "indicator/review";
    }

    /**
     * Approve or return: the checked rows ({@code keys}, one action for all) or one row ({@code row} =
     * {@code ACTION|element|unit|period}); one transaction per action; a return needs its reason.
     */
    @PostMapping("/review")
    @PreAuthorize("hasAuthority('indicator:value:approve')")
    String act(@RequestParam(required = false) @Size(max = 500) List<@Size(max = 120) String> keys,
               @RequestParam(required = false) ValueService.Action action,
               @RequestParam(required = false) @Size(max = 200) String row,
               @RequestParam(required = false) @Size(max = 1000) String comment,
               @Valid @ModelAttribute("filter") ReviewParams params, RedirectAttributes flash) {
        String back = "redirect:/indicators/review" + params.query();
        List<String> selected = keys == null ? List.of() : keys;
        ValueService.Action chosen = action;
        if (row != null && !row.isBlank()) {
            String[] a = row.split("\\|", 2);
            try {
                chosen = ValueService.Action.valueOf(a[0]);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("row", Texts.msg("indicator.error.select-values-first"));
            }
            selected = a.length == 2 ? List.of(a[1]) : List.of();
        }
        if (selected.isEmpty() || chosen == null) {
            flash.addFlashAttribute("flashError", Texts.msg("indicator.error.select-values-first"));
            return back;
        }
        if (chosen != ValueService.Action.APPROVE && chosen != ValueService.Action.RETURN) {
            throw new ValidationException("action", Texts.msg("indicator.error.review-action"));
        }
        List<ValueService.Key> parsed = selected.stream().map(k -> k.split("\\|"))
                .filter(a -> a.length == 3).map(a -> new ValueService.Key(a[0], a[1], a[2])).toList();
        if (parsed.isEmpty()) {
            flash.addFlashAttribute("flashError", Texts.msg("indicator.error.select-values-first"));
            return back;
        }
        try {
            values.act(new ValueService.WorkflowAction(chosen, parsed, comment), Security.currentUser());
            flash.addFlashAttribute("flash", chosen == ValueService.Action.APPROVE ? "indicator.review.approved"
                    : "indicator.review.returned");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return back;
    }

    /** A row of the review export, its texts rendered in the request's language. */
    record ExportRow(String unit, String period, String indicator, String element, BigDecimal value, BigDecimal rate,
                     String previousPeriod, BigDecimal previous, String outliers, String status, String flag) {
    }

    static final List<ExcelExport.Column<ExportRow>> REVIEW_COLUMNS = List.of(
            new ExcelExport.Column<>("indicator.review.export.unit", ExportRow::unit),
            new ExcelExport.Column<>("indicator.review.export.period", ExportRow::period),
            new ExcelExport.Column<>("indicator.review.export.indicator", ExportRow::indicator),
            new ExcelExport.Column<>("indicator.review.export.element", ExportRow::element),
            new ExcelExport.Column<>("indicator.review.export.value", ExportRow::value),
            new ExcelExport.Column<>("indicator.review.export.rate", ExportRow::rate),
            new ExcelExport.Column<>("indicator.review.export.previous-period", ExportRow::previousPeriod),
            new ExcelExport.Column<>("indicator.review.export.previous", ExportRow::previous),
            new ExcelExport.Column<>("indicator.review.export.outliers", ExportRow::outliers),
            new ExcelExport.Column<>("indicator.review.export.status", ExportRow::status),
            new ExcelExport.Column<>("indicator.review.export.flag", ExportRow::flag));

    /** The filtered review list as .xlsx (every row of the filter, in the user's scope). */
    @GetMapping("/review/export")
    @PreAuthorize("hasAuthority('indicator:value:approve')")
    ResponseEntity<StreamingResponseBody> exportReview(@Valid @ModelAttribute ReviewParams params) {
        var locale = Texts.locale();
        List<ExportRow> rows = review.all(Security.currentUser(), params.filter()).stream().map(r -> new ExportRow(
                r.unit() == null ? r.value().unitCode() : r.unit().name(locale), r.value().period(),
                r.indicator() == null ? "" : r.indicator().code() + " " + new org.qualitycity.platform.Text.Names(
                        r.indicator().nameZh(), r.indicator().nameEn()).in(locale),
                r.element() == null ? r.value().element() : new org.qualitycity.platform.Text.Names(r.element().nameZh(),
                        r.element().nameEn()).in(locale),
                r.value().value(), r.rate(), r.previousPeriod(), r.previous(),
                String.join("; ", r.outliers()),
                Texts.msg("indicator.valueStatus." + r.value().status()), r.value().flag())).toList();
        return ExcelExport.response(clock, "review", "review", REVIEW_COLUMNS, rows);
    }
}
