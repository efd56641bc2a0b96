package org.qualitycity.platform.web;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open311 GeoReport v2 errors: under {@link #PATH} an error is the spec's JSON array of
 * {@code {"code": <HTTP status>, "description": "..."}} with the HTTP status, not a problem+json document. The
 * API's exception handlers and filters build problems as everywhere else; this advice (and
 * {@code ProblemResponses} for filters) rewrites them on the way out, one entry per bad field.
 */
@RestControllerAdvice
public class GeoReportErrors implements ResponseBodyAdvice<Object> {

    /** Where GeoReport v2 is served. */
    public static final String PATH = "/open311/";

    /** Whether a request path is answered in GeoReport v2's shapes. */
    public static boolean applies(String requestUri) {
        return requestUri != null && requestUri.startsWith(PATH);
    }

    /** The GeoReport v2 error array of a problem: one entry per bad field, else the problem's detail. */
    public static List<Map<String, Object>> of(int status, String detail, Object errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (errors instanceof List<?> list) {
            for (Object e : list) {
                if (e instanceof Map<?, ?> m) {
                    Object field = m.get("field");
                    Object message = m.get("message");
                    out.add(entry(status, field == null || field.toString().isEmpty() ? String.valueOf(message)
                            : field + ": " + message));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(entry(status, detail == null ? "error" : detail));
        }
        return out;
    }

    private static Map<String, Object> entry(int code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("description", description);
        return m;
    }

    @Override
    public boolean supports(org.springframework.core.MethodParameter returnType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, org.springframework.core.MethodParameter returnType,
                                  MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail p && request instanceof ServletServerHttpRequest s
                && applies(s.getServletRequest().getRequestURI())) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            Map<String, Object> properties = p.getProperties();
            return of(p.getStatus(), p.getDetail() != null ? p.getDetail() : p.getTitle(),
                    properties == null ? null : properties.get("errors"));
        }
        return body;
    }
}
