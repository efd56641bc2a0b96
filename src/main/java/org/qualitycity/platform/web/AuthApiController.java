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
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.time.Instant;

@ApiController("/api/v1/auth")
@Tag(name = "Authentication")
class AuthApiController {

    record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    private final AuthenticationManager authentication;
    private final ApiTokens tokens;

    AuthApiController(AuthenticationManager authentication, ApiTokens tokens) {
        this.authentication = authentication;
        this.tokens = tokens;
    }

    @PostMapping("/token")
    @Operation(summary = "Exchange username and password for a bearer token")
    ResponseEntity<?> token(@Valid @RequestBody TokenRequest req) {
        try {
            var auth = authentication.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(req.username(), req.password()));
            CurrentUser user = ((Security.CurrentUserHolder) auth.getPrincipal()).currentUser();
            var issued = tokens.issue(user);
            return ResponseEntity.ok(new TokenResponse(issued.token(), issued.expiresAt()));
        } catch (LockedException e) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiExceptionHandler.problem(
                    HttpStatus.UNAUTHORIZED, "account-locked",
                    "The account is locked after repeated failed logins; try again later."));
        } catch (AuthenticationException e) {
            ProblemDetail p = ApiExceptionHandler.problem(HttpStatus.UNAUTHORIZED, "bad-credentials",
                    "Wrong username or password.");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(p);
        }
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
