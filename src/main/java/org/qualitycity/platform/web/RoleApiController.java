package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Permission;
import org.qualitycity.platform.internal.PermissionRegistry;
import org.qualitycity.platform.internal.RoleService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.Collection;
import java.util.List;

@ApiController("/api/v1/roles")
@Tag(name = "Roles")
class RoleApiController {

    private final RoleService roles;
    private final PermissionRegistry permissions;

    RoleApiController(RoleService roles, PermissionRegistry permissions) {
        this.roles = roles;
        this.permissions = permissions;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('platform:role:view')")
    @Operation(summary = "All roles with their permission patterns, data scope and account kind")
    List<RoleService.Role> list() {
        return roles.all();
    }

    @GetMapping("/permissions")
    @PreAuthorize("hasAuthority('platform:role:view')")
    @Operation(summary = "Every permission the modules declare")
    Collection<Permission> permissions() {
        return permissions.all();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('platform:role:view')")
    @Operation(summary = "One role")
    RoleService.Role get(@PathVariable long id) {
        return roles.byId(id).orElseThrow(() -> new NotFoundException("role " + id));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('platform:role:edit')")
    @Operation(summary = "Create a role from permission patterns, a data scope and an account kind")
    ResponseEntity<RoleService.Role> create(@Valid @RequestBody RoleService.SaveRole req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(roles.create(req));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('platform:role:edit')")
    @Operation(summary = "Change a role's names, permission patterns, data scope or account kind")
    RoleService.Role update(@PathVariable long id, @Valid @RequestBody RoleService.SaveRole req) {
        return roles.update(id, req);
    }
}
