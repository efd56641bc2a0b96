package org.qualitycity.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.internal.UnitService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApiController("/api/v1/units")
@Tag(name = "Units")
@Validated
class UnitApiController {

    /** A unit; {@code roles}: what it does for the programme (Unit.Role), from the unit tree file. */
    record UnitView(String code, String nameZh, String nameEn, String kind, String parentCode, int level,
                    int sortOrder, boolean active, List<String> roles) {
        static UnitView of(Unit u) {
            return new UnitView(u.code(), u.nameZh(), u.nameEn(), u.kind().name(), u.parentCode(), u.level(),
                    u.sortOrder(), u.active(), u.roles().stream().map(Enum::name).sorted().toList());
        }
    }

    record UnitNode(String code, String nameZh, String nameEn, String kind, boolean active, List<UnitNode> children) {
    }

    private final UnitService units;

    UnitApiController(UnitService units) {
        this.units = units;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('platform:unit:view')")
    @Operation(summary = "Units in the caller's scope: flat with parent codes (default) or as a tree (format=tree)")
    Object list(@RequestParam(defaultValue = "flat") @Pattern(regexp = "flat|tree") String format) {
        List<Unit> visible = units.visibleTo(Security.currentUser());
        if (format.equals("flat")) {
            return visible.stream().map(UnitView::of).toList();
        }
        return tree(visible);
    }

    static List<UnitNode> tree(List<Unit> visible) {
        Map<Long, List<Unit>> byParent = new LinkedHashMap<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        visible.forEach(u -> ids.add(u.id()));
        List<Unit> roots = new ArrayList<>();
        for (Unit u : visible) {
            if (u.parentId() == null || !ids.contains(u.parentId())) {
                roots.add(u);
            } else {
                byParent.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
            }
        }
        return roots.stream().map(r -> node(r, byParent)).toList();
    }

    private static UnitNode node(Unit u, Map<Long, List<Unit>> byParent) {
        List<UnitNode> children = byParent.getOrDefault(u.id(), List.of()).stream()
                .sorted(java.util.Comparator.comparingInt(Unit::sortOrder).thenComparing(Unit::code))
                .map(c -> node(c, byParent)).toList();
        return new UnitNode(u.code(), u.nameZh(), u.nameEn(), u.kind().name(), u.active(), children);
    }

    @GetMapping("/{code}")
    @PreAuthorize("hasAuthority('platform:unit:view')")
    @Operation(summary = "One unit in the caller's scope, by code")
    UnitView get(@PathVariable String code) {
        return UnitView.of(units.requireVisible(code, Security.currentUser()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Add a unit under a parent in the caller's scope")
    ResponseEntity<UnitView> create(@Valid @RequestBody UnitService.CreateUnit req) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(UnitView.of(units.create(req, Security.currentUser())));
    }

    @PutMapping(value = "/tree", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Import a unit tree file (format qualitycity-units/1, docs/operations.md): creates the units "
            + "it lists and gives existing ones (by code) its names, kind, parent, sort order and roles; other units "
            + "are left alone. City-wide administrators only (403 otherwise); its city must be the register's. "
            + "A file with problems answers 400 naming each entry and field")
    UnitService.ImportResult importTree(@RequestBody(required = false) byte[] body) {
        String text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return units.importTree(text, Security.currentUser());
    }

    @PutMapping("/{code}")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Rename a unit")
    UnitView rename(@PathVariable String code, @Valid @RequestBody UnitService.RenameUnit req) {
        return UnitView.of(units.rename(code, req, Security.currentUser()));
    }

    @PostMapping("/{code}/move")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Move a unit (with its sub-units) under another parent")
    UnitView move(@PathVariable String code, @Valid @RequestBody UnitService.MoveUnit req) {
        return UnitView.of(units.move(code, req, Security.currentUser()));
    }

    @PostMapping("/{code}/deactivate")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Deactivate a unit: it keeps its records but takes no new ones")
    UnitView deactivate(@PathVariable String code) {
        return UnitView.of(units.setActive(code, false, Security.currentUser()));
    }

    @PostMapping("/{code}/activate")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Activate a deactivated unit again")
    UnitView activate(@PathVariable String code) {
        return UnitView.of(units.setActive(code, true, Security.currentUser()));
    }

    @DeleteMapping("/{code}")
    @PreAuthorize("hasAuthority('platform:unit:edit')")
    @Operation(summary = "Delete a unit that has no records (otherwise 409: deactivate it)")
    ResponseEntity<Void> delete(@PathVariable String code) {
        units.delete(code, Security.currentUser());
        return ResponseEntity.noContent().build();
    }
}
