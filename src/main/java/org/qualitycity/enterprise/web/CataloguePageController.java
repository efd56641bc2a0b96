package org.qualitycity.enterprise.web;

import jakarta.validation.Valid;
import org.qualitycity.enterprise.internal.ProductCatalogue;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Pages: the licence and CCC catalogue, and the drill-downs of P6 (uncovered pairs) and P8 (without standards). */
@Controller
class CataloguePageController {

    private final ProductCatalogue catalogue;
    private final org.qualitycity.enterprise.internal.ExportRecords exports;
    private final Units units;
    private final Clock clock;

    CataloguePageController(ProductCatalogue catalogue, org.qualitycity.enterprise.internal.ExportRecords exports,
                            Units units, Clock clock) {
        this.exports = exports;
        this.catalogue = catalogue;
        this.units = units;
        this.clock = clock;
    }

    private static <T> PageResult<T> page(List<T> all, ListQuery q) {
        int from = (int) Math.min(all.size(), (long) q.pageNumber() * q.pageSize());
        int to = Math.min(all.size(), from + q.pageSize());
        return new PageResult<>(all.subList(from, to), q.pageNumber(), q.pageSize(), all.size());
    }

    @GetMapping("/licence-catalogue")
    @PreAuthorize("hasAuthority('enterprise:catalogue:view')")
    String catalogue(@Valid @ModelAttribute ListQuery query, Model model) {
        model.addAttribute("page", page(catalogue.categories(), query));
        return "enterprise/catalogue";
    }

    private void filters(String unit, LocalDate date, Model model) {
        model.addAttribute("filter", Map.of("unit", unit == null ? "" : unit,
                "date", (date == null ? catalogue.today() : date).toString()));
        model.addAttribute("areas", units.visibleToAreas(Security.currentUser()));
    }

    @GetMapping("/licence-catalogue/uncovered")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    String uncovered(@RequestParam(required = false) String unit,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                     @Valid @ModelAttribute ListQuery query, Model model) {
        var coverage = catalogue.coverage(unit, date, Security.currentUser());
        model.addAttribute("coverage", coverage);
        model.addAttribute("page", page(coverage.uncovered(), query));
        filters(unit, date, model);
        return "enterprise/uncovered";
    }

    @GetMapping("/licence-catalogue/uncovered/export")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    ResponseEntity<StreamingResponseBody> uncoveredExport(@RequestParam(required = false) String unit,
                                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return ExcelExport.response(clock, "uncovered", "uncovered", List.of(
                        new ExcelExport.Column<ProductCatalogue.Pair>("enterprise.creditCode", ProductCatalogue.Pair::creditCode),
                        new ExcelExport.Column<>("enterprise.name", ProductCatalogue.Pair::enterpriseName),
                        new ExcelExport.Column<>("enterprise.catalogue.category", ProductCatalogue.Pair::categoryName),
                        new ExcelExport.Column<>("enterprise.catalogue.regime", ProductCatalogue.Pair::regimes),
                        new ExcelExport.Column<>("enterprise.catalogue.lastValidTo",
                                p -> p.lastValidTo() == null ? null : p.lastValidTo().toString())),
                catalogue.coverage(unit, date, Security.currentUser()).uncovered());
    }

    @GetMapping("/licence-catalogue/without-standards")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    String withoutStandards(@RequestParam(required = false) String unit,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                            @Valid @ModelAttribute ListQuery query, Model model) {
        model.addAttribute("page", page(catalogue.withoutStandards(unit, date, Security.currentUser()), query));
        filters(unit, date, model);
        return "enterprise/without-standards";
    }

    /** P5's drill-down: the notifications of a year (a unit and below) and the export batches of the year. */
    @GetMapping("/export-notifications")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    String exportNotifications(@RequestParam(required = false) String unit,
                               @RequestParam(required = false) @jakarta.validation.constraints.Min(2000)
                               @jakarta.validation.constraints.Max(2100) Integer year,
                               @Valid @ModelAttribute ListQuery query, Model model) {
        int y = year == null ? catalogue.today().getYear() - 1 : year;
        var user = Security.currentUser();
        model.addAttribute("page", page(exports.notifications(y, unit, user), query));
        model.addAttribute("batches", exports.batches(y, user));
        model.addAttribute("filter", Map.of("unit", unit == null ? "" : unit, "year", Integer.toString(y)));
        model.addAttribute("areas", units.visibleToAreas(user));
        return "enterprise/export-notifications";
    }

    // ---- P5 uploads from the page (the API's imports: all or nothing, every bad row listed)

    @PostMapping("/export-notifications/import")
    @PreAuthorize("hasAuthority('enterprise:enterprise:import')")
    String importNotifications(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) {
        return upload(request, flash, "notifications");
    }

    @PostMapping("/export-batches/import")
    @PreAuthorize("hasAuthority('enterprise:enterprise:import')")
    String importBatches(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) {
        return upload(request, flash, "batches");
    }

    private String upload(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash, String kind) {
        MultipartFile file = request instanceof MultipartHttpServletRequest m ? m.getFile("file") : null;
        try {
            if (file == null || file.isEmpty()) {
                throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
            }
            try (InputStream in = file.getInputStream()) {
                var result = "batches".equals(kind) ? exports.importBatches(in, Security.currentUser())
                        : exports.importNotifications(in, Security.currentUser());
                flash.addFlashAttribute("importedCount", result.imported());
                flash.addFlashAttribute("importKind", kind);
            }
        } catch (ValidationException e) {
            flash.addFlashAttribute("importKind", kind);
            flash.addFlashAttribute("importProblems", new java.util.ArrayList<>(e.problems().stream()
                    .map(p -> new ImportProblem(p.field(), p.message())).toList()));
        } catch (java.io.IOException e) {
            flash.addFlashAttribute("importKind", kind);
            flash.addFlashAttribute("importProblems", new java.util.ArrayList<>(List.of(new ImportProblem("file",
                    Texts.msg("enterprise.error.choose-an-xlsx-file")))));
        }
        return "redirect:/export-notifications";
    }

    /** A bad row of an upload as the page lists it: the row and column, and what is wrong. */
    record ImportProblem(String field, String message) implements java.io.Serializable {
    }
}
