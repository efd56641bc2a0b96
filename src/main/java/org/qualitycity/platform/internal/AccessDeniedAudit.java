package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.Security;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Permission failures go to the audit trail: Spring Security publishes a denied event for URL rules
 * and for {@code @PreAuthorize}; anonymous requests (which get a 401) are not recorded here — failed
 * logins are, by {@link LoginAttempts}.
 */
@Configuration(proxyBeanMethods = false)
class AccessDeniedAudit {

    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @Bean
    DeniedListener deniedListener(AuditLog audit) {
        return new DeniedListener(audit);
    }

    static class DeniedListener {

        private final AuditLog audit;

        DeniedListener(AuditLog audit) {
            this.audit = audit;
        }

        @EventListener
        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void onDenied(AuthorizationDeniedEvent<?> event) {
            var user = Security.currentUserIfAny();
            if (user.isEmpty()) {
                return;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            RequestInfo.current().ifPresent(r -> {
                details.put("method", r.getMethod());
                details.put("path", r.getRequestURI());
            });
            details.put("username", user.get().username());
            audit.record("platform", "access", null, user.get().unitId(), "ACCESS_DENIED", null, details);
        }
    }
}
