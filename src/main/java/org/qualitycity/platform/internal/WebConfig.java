package org.qualitycity.platform.internal;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * Locale switching, and static resources.
 * <p>Chinese by default; {@code ?lang=en} or {@code ?lang=zh-CN} switches and is remembered in a cookie.
 * <p>Static resources (ours under {@code /css}, {@code /js}, {@code /vendor}, {@code /geo}, and WebJars) are
 * linked with a content hash in their URL ({@code @{/js/app.js}} renders as {@code /js/app-<md5>.js} through
 * {@link ResourceUrlEncodingFilter}), so they are served with a one-year immutable cache: a changed file gets
 * a new URL. Pre-compressed siblings ({@code .br}, {@code .gz}, made by {@code scripts/build-echarts.sh}) are
 * sent to clients that accept them; other text is compressed by the server ({@code server.compression}).
 * Spring Boot's own static mappings are off ({@code spring.web.resources.add-mappings=false}) so that these
 * are the only ones.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("qc-lang");
        r.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        r.setDefaultLocaleFunction(WebConfig::clientLanguage);
        r.setCookieMaxAge(Duration.ofDays(365));
        return r;
    }

    /**
     * Without ?lang= or the language cookie: an API client (one that sends Authorization) is answered in its
     * Accept-Language when that is Chinese or English; browsers get Chinese, whatever their own language.
     */
    static Locale clientLanguage(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getHeader("Authorization") != null && request.getHeader("Accept-Language") != null) {
            for (Locale l : java.util.Collections.list(request.getLocales())) {
                if (l.getLanguage().equals("en")) {
                    return Locale.ENGLISH;
                }
                if (l.getLanguage().equals("zh")) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lci = new LocaleChangeInterceptor();
        lci.setParamName("lang");
        lci.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lci);
    }

    /** Browsers ask for /favicon.ico on their own: the SVG icon that the layout links (issue 12 dash). */
    @Override
    public void addViewControllers(org.springframework.web.servlet.config.annotation.ViewControllerRegistry registry) {
        registry.addRedirectViewController("/favicon.ico", "/img/favicon.svg")
                .setStatusCode(org.springframework.http.HttpStatus.MOVED_PERMANENTLY);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(IMMUTABLE)
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver())
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
                .addResolver(new LiteWebJarsResourceResolver());
        // each directory of classpath:/static/ on its own, not "/**": the link rewriting of every page
        // (ResourceUrlEncodingFilter) asks the handlers of the patterns a link matches, and "/**" matched every page link
        // (/login, /public/…, /t/…), each then looked up on the whole classpath, uncached because not found (a third of
        // the scan page's rendering, issue 17)
        for (String dir : new String[]{"css", "js", "img", "geo", "vendor"}) {
            registry.addResourceHandler("/" + dir + "/**")
                    .addResourceLocations("classpath:/static/" + dir + "/")
                    .setCacheControl(IMMUTABLE)
                    .resourceChain(true)
                    .addResolver(new EncodedResourceResolver())
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        // before the controllers' mappings (none is under these paths): a static file is otherwise matched against
        // every request mapping of the application first (half of a static file's CPU, issue 17)
        registry.setOrder(-1);
    }

    /** GeoJSON (the district map) as {@code application/geo+json}, so that it is compressed like other text. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> geoJsonMimeType() {
        return factory -> {
            MimeMappings mappings = new MimeMappings();
            mappings.add("geojson", "application/geo+json");
            factory.addMimeMappings(mappings);
        };
    }

    /** Rewrites resource links rendered by templates ({@code @{...}}) to their content-hashed URLs. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        return new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    }
}
