package org.qualitycity.traceability.web;

import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.traceability.internal.BatchService;
import org.qualitycity.traceability.internal.QrCodes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** Staff and enterprise pages: batches, a batch with its certificates, trace graph and QR code, label sheet, recall. */
@Controller
class TraceabilityPageController {

    private final BatchService batches;

    TraceabilityPageController(BatchService batches) {
        this.batches = batches;
    }

    @GetMapping("/traceability/batches")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    String list(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("batches", batches.list(Security.currentUser(), q, 200));
        model.addAttribute("q", q);
        model.addAttribute("flags", batches.flags(Security.currentUser()));
        return "traceability/batches";
    }

    @GetMapping("/traceability/batches/{id:\\d+}")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    String detail(@PathVariable long id, Model model) {
        var user = Security.currentUser();
        BatchService.BatchView b = batches.require(id, user);
        model.addAttribute("b", b);
        model.addAttribute("forward", batches.trace(id, "forward", user));
        model.addAttribute("back", batches.trace(id, "back", user));
        model.addAttribute("graph", batches.graph(id, user));
        model.addAttribute("certificates", batches.certificates(user, b.code()));
        model.addAttribute("canRecall", user.can("traceability:batch:recall") && !"RECALLED".equals(b.status()));
        return "traceability/batch";
    }

    @GetMapping(value = "/traceability/batches/{id:\\d+}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    ResponseEntity<byte[]> png(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(batches.require(id, Security.currentUser()).publicUri(), 360));
    }

    @GetMapping(value = "/traceability/batches/{id:\\d+}/qr.svg", produces = "image/svg+xml")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    ResponseEntity<String> svg(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .body(QrCodes.svg(batches.require(id, Security.currentUser()).publicUri()));
    }

    /** A printable sheet of labels (QR code, product, lot) of the batches chosen, or the newest 24 in scope. */
    @GetMapping("/traceability/labels")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    String labels(@RequestParam(required = false) List<Long> id, Model model) {
        var user = Security.currentUser();
        List<BatchService.BatchView> chosen = id == null || id.isEmpty() ? batches.list(user, null, 24)
                : id.stream().limit(60).map(i -> batches.require(i, user)).toList();
        model.addAttribute("labels", chosen.stream().map(b -> new Label(b, QrCodes.svg(b.publicUri()))).toList());
        return "traceability/labels";
    }

    /** A label: the batch and its QR code as an SVG data URI. */
    record Label(BatchService.BatchView batch, String svg) {
        public String dataUri() {
            return "data:image/svg+xml;base64," + java.util.Base64.getEncoder().encodeToString(
                    svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @GetMapping("/traceability/certificates/{id:\\d+}")
    @PreAuthorize("hasAuthority('traceability:batch:view')")
    String certificate(@PathVariable long id, Model model) {
        var cert = batches.certificates(Security.currentUser(), null).stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new org.qualitycity.platform.NotFoundException("certificate"));
        model.addAttribute("c", cert);
        return "traceability/certificate";
    }

    @PostMapping("/traceability/batches/{id:\\d+}/recall")
    @PreAuthorize("hasAuthority('traceability:batch:recall')")
    String recall(@PathVariable long id, @RequestParam(required = false) String reason, Model model) {
        try {
            batches.recall(id, new BatchService.RecallRequest(reason), Security.currentUser());
        } catch (ValidationException e) {
            model.addAttribute("recallError", e.problems().get(0).message());
            return detail(id, model);
        }
        return "redirect:/traceability/batches/" + id;
    }
}
