package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.internal.TwoFactor;
import org.qualitycity.platform.internal.UserService;
import org.qualitycity.platform.internal.UserSessions;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.List;
import java.util.Set;

@ApiController("/api/v1/me")
@Tag(name = "Me")
class MeApiController {

    record MeView(long id, String username, String displayName, UnitRef unit, List<String> roles,
                  Set<String> permissions, String dataScope) {
    }

    record UnitRef(String code, String name) {
    }

    record ConfirmTotp(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 20)
                       String code) {
    }

    record RecoveryCodes(List<String> recoveryCodes) {
    }

    private final UserService users;
    private final TwoFactor twoFactor;
    private final UserSessions sessions;

    MeApiController(UserService users, TwoFactor twoFactor, UserSessions sessions) {
        this.users = users;
        this.twoFactor = twoFactor;
        this.sessions = sessions;
    }

    @PostMapping("/totp")
    @Operation(summary = "Start two-factor enrolment: a new TOTP secret with its otpauth:// URI and QR code (PNG data "
            + "URI); it takes effect when a code from it is confirmed")
    TwoFactor.Enrolment startTotp() {
        return twoFactor.start(Security.currentUser());
    }

    @PostMapping("/totp/confirm")
    @Operation(summary = "Confirm two-factor enrolment with a code; answers the ten recovery codes, shown once")
    RecoveryCodes confirmTotp(@Valid @RequestBody ConfirmTotp req) {
        return new RecoveryCodes(twoFactor.confirm(Security.currentUser(), req.code()));
    }

    @GetMapping("/sessions")
    @Operation(summary = "The caller's own browser sessions")
    List<UserSessions.SessionView> sessions() {
        return sessions.of(Security.currentUser().username(), UserSessions.currentSessionId());
    }

    @DeleteMapping("/sessions/{id}")
    @Operation(summary = "End one of the caller's own browser sessions")
    ResponseEntity<Void> endSession(@PathVariable String id) {
        if (id.length() > 36 || !sessions.end(Security.currentUser(), id)) {
            throw new NotFoundException("session " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @Operation(summary = "The signed-in user: unit, roles, effective permissions and data scope")
    MeView me() {
        CurrentUser u = Security.currentUser();
        return new MeView(u.id(), u.username(), u.displayName(), new UnitRef(u.unitCode(), u.unitName()),
                u.roles().stream().sorted().toList(), u.permissions(), u.scopeKind().name());
    }

    @PostMapping("/password")
    @Operation(summary = "Change one's own password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody UserService.ChangeOwnPassword req) {
        users.changeOwnPassword(req, Security.currentUser());
        return ResponseEntity.noContent().build();
    }
}
