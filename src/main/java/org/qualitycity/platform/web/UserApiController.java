package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.ExcelExport;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.internal.UserService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

@ApiController("/api/v1/users")
@Tag(name = "Users")
class UserApiController {

    private final UserService users;

    private final java.time.Clock clock;

    UserApiController(UserService users, java.time.Clock clock) {
        this.clock = clock;
        this.users = users;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('platform:user:view')")
    @Operation(summary = "Users in the caller's data scope, paginated (page, size, sort, dir) and filtered (q, unitCode, active)")
    PageResult<UserService.UserView> list(@Valid @ModelAttribute UserService.Filter filter, @Valid @ModelAttribute ListQuery q) {
        return users.page(filter, q, Security.currentUser());
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('platform:user:view')")
    @Operation(summary = "The same list as Excel")
    ResponseEntity<StreamingResponseBody> export(@Valid @ModelAttribute UserService.Filter filter,
                                                 @Valid @ModelAttribute ListQuery q) {
        return ExcelExport.response(clock, "users", "users", UserColumns.COLUMNS, users.all(filter, q, Security.currentUser()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('platform:user:view')")
    @Operation(summary = "One user in the caller's data scope")
    UserService.UserView get(@PathVariable long id) {
        return users.get(id, Security.currentUser());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('platform:user:edit')")
    @Operation(summary = "Create a user in a unit of the caller's scope, with roles the caller may grant")
    ResponseEntity<UserService.UserView> create(@Valid @RequestBody UserService.CreateUser req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(users.create(req, Security.currentUser()));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    @Operation(summary = "Change a user's details, unit and roles")
    UserService.UserView update(@PathVariable long id, @Valid @RequestBody UserService.UpdateUser req) {
        return users.update(id, req, Security.currentUser());
    }

    @PostMapping("/{id}/password")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    @Operation(summary = "Set a user's password (administrator)")
    ResponseEntity<Void> setPassword(@PathVariable long id, @Valid @RequestBody UserService.SetPassword req) {
        users.setPassword(id, req, Security.currentUser());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/unlock")
    @PreAuthorize("hasAuthority('platform:user:edit')")
    @Operation(summary = "Lift a user's lock-out after failed logins")
    UserService.UserView unlock(@PathVariable long id) {
        return users.unlock(id, Security.currentUser());
    }
}
