package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.internal.UserService;
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

    private final UserService users;

    MeApiController(UserService users) {
        this.users = users;
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
