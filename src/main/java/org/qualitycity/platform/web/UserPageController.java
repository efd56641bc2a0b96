package org.qualitycity.platform.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.internal.RoleService;
import org.qualitycity.platform.internal.UnitService;
import org.qualitycity.platform.internal.UserService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

@Controller
class UserPageController {

    private final UserService users;
    private final UnitService units;
    private final RoleService roles;

    private final java.time.Clock clock;

    UserPageController(UserService users, UnitService units, RoleService roles, java.time.Clock clock) {
        this.clock = clock;
        this.users = users;
        this.units = units;
        this.roles = roles;
    }

    @GetMapping("/users")
    @PreAuthorize("hasAuthority('platform:user:view')")
    String list(@Valid @ModelAttribute("filter") UserService.Filter filter, @Valid @ModelAttribute ListQuery q, Model model) {
        model.addAttribute("page", users.page(filter, q, Security.currentUser()));
        model.addAttribute("q", q);
        model.addAttribute("units", units.visibleTo(Security.currentUser()));
        return "platform/users";
    }

    @GetMapping("/users/export")
    @PreAuthorize("hasAuthority('platform:user:view')")
    ResponseEntity<StreamingResponseBody> export(@Valid @ModelAttribute UserService.Filter filter,
                                                 @Valid @ModelAttribute ListQuery q) {
        return ExcelExport.response(clock, "users", "users", UserColumns.COLUMNS, users.all(filter, q, Security.currentUser()));
    }

    private String form(Model model, Long id) {
        CurrentUser me = Security.currentUser();
        model.addAttribute("units", units.visibleTo(me));
        model.addAttribute("grantable", roles.grantableBy(me).stream().map(RoleService.Role::code).toList());
        model.addAttribute("allRoles", roles.all());
        model.addAttribute("userId", id);
        return id == null ? "platform/user-new" : "platform/user-detail";
    }

    @GetMapping("/users/new")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    String createForm(Model model) {
        model.addAttribute("form", new UserService.CreateUser("", "", Security.currentUser().unitCode(), "", "", "",
                List.of()));
        return form(model, null);
    }

    @PostMapping("/users")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    String create(@Valid @ModelAttribute("form") UserService.CreateUser form, BindingResult result, Model model,
                  RedirectAttributes flash) {
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return form(model, null);
        }
        try {
            var created = users.create(form, Security.currentUser());
            flash.addFlashAttribute("flash", "flash.saved");
            return "redirect:/users/" + created.id();
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return form(model, null);
        }
    }

    @GetMapping("/users/{id}")
    @PreAuthorize("hasAuthority('platform:user:view')")
    String detail(@PathVariable long id, Model model) {
        var u = users.get(id, Security.currentUser());
        model.addAttribute("user", u);
        model.addAttribute("form", new UserService.UpdateUser(u.displayName(), u.unitCode(), u.phone(), u.email(),
                u.active(), u.roles()));
        return form(model, id);
    }

    @PostMapping("/users/{id}")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") UserService.UpdateUser form,
                  BindingResult result, Model model, RedirectAttributes flash) {
        var u = users.get(id, Security.currentUser());
        model.addAttribute("user", u);
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return form(model, id);
        }
        try {
            users.update(id, form, Security.currentUser());
            flash.addFlashAttribute("flash", "flash.saved");
            return "redirect:/users/" + id;
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return form(model, id);
        }
    }

    @PostMapping("/users/{id}/password")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    String setPassword(@PathVariable long id, @RequestParam String password, RedirectAttributes flash) {
        try {
            users.setPassword(id, new UserService.SetPassword(password), Security.currentUser());
            flash.addFlashAttribute("flash", "flash.passwordSet");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        }
        return "redirect:/users/" + id;
    }

    @PostMapping("/users/{id}/unlock")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    String unlock(@PathVariable long id, RedirectAttributes flash) {
        users.unlock(id, Security.currentUser());
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/users/" + id;
    }

    @GetMapping("/me")
    String profile() {
        return "platform/me";
    }

    @PostMapping("/me/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
                          RedirectAttributes flash) {
        try {
            users.changeOwnPassword(new UserService.ChangeOwnPassword(currentPassword, newPassword),
                    Security.currentUser());
            flash.addFlashAttribute("flash", "flash.passwordSet");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        }
        return "redirect:/me";
    }
}
