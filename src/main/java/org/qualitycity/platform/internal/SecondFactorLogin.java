package org.qualitycity.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.qualitycity.platform.CurrentUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The second step of form login. When the password is right and the account needs a second factor, the
 * session holds no authentication yet, only a pending marker (user id, time); {@code /login/totp} then asks
 * for the code (or, for an administrator who has not enrolled, shows the QR code to enrol first) and signs
 * the user in only when it is right. Nothing but the public pages is reachable in between.
 */
@Service
public class SecondFactorLogin {

    static final String PENDING = "qc.secondFactor.pending";
    private static final Duration PENDING_VALIDITY = Duration.ofMinutes(5);

    record Pending(long userId, String username, long since) implements Serializable {
    }

    /** What the second-step page shows: whose login it is, and the enrolment when there is none yet. */
    public record PendingView(String username, Optional<TwoFactor.Enrolment> enrolment) {
    }

    public enum Outcome { SIGNED_IN, WRONG, EXPIRED }

    /** The outcome; {@code target}: where the user was going before the login page (else "/"). */
    public record Result(Outcome outcome, List<String> recoveryCodes, String target) {
    }

    private final AccountRepository accounts;
    private final TwoFactor twoFactor;
    private final LoginAttempts attempts;
    private final UserSessions sessions;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final org.springframework.security.web.savedrequest.RequestCache requestCache =
            new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
    private final org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler
            toSavedRequest = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();

    SecondFactorLogin(AccountRepository accounts, TwoFactor twoFactor, LoginAttempts attempts, UserSessions sessions,
                      Clock clock) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.attempts = attempts;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The success handler of the password step. */
    AuthenticationSuccessHandler passwordStepHandler() {
        return (request, response, auth) -> {
            AccountPrincipal p = (AccountPrincipal) auth.getPrincipal();
            CurrentUser user = p.currentUser();
            if (!twoFactor.needed(user)) {
                sessions.loggedIn(request, user.username());
                toSavedRequest.onAuthenticationSuccess(request, response, auth);
                return;
            }
            // not signed in yet: drop the authentication the filter has just stored
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession();
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            session.setAttribute(PENDING, new Pending(user.id(), user.username(), clock.millis()));
            if (!twoFactor.enrolled(user.id()) && twoFactor.pending(user).isEmpty()) {
                twoFactor.start(user);
            }
            response.sendRedirect(request.getContextPath() + "/login/totp");
        };
    }

    private Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PENDING) instanceof Pending p) {
            if (clock.millis() - p.since() <= PENDING_VALIDITY.toMillis()) {
                return Optional.of(p);
            }
            session.removeAttribute(PENDING);
        }
        return Optional.empty();
    }

    public Optional<PendingView> pendingView(HttpServletRequest request) {
        return pending(request).flatMap(p -> accounts.findById(p.userId())).map(a -> {
            CurrentUser user = accounts.currentUser(a);
            return new PendingView(a.username(), twoFactor.enrolled(a.id()) ? Optional.empty() : twoFactor.pending(user));
        });
    }

    /** Checks the code and, when right, signs the user in on a new session id. */
    public Result complete(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        Optional<Pending> pending = pending(request);
        var account = pending.flatMap(p -> accounts.findById(p.userId())).filter(AccountRepository.Account::active);
        if (account.isEmpty()) {
            return new Result(Outcome.EXPIRED, List.of(), null);
        }
        var a = account.get();
        CurrentUser user = accounts.currentUser(a);
        List<String> recoveryCodes = List.of();
        if (twoFactor.enrolled(a.id())) {
            if (twoFactor.check(user, code) != TwoFactor.Check.OK) {
                return new Result(Outcome.WRONG, List.of(), null);
            }
        } else {
            try {
                recoveryCodes = twoFactor.confirm(user, code);
            } catch (org.qualitycity.platform.ValidationException e) {
                return new Result(Outcome.WRONG, List.of(), null);
            }
        }
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId();
        AccountPrincipal principal = new AccountPrincipal(user, null, a.active(), a.lockedUntil(), clock.instant());
        Authentication auth = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities());
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(auth);
        SecurityContextHolder.setContext(ctx);
        contexts.saveContext(ctx, request, response);
        attempts.completed(user);
        sessions.loggedIn(request, user.username());
        var saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        return new Result(Outcome.SIGNED_IN, recoveryCodes, saved == null ? "/" : saved.getRedirectUrl());
    }
}
