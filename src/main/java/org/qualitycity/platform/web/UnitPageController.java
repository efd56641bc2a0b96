package org.qualitycity.platform.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.internal.UnitService;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

@Controller
@RequestMapping("/units")
class UnitPageController {

    private final UnitService units;

    UnitPageController(UnitService units) {
        this.units = units;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('platform:unit:view')")
    String tree(Model model) {
        List<Unit> visible = units.visibleTo(Security.currentUser());
        model.addAttribute("tree", UnitApiController.tree(visible));
        model.addAttribute("count", visible.size());
        return "platform/units";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    String createForm(@RequestParam(required = false) String parent, Model model) {
        model.addAttribute("form", new UnitService.CreateUnit("", "", "", Unit.Kind.SUBUNIT, parent, 0));
        return createPage(model);
    }

    private String createPage(Model model) {
        model.addAttribute("parents", units.visibleTo(Security.currentUser()));
        model.addAttribute("kinds", Unit.Kind.values());
        return "platform/unit-new";
    }

    @PostMapping
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    String create(@Valid @ModelAttribute("form") UnitService.CreateUnit form, BindingResult result, Model model,
                  RedirectAttributes flash) {
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return createPage(model);
        }
        try {
            Unit u = units.create(form, Security.currentUser());
            flash.addFlashAttribute("flash", "flash.saved");
            return "redirect:/units/" + u.code();
        } catch (ValidationException e) {
            FormErrors.put(model, FormErrors.of(e));
            return createPage(model);
        }
    }

    @GetMapping("/{code}")
    @PreAuthorize("hasAuthority('platform:unit:view')")
    String detail(@PathVariable String code, Model model) {
        Unit unit = units.requireVisible(code, Security.currentUser());
        model.addAttribute("unit", unit);
        model.addAttribute("form", new UnitService.RenameUnit(unit.nameZh(), unit.nameEn(), unit.sortOrder()));
        return detailPage(unit, model);
    }

    private String detailPage(Unit unit, Model model) {
        model.addAttribute("unit", unit);
        model.addAttribute("parents", units.visibleTo(Security.currentUser()).stream()
                .filter(p -> !p.path().startsWith(unit.path())).toList());
        return "platform/unit-detail";
    }

    @PostMapping("/{code}")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    String rename(@PathVariable String code, @Valid @ModelAttribute("form") UnitService.RenameUnit form,
                  BindingResult result, Model model, RedirectAttributes flash) {
        Unit unit = units.requireVisible(code, Security.currentUser());
        if (result.hasErrors()) {
            FormErrors.put(model, FormErrors.of(result));
            return detailPage(unit, model);
        }
        units.rename(code, form, Security.currentUser());
        flash.addFlashAttribute("flash", "flash.saved");
        return "redirect:/units/" + code;
    }

    @PostMapping("/{code}/move")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    String move(@PathVariable String code, @RequestParam String parentCode, RedirectAttributes flash) {
        try {
            units.move(code, new UnitService.MoveUnit(parentCode), Security.currentUser());
            flash.addFlashAttribute("flash", "flash.saved");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).message());
        }
        return "redirect:/units/" + code;
    }

    @PostMapping("/{code}/active")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    String setActive(@PathVariable String code, @RequestParam boolean active, RedirectAttributes flash) {
        try {
            units.setActive(code, active, Security.currentUser());
            flash.addFlashAttribute("flash", "flash.saved");
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/units/" + code;
    }

    @PostMapping("/{code}/delete")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    String delete(@PathVariable String code, RedirectAttributes flash) {
        try {
            units.delete(code, Security.currentUser());
            flash.addFlashAttribute("flash", "flash.deleted");
            return "redirect:/units";
        } catch (ConflictException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/units/" + code;
        }
    }
}
