package org.qualitycity.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;

/** The current HTTP request's client address and channel, where there is a request. */
public final class RequestInfo {

    private RequestInfo() {
    }

    public static Optional<HttpServletRequest> current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return Optional.of(a.getRequest());
        }
        return Optional.empty();
    }

    public static String ip() {
        return current().map(HttpServletRequest::getRemoteAddr).orElse(null);
    }

    public static String channel() {
        return current().map(r -> r.getRequestURI().startsWith("/api/") ? "API" : "WEB").orElse("SYSTEM");
    }
}
