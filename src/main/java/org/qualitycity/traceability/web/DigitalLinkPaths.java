package org.qualitycity.traceability.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.regex.Pattern;

/**
 * Lets a GS1 Digital Link path whose lot contains a slash reach the public scan page: the lot {@code B24/05} is the
 * path segment {@code B24%2F05} ({@code /01/06901234567892/10/B24%2F05}), as the Digital Link standard requires.
 * <p>
 * Security reasoning. An encoded slash is refused by default because a component that decodes it turns one path
 * segment into two, so that the path a security check sees and the path the application serves can differ
 * ({@code /public%2F..%2Fadmin}). Two settings, each as narrow as its layer allows:
 * <ul>
 * <li>Tomcat (connector-wide, it has no per-path setting): {@code encodedSolidusHandling = passthrough}, not
 * {@code decode}. Tomcat then keeps {@code %2F} encoded in the decoded path as well, so the request URI and the
 * servlet path have the same segments, and dot-segment normalisation never sees a slash made from {@code %2F}. On
 * every other path the request is still refused, by the next layer.</li>
 * <li>Spring Security's {@link StrictHttpFirewall} (it sees every request): the default strict firewall for every
 * path, and one that also allows {@code %2F} and {@code %25} only for a request URI that is exactly a Digital Link
 * path: {@code /01/} and 14 digits, then the key qualifiers 22, 10, 21 in order, each value 1–60 characters of
 * RFC 3986 unreserved and sub-delimiter characters or percent escapes (so no {@code ..} segment, no {@code ;}, no
 * backslash, no {@code //}; the other checks of the strict firewall still apply). That path is public and read-only,
 * and Spring MVC's path patterns match the raw path segment by segment and decode a variable once, so the lot
 * arrives as {@code B24/05} in one variable.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DigitalLinkPaths {

    private static final String VALUE = "(?:[A-Za-z0-9._~!$&'()*+,=:@-]|%[0-9A-Fa-f]{2}){1,60}";
    static final Pattern DIGITAL_LINK = Pattern.compile("/01/\\d{14}(?:/22/" + VALUE + ")?(?:/10/" + VALUE + ")?"
            + "(?:/21/" + VALUE + ")?");

    @Bean
    TomcatConnectorCustomizer encodedSlashPassthrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    @Bean
    WebSecurityCustomizer digitalLinkFirewall() {
        return web -> web.httpFirewall(new Firewall());
    }

    /** The strict firewall everywhere; with an encoded slash and percent allowed on a Digital Link path only. */
    static final class Firewall implements HttpFirewall {

        private final StrictHttpFirewall strict = new StrictHttpFirewall();
        private final StrictHttpFirewall digitalLink = new StrictHttpFirewall();

        Firewall() {
            digitalLink.setAllowUrlEncodedSlash(true);
            digitalLink.setAllowUrlEncodedPercent(true);
        }

        @Override
        public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
            String uri = request.getRequestURI();
            boolean dl = uri != null && request.getContextPath().isEmpty() && DIGITAL_LINK.matcher(uri).matches();
            return (dl ? digitalLink : strict).getFirewalledRequest(request);
        }

        @Override
        public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
            return strict.getFirewalledResponse(response);
        }
    }
}
