package org.qualitycity.traceability.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.traceability.DigitalLink;
import org.qualitycity.traceability.internal.BatchService;
import org.qualitycity.traceability.internal.QrCodes;
import org.qualitycity.traceability.internal.ScanCache;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public scan page (no login, phone first): the GS1 Digital Link path itself and the platform's own
 * {@code /t/{code}}; HTML for browsers, JSON for {@code Accept: application/json} following the GS1 resolver's
 * {@code linkType=all} convention (a linkset of the links that the identifier resolves to).
 */
@Controller
@Hidden
class ScanController {

    /** One link of the linkset. */
    record Link(String href, String title, String type) {
    }

    /** The resolver's answer: the anchor, what it names, and its links by GS1 link type. */
    record Resolution(String anchor, String itemDescription, String status, boolean recalled,
                      Map<String, List<Link>> linkset, BatchService.PublicView batch) {
    }

    private final BatchService batches;
    private final tools.jackson.databind.ObjectMapper json;

    ScanController(BatchService batches, tools.jackson.databind.ObjectMapper json) {
        this.batches = batches;
        this.json = json;
    }

    @GetMapping("/01/{gtin}/10/{lot}")
    String link(@PathVariable String gtin, @PathVariable String lot,
                @RequestHeader(value = "Accept", required = false) String accept, HttpServletRequest request,
                HttpServletResponse response, Model model) throws IOException {
        return answer(byLink(gtin, lot, request), accept, request, response, model);
    }

    @GetMapping("/t/{code}")
    String code(@PathVariable String code, @RequestHeader(value = "Accept", required = false) String accept,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        return answer(byCode(code, request), accept, request, response, model);
    }

    /**
     * HTML for browsers (and for clients that accept anything); the resolver's JSON when the client asks for JSON and
     * not for HTML. Returning null after writing the response tells Spring that the response is complete.
     */
    private String answer(BatchService.PublicView v, String accept, HttpServletRequest request,
                          HttpServletResponse response, Model model)
            throws IOException {
        boolean wantsJson = accept != null && (accept.contains("application/json") || accept.contains("linkset+json"))
                && !accept.contains("text/html");
        if (!wantsJson) {
            return page(v, model, request);
        }
        response.setStatus(200);
        response.setContentType(accept.contains("linkset+json") ? "application/linkset+json" : "application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Vary", "Accept");
        response.getWriter().write(json.writeValueAsString(resolution(v)));
        response.flushBuffer();
        return null;
    }

    @GetMapping(value = "/t/{code}/qr.svg", produces = "image/svg+xml")
    ResponseEntity<String> qr(@PathVariable String code) {
        BatchService.PublicView v = byCode(code, null);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)))
                .contentType(MediaType.valueOf("image/svg+xml")).body(QrCodes.svg(v.publicUri()));
    }

    private BatchService.PublicView byLink(String gtin, String lot, HttpServletRequest request) {
        // the container decodes the path; encode again so that DigitalLink parses the canonical form
        return tagged(DigitalLink.parse("/01/" + gtin + "/10/" + DigitalLink.encode(lot)).flatMap(batches::publicScanByLink)
                .orElseThrow(() -> new NotFoundException("batch")), request);
    }

    private BatchService.PublicView byCode(String code, HttpServletRequest request) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new NotFoundException("batch");
        }
        return tagged(batches.publicScanByCode(code).orElseThrow(() -> new NotFoundException("batch")), request);
    }

    static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[0-9A-Z]{6,16}");

    /** Names what the answer shows for the answer cache ({@link ScanAnswers}). */
    private static BatchService.PublicView tagged(BatchService.PublicScan scan, HttpServletRequest request) {
        if (request != null) {
            request.setAttribute(ScanCache.TAGS, scan.tags());
        }
        return scan.view();
    }

    /**
     * The page has no form: it renders no CSRF token, whose lazy creation would open an HTTP session (a row in the
     * session store) for every anonymous scan. Only for visitors without a session (a signed-in user keeps the token
     * that the layout's htmx requests send).
     */
    private String page(BatchService.PublicView v, Model model, HttpServletRequest request) {
        if (request.getSession(false) == null) {
            request.removeAttribute("_csrf");
            request.removeAttribute("org.springframework.security.web.csrf.CsrfToken");
        }
        model.addAttribute("b", v);
        return "traceability/scan";
    }

    private Resolution resolution(BatchService.PublicView v) {
        Map<String, List<Link>> links = new java.util.LinkedHashMap<>();
        String page = v.publicUri();
        links.put("https://gs1.org/voc/pip", List.of(new Link(page, Texts.msg("traceability.scan.title"), "text/html")));
        List<Link> certs = new ArrayList<>();
        v.certificates().forEach(c -> certs.add(new Link(page + "#cert-" + c.certNo(), c.certNo(), "text/html")));
        if (!certs.isEmpty()) {
            links.put("https://gs1.org/voc/certificationInfo", certs);
        }
        links.put("https://gs1.org/voc/traceability", List.of(new Link(page + "#chain",
                Texts.msg("traceability.scan.chain"), "text/html")));
        if (v.recalled()) {
            links.put("https://gs1.org/voc/recallStatus", List.of(new Link(page + "#recall",
                    Texts.msg("traceability.scan.recalled"), "text/html")));
        }
        return new Resolution(page, v.productName(), v.status(), v.recalled(), links, v);
    }
}
