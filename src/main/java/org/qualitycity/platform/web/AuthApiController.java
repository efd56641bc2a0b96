package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.internal.ApiTokens;
import org.qualitycity.platform.internal.LoginAttempts;
import org.qualitycity.platform.internal.TwoFactor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.time.Instant;

@ApiController("/api/v1/auth")
@Tag(name = "Authentication")
class AuthApiController {

    /** A token request; {@code totp}: the six-digit code (or a recovery code) of an account with two-factor login. */
    record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password,
                        @Size(max = 20) String totp) {
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    private final AuthenticationManager authentication;
    private final ApiTokens tokens;
    private final TwoFactor twoFactor;
    private final LoginAttempts attempts;

    AuthApiController(AuthenticationManager authentication, ApiTokens tokens, TwoFactor twoFactor,
                      LoginAttempts attempts) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.twoFactor = twoFactor;
        this.attempts = attempts;
    }

    @PostMapping("/token")
    @Operation(summary = "Exchange username, password and (for accounts with two-factor login) the TOTP code "
            + "for a bearer token")
    ResponseEntity<?> token(@Valid @RequestBody TokenRequest req) {
        if (attempts.throttled()) {
            attempts.recordThrottled(req.username());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(attempts.addressWindow().toSeconds()))
                    .body(ApiExceptionHandler.problem(HttpStatus.TOO_MANY_REQUESTS, "login-throttled",
                            "Too many failed logins from this address; try again later."));
        }
        CurrentUser user;
        try {
            var auth = authentication.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(req.username(), req.password()));
            user = ((Security.CurrentUserHolder) auth.getPrincipal()).currentUser();
        } catch (AuthenticationException e) {
            // one answer for a wrong password, an unknown name and a locked account: it tells no one which
            // accounts exist or are locked
            return unauthorized("bad-credentials", "Wrong username or password, or the account is locked for a while.");
        }
        if (twoFactor.needed(user)) {
            switch (twoFactor.check(user, req.totp())) {
                case NOT_ENROLLED -> {
                    return unauthorized("totp-enrollment-required", "This account needs two-factor login: sign in "
                            + "on the login page once to enrol an authenticator app, then send its code as 'totp'.");
                }
                case MISSING -> {
                    return unauthorized("totp-required",
                            "This account needs two-factor login: send the authenticator app's code as 'totp'.");
                }
                case WRONG -> {
                    return unauthorized("bad-credentials",
                            "Wrong username or password, or the account is locked for a while.");
                }
                case OK -> attempts.completed(user);
            }
        }
        var issued = tokens.issue(user);
        return ResponseEntity.ok(new TokenResponse(issued.token(), issued.expiresAt()));
    }

    private static ResponseEntity<ProblemDetail> unauthorized(String type, String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(ApiExceptionHandler.problem(HttpStatus.UNAUTHORIZED, type, detail));
    }

    @DeleteMapping("/token")
    @Operation(summary = "Revoke the bearer token of this request")
    ResponseEntity<Void> revoke(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ResponseEntity.badRequest().build();
        }
        tokens.revoke(header.substring(7).trim(), Security.currentUser());
        return ResponseEntity.noContent().build();
    }
}
