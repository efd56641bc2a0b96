package org.qualitycity.enterprise.web;

import io.swagger.v3.oas.annotations.Operation;
import org.qualitycity.platform.Texts;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.qualitycity.enterprise.EnterpriseDetailSection;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.internal.EnterpriseImport;
import org.qualitycity.enterprise.internal.EnterpriseService;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.Text;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApiController("/api/v1/enterprises")
@Tag(name = "Enterprises")
class EnterpriseApiController {

    record Detail(EnterpriseService.EnterpriseView enterprise, List<EnterpriseService.LicenceView> licences,
                  List<EnterpriseService.StandardView> standards, Map<String, Object> sections) {
    }

    record LinkUser(@NotBlank String username) {
    }

    private final EnterpriseService service;
    private final EnterpriseImport importer;
    private final List<EnterpriseDetailSection> sections;
    private final Clock clock;

    EnterpriseApiController(EnterpriseService service, EnterpriseImport importer, List<EnterpriseDetailSection> sections,
                            Clock clock) {
        this.clock = clock;
        this.service = service;
        this.importer = importer;
        this.sections = sections;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "Enterprises in my data scope (q: name or code; unit: a unit code and below)")
    PageResult<EnterpriseService.EnterpriseView> list(@RequestParam(required = false) String q,
                                                      @RequestParam(required = false) String unit,
                @RequestParam(required = false) String standard,
                                                      @Valid @ModelAttribute ListQuery query) {
        return service.list(Security.currentUser(), q, unit, standard, query);
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "The filtered list as Excel: every enterprise of the list (same filters and sort, all pages) in my data scope")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String q,
                                                 @RequestParam(required = false) String unit,
                                                 @RequestParam(required = false) String standard,
                                                 @Valid @ModelAttribute ListQuery query) {
        CurrentUser user = Security.currentUser();
        Locale locale = Texts.locale(); // cells rendered while the body is written, outside the request's thread
        List<ExcelExport.Column<EnterpriseService.EnterpriseView>> columns = List.of(
                new ExcelExport.Column<>("enterprise.creditCode", EnterpriseService.EnterpriseView::creditCode),
                new ExcelExport.Column<>("enterprise.name", EnterpriseService.EnterpriseView::name),
                new ExcelExport.Column<>("enterprise.unit", EnterpriseService.EnterpriseView::unitName),
                new ExcelExport.Column<>("enterprise.industry", EnterpriseService.EnterpriseView::industry),
                new ExcelExport.Column<>("enterprise.legalRep", EnterpriseService.EnterpriseView::legalRepresentative),
                new ExcelExport.Column<>("enterprise.status", e -> e.status() == null ? null
                        : Texts.render(Text.of("enterprise.status." + e.status()), locale)));
        return ExcelExport.response(clock, "enterprises", "enterprises", columns,
                ListQuery.allPages(query, page -> service.list(user, q, unit, standard, page)));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('enterprise:enterprise:edit')")
    @Operation(summary = "Register an enterprise (credit code check character validated, duplicates refused)")
    ResponseEntity<EnterpriseService.EnterpriseView> create(@Valid @RequestBody EnterpriseService.NewEnterprise req) {
        var view = service.create(req, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/enterprises/" + view.creditCode()))
                .body(view);
    }

    @GetMapping("/{creditCode}")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    @Operation(summary = "One enterprise with licences, standards, samples and credit grade with reasons")
    Detail get(@PathVariable String creditCode) {
        CurrentUser user = Security.currentUser();
        var e = service.get(creditCode, user);
        EnterpriseRef ref = service.requireVisible(creditCode, user);
        Map<String, Object> parts = new LinkedHashMap<>();
        for (EnterpriseDetailSection s : sections) {
            Object v = s.section(ref, user);
            if (v != null) {
                parts.put(s.key(), v);
            }
        }
        return new Detail(e, service.licences(ref.id()), service.standards(ref.id()), parts);
    }

    @PostMapping("/import")
    @PreAuthorize("hasAuthority('enterprise:enterprise:import')")
    @Operation(summary = "Import enterprises from .xlsx, all or nothing; 400 lists every bad row as row[n].column")
    EnterpriseImport.Result importFile(jakarta.servlet.http.HttpServletRequest request) throws IOException {
        MultipartFile file = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                ? m.getFile("file") : null;
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
        }
        try (InputStream in = file.getInputStream()) {
            return importer.importFile(in, Security.currentUser());
        }
    }

    @PostMapping("/{creditCode}/users")
    @PreAuthorize("hasAuthority('enterprise:enterprise:edit')")
    @Operation(summary = "Link a user (role ENTERPRISE) to the enterprise")
    Map<String, String> link(@PathVariable String creditCode, @Valid @RequestBody LinkUser req) {
        service.linkUser(creditCode, req.username(), Security.currentUser());
        return Map.of("linked", req.username());
    }

    @PostMapping("/{creditCode}/licences")
    @PreAuthorize("hasAuthority('enterprise:enterprise:edit')")
    @Operation(summary = "Add a production licence or CCC certificate")
    ResponseEntity<EnterpriseService.LicenceView> licence(@PathVariable String creditCode,
                                                          @Valid @RequestBody EnterpriseService.NewLicence req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.addLicence(creditCode, req, Security.currentUser()));
    }

    @PostMapping("/{creditCode}/standards")
    @PreAuthorize("hasAuthority('enterprise:enterprise:edit')")
    @Operation(summary = "Declare a product standard")
    ResponseEntity<EnterpriseService.StandardView> standard(@PathVariable String creditCode,
                                                            @Valid @RequestBody EnterpriseService.NewStandard req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.addStandard(creditCode, req, Security.currentUser()));
    }
}
