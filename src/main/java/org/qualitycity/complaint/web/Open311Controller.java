package org.qualitycity.complaint.web;

import io.swagger.v3.oas.annotations.Operation;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Text;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.complaint.internal.Dtos.Receipt;
import org.qualitycity.complaint.internal.Dtos.Submission;
import org.qualitycity.complaint.internal.Open311;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.ApiController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.WebUtils;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Open311 GeoReport v2 (JSON): service list, submit, read by id or token, search. Answers never carry
 * personal data: no name, phone, e-mail or home address of the submitter, and the description is
 * redacted of them. Names are GeoReport's (snake_case, the exception to the API's camelCase); errors are
 * GeoReport's array of {@code {code, description}} ({@link org.qualitycity.platform.web.GeoReportErrors}).
 */
@ApiController("/open311/v2")
@Tag(name = "Open311 GeoReport v2")
class Open311Controller {

    private final Open311 open311;
    private final ComplaintService service;
    private final IntakeLimits limiter;
    private final Validation validation;
    private final Units units;

    Open311Controller(Open311 open311, ComplaintService service, IntakeLimits limiter, Validation validation, Units units) {
        this.open311 = open311;
        this.service = service;
        this.limiter = limiter;
        this.validation = validation;
        this.units = units;
    }

    @GetMapping("/services.json")
    @Operation(summary = "GeoReport v2 service list")
    List<Map<String, Object>> services() {
        return Open311.services();
    }

    @PostMapping("/requests.json")
    @Operation(summary = "GeoReport v2 submit (form fields service_code, description, address_string, lat, long, first_name, last_name, phone, email, attribute[district], attribute[respondent])")
    ResponseEntity<List<Map<String, Object>>> submit(@RequestParam Map<String, String> p, HttpServletRequest request) {
        String phoneHash = limiter.submission(request.getRemoteAddr(), p.get("phone"));
        String code = p.getOrDefault("service_code", "");
        String type = switch (code) {
            case "GOODS_COMPLAINT", "SERVICES_COMPLAINT" -> "COMPLAINT";
            case "QUALITY_REPORT" -> "REPORT";
            default -> throw new ValidationException("service_code", Texts.msg("complaint.error.unknown-service-code-open311"));
        };
        String category = code.startsWith("SERVICES") ? "SERVICES" : "GOODS";
        String address = p.getOrDefault("address_string", "");
        String district = p.get("attribute[district]");
        if (district == null || district.isBlank()) {
            district = units.areas().stream().filter(u -> address.contains(shortName(u))).map(Unit::code).findFirst()
                    .orElseThrow(() -> new ValidationException("address_string",
                            Texts.msg("complaint.error.name-the-district")));
        }
        String name = ((p.getOrDefault("last_name", "") + p.getOrDefault("first_name", ""))).trim();
        String respondent = p.getOrDefault("attribute[respondent]", address).trim();
        // everything is checked before anything is stored: a 400 leaves no case behind
        BigDecimal lat = decimal("lat", p.get("lat"), 90);
        BigDecimal lon = decimal("long", p.get("long"), 180);
        Submission s = new Submission(type, category, null, respondent.isEmpty() ? null : respondent,
                address.isBlank() ? null : address, district, null, p.get("description"),
                "COMPLAINT".equals(type) ? p.getOrDefault("attribute[request]",
                        Texts.render(Text.of("complaint.open311.default-request"), Texts.DEFAULT)) : null, null, null,
                name.isEmpty() ? null : name, p.get("phone"), null, null, null);
        Receipt r = open311.submit(validation.check(s), request.getRemoteAddr(), lat, lon, phoneHash);
        return ResponseEntity.status(HttpStatus.CREATED).body(List.of(Map.of("service_request_id", r.trackingCode(),
                "token", r.trackingCode(), "service_notice", r.acceptDue() == null ? ""
                        : Texts.msg("complaint.open311.notice", r.acceptDue()))));
    }

    @GetMapping("/requests.json")
    @Operation(summary = "GeoReport v2 search (service_request_id list, service_code, status open|closed, start_date, "
            + "end_date: at most 90 days; page from 1, page_size at most 100); rate-limited per address")
    List<Map<String, Object>> search(@RequestParam(required = false) String service_request_id,
                                     @RequestParam(required = false) String service_code,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String start_date,
                                     @RequestParam(required = false) String end_date,
                                     @RequestParam(defaultValue = "1") int page,
                                     @RequestParam(defaultValue = "50") int page_size,
                                     HttpServletRequest request) {
        limiter.read(request.getRemoteAddr());
        useRequestLanguage(request);
        return open311.search(service_request_id, service_code, status, start_date, end_date, page, page_size);
    }

    @GetMapping("/requests/{id}.json")
    @Operation(summary = "GeoReport v2: one request")
    List<Map<String, Object>> one(@PathVariable String id, HttpServletRequest request) {
        limiter.read(request.getRemoteAddr());
        useRequestLanguage(request);
        return open311.byId(id).stream().findFirst().map(List::of)
                .orElseThrow(() -> new org.qualitycity.platform.NotFoundException("request"));
    }

    @GetMapping("/tokens/{token}.json")
    @Operation(summary = "GeoReport v2: the request id behind a token")
    List<Map<String, Object>> token(@PathVariable String token, HttpServletRequest request) {
        limiter.read(request.getRemoteAddr());
        var found = open311.byId(token);
        if (found.isEmpty()) {
            throw new org.qualitycity.platform.NotFoundException("token");
        }
        return List.of(Map.of("service_request_id", token, "token", token));
    }

    /**
     * GeoReport clients state their language with Accept-Language; the site's own choice (?lang=, its cookie) wins
     * where the client made one. The texts of the answer (status_notes) follow it.
     */
    private static void useRequestLanguage(HttpServletRequest request) {
        if (request.getParameter("lang") == null && WebUtils.getCookie(request, "qc-lang") == null
                && request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null) {
            LocaleContextHolder.setLocale(request.getLocale());
        }
    }

    private static String shortName(Unit u) {
        String n = u.nameZh();
        return n.length() > 2 ? n.substring(0, 2) : n;
    }

    private static BigDecimal decimal(String field, String v, int bound) {
        if (v == null || v.isBlank()) {
            return null;
        }
        BigDecimal b;
        try {
            b = new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, Texts.msg("error.not-a-number"));
        }
        if (b.abs().compareTo(BigDecimal.valueOf(bound)) > 0 || b.scale() > 8 || b.precision() > 12) {
            throw new ValidationException(field, Texts.msg("complaint.error.out-of-range", bound));
        }
        return b;
    }
}
