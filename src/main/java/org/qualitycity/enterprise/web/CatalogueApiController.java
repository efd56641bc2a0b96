package org.qualitycity.enterprise.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.enterprise.internal.EnterpriseService;
import org.qualitycity.enterprise.internal.ProductCatalogue;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.List;

/** The licence and CCC catalogue, the categories an enterprise makes, and the P6/P8 drill-downs (issue 14). */
@ApiController("/api/v1")
@Tag(name = "Licence catalogue")
class CatalogueApiController {

    private final ProductCatalogue catalogue;
    private final EnterpriseService enterprises;

    CatalogueApiController(ProductCatalogue catalogue, EnterpriseService enterprises) {
        this.catalogue = catalogue;
        this.enterprises = enterprises;
    }

    @GetMapping("/licence-catalogue")
    @PreAuthorize("hasAuthority('enterprise:catalogue:view')")
    @Operation(summary = "Product categories with the periods in which they require a production licence or CCC certificate")
    List<ProductCatalogue.CategoryView> categories() {
        return catalogue.categories();
    }

    @PostMapping("/licence-catalogue")
    @PreAuthorize("hasAuthority('enterprise:catalogue:edit')")
    @Operation(summary = "Add a product category")
    ResponseEntity<ProductCatalogue.CategoryView> addCategory(@Valid @RequestBody ProductCatalogue.NewCategory req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(catalogue.addCategory(req));
    }

    @PostMapping("/licence-catalogue/entries")
    @PreAuthorize("hasAuthority('enterprise:catalogue:edit')")
    @Operation(summary = "Put a category into the licence or CCC catalogue from a date (until a date)")
    ResponseEntity<ProductCatalogue.CatalogueEntry> addEntry(@Valid @RequestBody ProductCatalogue.NewEntry req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(catalogue.addEntry(req));
    }

    @PutMapping("/licence-catalogue/entries/{id}")
    @PreAuthorize("hasAuthority('enterprise:catalogue:edit')")
    @Operation(summary = "Change the effective dates of a catalogue entry (e.g. a category leaves the catalogue)")
    ProductCatalogue.CatalogueEntry changeEntry(@PathVariable long id, @Valid @RequestBody ProductCatalogue.EntryChange req) {
        return catalogue.changeEntry(id, req);
    }

    @GetMapping("/licence-catalogue/coverage")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "P6 at a date (default today) in my scope, a unit and below: required and covered (enterprise, "
            + "category) pairs and the uncovered ones")
    ProductCatalogue.Coverage coverage(@RequestParam(required = false) String unit,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return catalogue.coverage(unit, date, Security.currentUser());
    }

    @GetMapping("/licence-catalogue/without-standards")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "P8 at a date (default today) in my scope, a unit and below: active enterprises making a category "
            + "without a declared standard for it")
    List<ProductCatalogue.WithoutStandard> withoutStandards(@RequestParam(required = false) String unit,
                                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return catalogue.withoutStandards(unit, date, Security.currentUser());
    }

    @GetMapping("/enterprises/{creditCode}/products")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "The product categories an enterprise makes")
    List<ProductCatalogue.ProductView> products(@PathVariable String creditCode) {
        return catalogue.products(enterprises.requireVisible(creditCode, Security.currentUser()).id());
    }

    @PostMapping("/enterprises/{creditCode}/products")
    @PreAuthorize("hasAuthority('enterprise:enterprise:edit')")
    @Operation(summary = "Declare a product category the enterprise makes (since, until)")
    ResponseEntity<ProductCatalogue.ProductView> declare(@PathVariable String creditCode,
                                                         @Valid @RequestBody ProductCatalogue.NewProduct req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(catalogue.declareProduct(creditCode, req,
                Security.currentUser()));
    }
}
