package org.qualitycity.files.web;

import org.qualitycity.files.Attachments;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * Files with the browser session: downloads at {@code /files/{id}}, upload and delete forms that any
 * module's page can post to (they return to {@code returnTo}), and the documents page of units.
 */
@Controller
class FilesPageController {

    private final Attachments attachments;
    private final Units units;

    FilesPageController(Attachments attachments, Units units) {
        this.attachments = attachments;
        this.units = units;
    }

    @GetMapping("/files/{id}")
    @PreAuthorize("hasAuthority('files:file:view')")
    ResponseEntity<Resource> download(@PathVariable long id) {
        return Downloads.response(attachments.open(id, Security.currentUser()));
    }

    @GetMapping("/files")
    @PreAuthorize("hasAuthority('files:file:view')")
    String unitDocuments(@RequestParam(required = false) String unit, Model model) {
        CurrentUser me = Security.currentUser();
        List<Unit> visible = units.all().stream().filter(u -> me.scope().covers(u.id(), u.path(), null)).toList();
        Unit selected = unit == null || unit.isBlank()
                ? visible.stream().filter(u -> u.id() == me.unitId()).findFirst()
                        .orElse(visible.isEmpty() ? null : visible.get(0))
                : units.requireVisible(unit, me);
        model.addAttribute("units", visible);
        model.addAttribute("selected", selected);
        if (selected != null) {
            model.addAttribute("files", attachments.list("unit", selected.id(), me));
            model.addAttribute("canWrite", me.can("files:file:upload") && attachments.canWrite("unit", selected.id(), me));
            model.addAttribute("canDelete", me.can("files:file:delete") && attachments.canWrite("unit", selected.id(), me));
        }
        model.addAttribute("maxSize", attachments.maxSizeBytes());
        return "files/unit-documents";
    }

    @PostMapping("/files")
    @PreAuthorize("hasAuthority('files:file:upload')")
    String upload(@RequestParam String ownerType, @RequestParam long ownerId,
                  @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String returnTo,
                  RedirectAttributes flash) {
        try {
            attachments.store(ownerType, ownerId, file, Security.currentUser());
            flash.addFlashAttribute("flash", "files.flash.uploaded");
        } catch (ValidationException e) {
            flash.addFlashAttribute("flashError", e.problems().get(0).field() + ": " + e.problems().get(0).message());
        }
        return "redirect:" + safeReturn(returnTo);
    }

    @PostMapping("/files/{id}/delete")
    @PreAuthorize("hasAuthority('files:file:delete')")
    String delete(@PathVariable long id, @RequestParam(required = false) String returnTo, RedirectAttributes flash) {
        attachments.delete(id, Security.currentUser());
        flash.addFlashAttribute("flash", "flash.deleted");
        return "redirect:" + safeReturn(returnTo);
    }

    /** Only a path of this application: no scheme, no host, no protocol-relative or backslash tricks. */
    static String safeReturn(String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")
                || returnTo.contains("\r") || returnTo.contains("\n") || returnTo.length() > 500) {
            return "/files";
        }
        return returnTo;
    }
}
