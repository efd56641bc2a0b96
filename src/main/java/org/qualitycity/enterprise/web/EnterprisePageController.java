package org.qualitycity.enterprise.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.Texts;
import org.qualitycity.enterprise.EnterpriseDetailSection;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.internal.EnterpriseImport;
import org.qualitycity.enterprise.internal.EnterpriseService;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Register pages: list with Excel import, enterprise detail (licences, standards, samples, credit). */
@Controller
class EnterprisePageController {

    private final EnterpriseService service;
    private final EnterpriseImport importer;
    private final List<EnterpriseDetailSection> sections;
    private final Units units;

    EnterprisePageController(EnterpriseService service, EnterpriseImport importer, List<EnterpriseDetailSection> sections,
                             Units units) {
        this.service = service;
        this.importer = importer;
        this.sections = sections;
        this.units = units;
    }

    @GetMapping("/enterprises")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String unit,
                @RequestParam(required = false) String standard,
                @Valid @ModelAttribute ListQuery query, Model model) {
        CurrentUser user = Security.currentUser();
        model.addAttribute("page", service.list(user, q, unit, standard, query));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("unit", unit == null ? "" : unit);
        model.addAttribute("areas", units.visibleToAreas(user));
        return "enterprise/list";
    }

    @PostMapping("/enterprises/import")
    @PreAuthorize("hasAuthority('enterprise:enterprise:import')")
    String importFile(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) throws IOException {
        MultipartFile file = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                ? m.getFile("file") : null;
        try {
            if (file == null || file.isEmpty()) {
                throw new ValidationException("file", Texts.msg("enterprise.error.choose-an-xlsx-file"));
            }
            try (InputStream in = file.getInputStream()) {
                int n = importer.importFile(in, Security.currentUser()).imported();
                flash.addFlashAttribute("importedCount", n);
            }
        } catch (ValidationException e) {
            flash.addFlashAttribute("importProblems", new java.util.ArrayList<>(e.problems().stream()
                    .limit(200).map(p -> p.field() + ": " + p.message()).toList()));
        }
        return "redirect:/enterprises";
    }

    @GetMapping("/enterprises/{creditCode}")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    String detail(@PathVariable String creditCode, Model model) {
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
        model.addAttribute("e", e);
        model.addAttribute("licences", service.licences(ref.id()));
        model.addAttribute("standards", service.standards(ref.id()));
        model.addAttribute("sections", parts);
        return "enterprise/detail";
    }

    /** Options for an enterprise field (issue 12 staff): up to 20 enterprises in scope whose name or code contains q. */
    @GetMapping("/enterprises/picker")
    @PreAuthorize("hasAuthority('enterprise:enterprise:view')")
    String picker(@RequestParam(required = false) String q, @RequestParam(required = false) String creditCode,
                  Model model) {
        String text = q != null ? q : creditCode;
        model.addAttribute("options", text == null || text.isBlank() ? List.of()
                : service.list(Security.currentUser(), text, null, null, new ListQuery(0, 20, null, null)).items());
        return "enterprise/picker :: options";
    }
}
