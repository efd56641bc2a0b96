package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Counts failed logins (form and API alike, wrong passwords, wrong second factors and wrong current passwords
 * when changing one's password), locks an account after {@code qc.security.max-failed-logins} failures for
 * {@code qc.security.lockout}, and writes the login log and audit trail. A lock refuses new logins only: tokens
 * and sessions already issued stay valid, so that a stranger who types wrong passwords cannot cut a user off.
 * The per-address throttle ({@link #throttled}) limits how many failures one client address may cause.
 */
@Component
public class LoginAttempts {

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final int maxFailuresPerAddress;
    private final Duration addressWindow;

    LoginAttempts(AccountRepository accounts, AuditLog audit, Clock clock,
                  @Value("${qc.security.max-failed-logins:5}") int maxFailures,
                  @Value("${qc.security.lockout:PT15M}") Duration lockout,
                  @Value("${qc.security.address-max-failures:50}") int maxFailuresPerAddress,
                  @Value("${qc.security.address-window:PT10M}") Duration addressWindow) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.addressWindow = addressWindow;
    }

    /** True when the current request's client address has failed too often lately; such a login is not tried. */
    public boolean throttled() {
        String ip = RequestInfo.ip();
        if (ip == null) {
            return false;
        }
        Instant now = clock.instant();
        return accounts.failuresFrom(ip, now.minus(addressWindow), now) >= maxFailuresPerAddress;
    }

    public Duration addressWindow() {
        return addressWindow;
    }

    /** Logs a login refused by the per-address throttle (it counts as a failure of that address). */
    @Transactional
    public void recordThrottled(String username) {
        accounts.logLogin(username, null, RequestInfo.ip(), RequestInfo.channel(), false, "THROTTLED", clock.instant());
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof AccountPrincipal p)) {
            return;
        }
        // an account with a second factor has not logged in yet: the count is reset only after the second factor
        if (!accounts.needsSecondFactor(p.currentUser())) {
            completed(p.currentUser());
        }
    }

    /** A login that passed every factor: resets the failure count, logs it. */
    @Transactional
    public void completed(CurrentUser user) {
        long id = user.id();
        accounts.recordSuccess(id);
        accounts.logLogin(user.username(), id, RequestInfo.ip(), RequestInfo.channel(), true, null, clock.instant());
        audit.recordAs(user, "platform", "login", id, user.unitId(), "LOGIN", null,
                Map.of("username", user.username(), "channel", RequestInfo.channel()));
    }

    @EventListener
    @Transactional
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        var account = accounts.findByUsername(username);
        String reason = reason(event);
        if (event instanceof AuthenticationFailureBadCredentialsEvent && account.isPresent()) {
            reason = count(account.get(), reason);
        }
        log(username, account.orElse(null), reason);
    }

    /**
     * Counts a failure that is not a password login (a wrong second factor, a wrong current password) toward
     * the lock-out, in its own transaction so that the caller's refusal does not roll the count back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void countFailure(long userId, String reason) {
        accounts.findById(userId).ifPresent(a -> log(a.username(), a, count(a, reason)));
    }

    /** True if the account is locked now. */
    public boolean locked(long userId) {
        Instant now = clock.instant();
        return accounts.findById(userId).map(a -> a.lockedUntil() != null && a.lockedUntil().isAfter(now))
                .orElse(true);
    }

    private String count(AccountRepository.Account a, String reason) {
        Instant now = clock.instant();
        // a lock that has run out starts a fresh count
        int failures = (a.lockedUntil() != null && !a.lockedUntil().isAfter(now) ? 0 : a.failedAttempts()) + 1;
        Instant lockedUntil = failures >= maxFailures ? now.plus(lockout) : null;
        accounts.recordFailure(a.id(), failures, lockedUntil);
        return lockedUntil != null ? "LOCKED_NOW" : reason;
    }

    private void log(String username, AccountRepository.Account account, String reason) {
        accounts.logLogin(username, account == null ? null : account.id(), RequestInfo.ip(), RequestInfo.channel(),
                false, reason, clock.instant());
        audit.record("platform", "login", account == null ? null : account.id(),
                account == null ? null : account.unitId(), "LOGIN_FAILED", null,
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
