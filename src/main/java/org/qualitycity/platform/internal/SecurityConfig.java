package org.qualitycity.platform.internal;

import jakarta.servlet.DispatcherType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The API ({@code /api/**}) takes bearer tokens (or the browser session, then with
 * CSRF) and answers 401/403 as problem+json. Pages use form login with a session, CSRF and a strict
 * content security policy. Permission checks are {@code @PreAuthorize} on controllers; data scope is
 * applied in SQL by {@link org.qualitycity.platform.DataScope}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    static final String[] PUBLIC_API = {"/api/v1/public/**", "/api/v1/auth/token", "/open311/**", "/v3/api-docs/**"};
    /** Device ingestion: each device authenticates with its own credential in the request (monitoring). */
    static final String[] DEVICE_API = {"/api/v1/telemetry"};
    static final String[] PUBLIC_PAGES = {"/login", "/login/totp", "/webjars/**", "/css/**", "/js/**", "/img/**", "/geo/**",
            "/favicon.ico", "/error", "/public/**", "/api-docs.html", "/swagger-ui/**",
            // the public portal for anonymous visitors, the workbench for the signed-in (HomeController)
            "/",
            // issue 17: the public scan page (GS1 Digital Link path and the platform's own /t/{code})
            "/01/**", "/t/**"};

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(AccountUserDetailsService users, PasswordEncoder encoder,
                                                ApplicationEventPublisher events) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /** Static resources: public, no session, no CSRF token, and no cache headers of Spring Security's, so the
     * resource handler's one-year cache applies (see {@code WebConfig}). */
    static final String[] STATIC_RESOURCES = {"/webjars/**", "/css/**", "/js/**", "/img/**", "/geo/**", "/vendor/**",
            "/favicon.ico"};

    @Bean
    @Order(0)
    SecurityFilterChain staticResourceChain(HttpSecurity http) throws Exception {
        http.securityMatcher(STATIC_RESOURCES)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .csrf(c -> c.disable())
                .anonymous(a -> a.disable())
                .headers(h -> h.cacheControl(c -> c.disable()));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, ProblemResponses problems) throws Exception {
        RequestMatcher bearer = BearerTokenFilter::hasBearer;
        http.securityMatcher("/api/**", "/open311/**", "/v3/api-docs/**", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        // a streamed response (Excel export) continues in an async dispatch of an authorised request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC_API).permitAll()
                        .requestMatchers(DEVICE_API).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("platform:monitor:view")
                        .anyRequest().authenticated())
                // CSRF protects the browser session; a request with a bearer token or with no session at all
                // carries no ambient credentials (and an anonymous write then gets its proper 401)
                .csrf(c -> c.ignoringRequestMatchers(bearer).ignoringRequestMatchers(PUBLIC_API).ignoringRequestMatchers(DEVICE_API)
                        .ignoringRequestMatchers(request -> request.getSession(false) == null))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                problems.write(req, res, 401, "unauthenticated", "Authentication is required."))
                        .accessDeniedHandler((req, res, ex) ->
                                problems.write(req, res, 403, "forbidden", "You lack the permission for this action.")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /** Idle and absolute session timeouts, after Spring Session's filter and before Spring Security's. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> sessionTimeoutFilter(
            UserSessions sessions) {
        var bean = new org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter>(
                sessions.timeoutFilter());
        bean.setOrder(-110);
        return bean;
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, SecondFactorLogin secondFactor, LoginAttempts attempts)
            throws Exception {
        http.authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                // a locked account gets the same answer as a wrong password or an unknown name: the login page
                // must not tell which accounts exist
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(secondFactor.passwordStepHandler())
                        .failureHandler((req, res, ex) -> res.sendRedirect(req.getContextPath() + "/login?error")))
                .addFilterBefore(new LoginThrottleFilter(attempts),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .rememberMe(r -> r.disable())
                .exceptionHandling(e -> e.accessDeniedPage("/error/403"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
