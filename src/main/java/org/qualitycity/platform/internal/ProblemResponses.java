package org.qualitycity.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.platform.web.GeoReportErrors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem+json bodies from filters, where no controller advice runs (GeoReport v2 errors under /open311). */
@Component
class ProblemResponses {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String detail)
            throws IOException {
        if (GeoReportErrors.applies(request.getRequestURI())) {
            geoReport(response, status, GeoReportErrors.of(status, detail, null));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://qualitycity.org/problems/" + code);
        body.put("title", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 429 -> "Too Many Requests";
            default -> "Error";
        });
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json;charset=UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), body);
    }

    /** A 400 invalid-input problem naming one field, as the API's exception handler writes it. */
    void invalid(HttpServletRequest request, HttpServletResponse response, String field, String message)
            throws IOException {
        if (GeoReportErrors.applies(request.getRequestURI())) {
            geoReport(response, 400, GeoReportErrors.of(400, null, java.util.List.of(Map.of("field", field,
                    "message", message))));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://qualitycity.org/problems/invalid-input");
        body.put("title", "Bad Request");
        body.put("status", 400);
        body.put("detail", "The request has invalid fields.");
        body.put("instance", request.getRequestURI());
        body.put("errors", java.util.List.of(Map.of("field", field, "message", message)));
        response.setStatus(400);
        response.setContentType("application/problem+json;charset=UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    /** Open311's own error shape (GeoReport v2): a JSON array of {code, description}. */
    private void geoReport(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
