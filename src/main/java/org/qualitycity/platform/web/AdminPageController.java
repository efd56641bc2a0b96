package org.qualitycity.platform.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.internal.AuditTrail;
import org.qualitycity.platform.internal.PermissionRegistry;
import org.qualitycity.platform.internal.RoleService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** Roles, the audit trail and the login log. */
@Controller
class AdminPageController {

    private final RoleService roles;
    private final PermissionRegistry permissions;
    private final AuditTrail audit;

    private final java.time.Clock clock;

    AdminPageController(RoleService roles, PermissionRegistry permissions, AuditTrail audit, java.time.Clock clock) {
        this.clock = clock;
        this.roles = roles;
        this.permissions = permissions;
        this.audit = audit;
    }

    @GetMapping("/roles")
    @PreAuthorize("hasAuthority('platform:role:view')")
    String roles(Model model) {
        var all = roles.all();
        model.addAttribute("roles", all);
        java.util.Map<Object, java.util.List<ModuleGrant>> grants = new java.util.HashMap<>();
        all.forEach(r -> grants.put(r.id(), grants(r.permissions())));
        model.addAttribute("grants", grants);
        return "platform/roles";
    }

    /** What a role may do in one module, in words: the module's name and its permissions' labels (issue 12). */
    record ModuleGrant(String module, boolean everything, java.util.List<String> labels) {
    }

    /** A role's patterns expanded and grouped by module, in the module order of the permission catalogue. */
    java.util.List<ModuleGrant> grants(java.util.List<String> patterns) {
        java.util.Set<String> granted = permissions.expand(patterns);
        java.util.Map<String, java.util.List<Permission>> byModule = new java.util.LinkedHashMap<>();
        permissions.all().forEach(p -> byModule.computeIfAbsent(p.code().substring(0, p.code().indexOf(':')),
                m -> new java.util.ArrayList<>()).add(p));
        java.util.List<ModuleGrant> out = new java.util.ArrayList<>();
        byModule.forEach((module, list) -> {
            java.util.List<String> labels = list.stream().filter(p -> granted.contains(p.code()))
                    .map(p -> org.qualitycity.platform.Texts.msg(p.labelKey())).toList();
            if (!labels.isEmpty()) {
                out.add(new ModuleGrant(org.qualitycity.platform.Texts.msg("module." + module),
                        labels.size() == list.size(), labels));
            }
        });
        return out;
    }

    @GetMapping("/roles/{id}")
    @PreAuthorize("hasAuthority('platform:role:view')")
    String role(@PathVariable long id, Model model) {
        var role = roles.byId(id).orElseThrow(() -> new NotFoundException("role " + id));
        model.addAttribute("role", role);
        model.addAttribute("form", new RoleService.SaveRole(role.code(), role.nameZh(), role.nameEn(), role.dataScope(),
                role.permissions(), role.accountKind(), role.moduleScopes()));
        return rolePage(model);
    }

    private String rolePage(Model model) {
        model.addAttribute("permissions", permissions.all());
        model.addAttribute("scopes", org.qualitycity.platform.DataScope.Kind.values());
        model.addAttribute("accountKinds", RoleService.AccountKind.values());
        model.addAttribute("modules", roles.modules());
        java.util.Map<String, Object> scopeOf = new java.util.HashMap<>();
        if (model.getAttribute("form") instanceof RoleService.SaveRole f && f.moduleScopes() != null) {
            f.moduleScopes().forEach(m -> scopeOf.put(m.module(), m.dataScope()));
        }
        model.addAttribute("moduleScopeOf", scopeOf);
        return "platform/role-detail";
    }

    @PostMapping("/roles/{id}")
    @PreAuthorize("hasAuthority('platform:role:edit')")
    String saveRole(@PathVariable long id, @Valid @ModelAttribute("form") RoleService.SaveRole posted,
                    BindingResult result, Model model, RedirectAttributes flash,
                    @org.springframework.web.bind.annotation.RequestParam(name = "moduleScope", required = false)
                    List<String> moduleScope) {
        model.addAttribute("role", roles.byId(id).orElseThrow(() -> new NotFoundException("role " + id)));
        // the page posts one "module=SCOPE" per module ("module=" for the role's own scope)
        List<RoleService.ModuleScope> modules = new java.util.ArrayList<>();
        for (String pair : moduleScope == null ? List.<String>of() : moduleScope) {
            int eq = pair.indexOf('=');
            String kind = eq < 0 ? "" : pair.substring(eq + 1);
            if (!kind.isBlank()) {
                try {
                    modules.add(new RoleService.ModuleScope(pair.substring(0, eq),
                            org.qualitycity.platform.DataScope.Kind.valueOf(kind)));
                } catch (IllegalArgumentException e) {
                    result.rejectValue("dataScope", "invalid", org.qualitycity.platform.Texts.msg("platform.error.unknown-module", pair));
                }
            }
        }
        var form = new RoleService.SaveRole(posted.code(), posted.nameZh(), posted.nameEn(), posted.dataScope(),
                posted.permissions(), posted.accountKind(), modules);
        model.addAttribute("form", form);
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return rolePage(model);
        }
        try {
            roles.update(id, form);
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return rolePage(model);
        }
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/roles/" + id;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    String audit(@Valid @ModelAttribute("filter") AuditTrail.Filter filter, @Valid @ModelAttribute ListQuery q, Model model) {
        model.addAttribute("page", audit.search(filter, q));
        return "platform/audit";
    }

    @GetMapping("/audit/export")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    ResponseEntity<StreamingResponseBody> exportAudit(@Valid @ModelAttribute AuditTrail.Filter filter,
                                                      @Valid @ModelAttribute ListQuery q) {
        return ExcelExport.response(clock, "audit", "audit", AuditApiController.COLUMNS, audit.all(filter, q));
    }

    @PostMapping("/audit/verify")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    String verify(RedirectAttributes flash) {
        flash.addFlashAttribute("verification", audit.verify());
        return "redirect:/audit";
    }

    @GetMapping("/login-log")
    @PreAuthorize("hasAuthority('platform:login-log:view')")
    String logins(@RequestParam(required = false) String username, @RequestParam(required = false) Boolean success,
                  @Valid @ModelAttribute ListQuery q, Model model) {
        model.addAttribute("page", audit.logins(username, success, q));
        model.addAttribute("username", username);
        return "platform/login-log";
    }

    @GetMapping("/login-log/export")
    @PreAuthorize("hasAuthority('platform:login-log:view')")
    ResponseEntity<StreamingResponseBody> exportLogins(@RequestParam(required = false) String username,
                                                       @RequestParam(required = false) Boolean success,
                                                       @Valid @ModelAttribute ListQuery q) {
        String ok = Texts.msg("logins.success"); // in the request's thread: the body is written on another
        List<ExcelExport.Column<AuditTrail.LoginEntry>> columns = List.of(
                new ExcelExport.Column<>("audit.at", AuditTrail.LoginEntry::at),
                new ExcelExport.Column<>("user.username", AuditTrail.LoginEntry::username),
                new ExcelExport.Column<>("logins.ip", AuditTrail.LoginEntry::ip),
                new ExcelExport.Column<>("logins.channel", AuditTrail.LoginEntry::channel),
                new ExcelExport.Column<>("logins.result", e -> e.success() ? ok : e.reason()));
        return ExcelExport.response(clock, "login-log", "login-log", columns,
                ListQuery.allPages(q, page -> audit.logins(username, success, page)));
    }
}
