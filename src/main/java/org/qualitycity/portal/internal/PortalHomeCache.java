package org.qualitycity.portal.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.platform.Security;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * The portal's home page as rendered, per language and chosen map indicator, for anonymous visitors of {@code /}:
 * the page holds no form, no CSRF token and nothing of the visitor, so every anonymous visitor gets the same bytes.
 * A filter after Spring Security (so the security headers are written and the visitor is known to be anonymous)
 * answers from the cache, or lets the request through and keeps what it rendered. Cleared when the figures are
 * (a recompute committed: {@link PortalFigures}) and when a hot topic is published; otherwise kept for
 * {@value #TTL_SECONDS} s, the staleness another node's change can have. A request that switches the language
 * ({@code ?lang=}) or carries other parameters goes through uncached.
 */
@Configuration(proxyBeanMethods = false)
public class PortalHomeCache {

    static final int TTL_SECONDS = 60;

    record Page(String contentType, byte[] body, Locale locale) {
    }

    private final Cache<String, Page> cache = Caffeine.newBuilder().maximumSize(200)
            .expireAfterWrite(Duration.ofSeconds(TTL_SECONDS)).build();

    public void clear() {
        cache.invalidateAll();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> portalHomeFilter(LocaleResolver locales) {
        var bean = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                if (!"GET".equals(request.getMethod()) || !"/".equals(request.getServletPath())) {
                    return true;
                }
                String q = request.getQueryString();
                if (q != null && (request.getParameterMap().size() != 1 || request.getParameter("indicator") == null
                        || request.getParameter("indicator").length() > 32)) {
                    return true;
                }
                return Security.currentUserIfAny().isPresent();
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String indicator = request.getParameter("indicator");
                String key = locales.resolveLocale(request).getLanguage() + "|" + (indicator == null ? "" : indicator);
                Page page = cache.getIfPresent(key);
                if (page != null) {
                    response.setContentType(page.contentType());
                    response.setLocale(page.locale());
                    response.setContentLength(page.body().length);
                    response.getOutputStream().write(page.body());
                    return;
                }
                ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, wrapper);
                if (wrapper.getStatus() == 200 && wrapper.getContentType() != null
                        && wrapper.getContentType().startsWith("text/html") && wrapper.getHeader("Set-Cookie") == null) {
                    cache.put(key, new Page(wrapper.getContentType(), wrapper.getContentAsByteArray(), wrapper.getLocale()));
                }
                wrapper.copyBodyToResponse();
            }
        });
        bean.addUrlPatterns("/*");
        // after Spring Security's filter chain (-100): the security headers are written, the visitor is known
        bean.setOrder(-90);
        return bean;
    }
}
