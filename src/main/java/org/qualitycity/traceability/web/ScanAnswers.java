package org.qualitycity.traceability.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.platform.Security;
import org.qualitycity.traceability.internal.ScanCache;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.DigestUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public scan page's answers ({@code /t/{code}}, the Digital Link path; HTML and the resolver's JSON) with a strong
 * ETag of their bytes, 304 on a matching {@code If-None-Match}, and {@code Cache-Control: no-cache} (a client may keep
 * the page but asks again each time: a recall shows at once). For anonymous visitors without a session and without
 * query parameters the answer is kept in {@link ScanCache} per path, language and type (the page holds no form, no
 * CSRF token and nothing of the visitor) and sent from there; {@link ScanCache} evicts it when its batch changes. A
 * filter after Spring Security (order -90), so that the security headers are written and the visitor is known.
 */
@Configuration(proxyBeanMethods = false)
class ScanAnswers {

    private static final Pattern CODE_PATH = Pattern.compile("/t/[0-9A-Z]{6,16}");

    static boolean isScan(String path) {
        return CODE_PATH.matcher(path).matches() || DigitalLinkPaths.DIGITAL_LINK.matcher(path).matches();
    }

    /** The type of answer the client asks for, as the controller decides it: html, json or linkset. */
    static String variant(String accept) {
        boolean json = accept != null && (accept.contains("application/json") || accept.contains("linkset+json"))
                && !accept.contains("text/html");
        return !json ? "html" : accept.contains("linkset+json") ? "linkset" : "json";
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String bare = etag.substring(1, etag.length() - 1);
        for (String t : ifNoneMatch.split(",")) {
            String v = t.trim();
            if (v.startsWith("W/")) { // weak comparison (RFC 9110 13.1.2): a gzipped answer's ETag is made weak
                v = v.substring(2);
            }
            if (v.equals("*") || v.equals(etag) || v.equals(bare)) {
                return true;
            }
        }
        return false;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> scanAnswerFilter(ScanCache cache, LocaleResolver locales) {
        var bean = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"GET".equals(request.getMethod()) || !isScan(request.getRequestURI());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                boolean anonymous = request.getQueryString() == null && request.getSession(false) == null
                        && Security.currentUserIfAny().isEmpty();
                String key = null;
                if (anonymous) {
                    key = variant(request.getHeader("Accept")) + "|" + locales.resolveLocale(request).getLanguage() + "|"
                            + request.getRequestURI();
                    ScanCache.Answer hit = cache.get(key);
                    if (hit != null) {
                        headers(response, hit.etag());
                        if (matches(request.getHeader("If-None-Match"), hit.etag())) {
                            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                            return;
                        }
                        response.setContentType(hit.contentType());
                        response.setLocale(hit.locale());
                        response.setContentLength(hit.body().length);
                        response.getOutputStream().write(hit.body());
                        return;
                    }
                }
                long generation = cache.generation();
                ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, wrapper);
                if (wrapper.getStatus() != 200 || wrapper.getContentType() == null) {
                    wrapper.copyBodyToResponse();
                    return;
                }
                byte[] body = wrapper.getContentAsByteArray();
                String etag = "\"" + DigestUtils.md5DigestAsHex(body) + "\"";
                @SuppressWarnings("unchecked")
                Set<String> tags = (Set<String>) request.getAttribute(ScanCache.TAGS);
                if (key != null && tags != null && wrapper.getHeader("Set-Cookie") == null) {
                    cache.put(key, new ScanCache.Answer(body, wrapper.getContentType(), wrapper.getLocale(), etag, tags),
                            generation);
                }
                headers(wrapper, etag);
                if (matches(request.getHeader("If-None-Match"), etag)) {
                    wrapper.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                    wrapper.resetBuffer();
                    return;
                }
                wrapper.copyBodyToResponse();
            }
        });
        bean.addUrlPatterns("/t/*", "/01/*");
        // after Spring Security's filter chain (-100): the security headers are written, the visitor is known
        bean.setOrder(-90);
        return bean;
    }

    private static void headers(HttpServletResponse response, String etag) {
        response.setHeader("ETag", etag);
        response.setHeader("Vary", "Accept");
        response.setHeader("Cache-Control", "no-cache");
    }
}
