package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Counts failed logins (form and API alike), locks an account after {@code qc.security.max-failed-logins}
 * failures for {@code qc.security.lockout}, and writes the login log and audit trail.
 */
@Component
class LoginAttempts {

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    LoginAttempts(AccountRepository accounts, AuditLog audit, Clock clock,
                  @Value("${qc.security.max-failed-logins:5}") int maxFailures,
                  @Value("${qc.security.lockout:PT15M}") Duration lockout) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof AccountPrincipal p)) {
            return;
        }
        long id = p.currentUser().id();
        accounts.recordSuccess(id);
        accounts.logLogin(p.getUsername(), id, RequestInfo.ip(), RequestInfo.channel(), true, null);
        audit.recordAs(p.currentUser(), "platform", "login", id, p.currentUser().unitId(), "LOGIN", null,
                Map.of("username", p.getUsername(), "channel", RequestInfo.channel()));
    }

    @EventListener
    @Transactional
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        var account = accounts.findByUsername(username);
        String reason = reason(event);
        if (event instanceof AuthenticationFailureBadCredentialsEvent && account.isPresent()) {
            var a = account.get();
            Instant now = clock.instant();
            // a lock that has run out starts a fresh count
            int failures = (a.lockedUntil() != null && !a.lockedUntil().isAfter(now) ? 0 : a.failedAttempts()) + 1;
            Instant lockedUntil = failures >= maxFailures ? now.plus(lockout) : null;
            accounts.recordFailure(a.id(), failures, lockedUntil);
            if (lockedUntil != null) {
                reason = "LOCKED_NOW";
            }
        }
        accounts.logLogin(username, account.map(AccountRepository.Account::id).orElse(null), RequestInfo.ip(),
                RequestInfo.channel(), false, reason);
        audit.record("platform", "login", account.map(a -> (Object) a.id()).orElse(null),
                account.map(AccountRepository.Account::unitId).orElse(null), "LOGIN_FAILED", null,
                Map.of("username", username.length() > 100 ? username.substring(0, 100) : username, "reason", reason));
    }

    private static String reason(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureLockedEvent) {
            return "LOCKED";
        }
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            return "BAD_CREDENTIALS";
        }
        return event.getException().getClass().getSimpleName();
    }
}
