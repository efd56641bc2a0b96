package org.qualitycity.platform.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** The unit tree: reads for every module, and the changes an administrator may make, in scope. */
@Service
public class UnitService implements Units {

    public record CreateUnit(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[0-9A-Z][0-9A-Z-]{1,31}",
                    message = "{unit.code.pattern}") String code,
            @NotBlank @Size(max = 100) String nameZh,
            @NotBlank @Size(max = 200) String nameEn,
            @NotNull Unit.Kind kind,
            @NotBlank @Size(max = 32) String parentCode,
            Integer sortOrder) {
    }

    public record RenameUnit(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 200) String nameEn,
                             Integer sortOrder) {
    }

    public record MoveUnit(@NotBlank @Size(max = 32) String parentCode) {
    }

    private final UnitRepository repo;
    private final AuditLog audit;

    UnitService(UnitRepository repo, AuditLog audit) {
        this.repo = repo;
        this.audit = audit;
    }

    @Override
    public Optional<Unit> byCode(String code) {
        return code == null ? Optional.empty() : repo.byCode(code);
    }

    @Override
    public Optional<Unit> byId(long id) {
        return repo.byId(id);
    }

    @Override
    public List<Unit> all() {
        return repo.all();
    }

    @Override
    public Unit city() {
        // one row, not the register (the public complaint intake asks this on every submission)
        return repo.root().orElseThrow(() -> new IllegalStateException("the unit register is empty"));
    }

    @Override
    public Optional<Unit> withRole(Unit.Role role) {
        return repo.firstWithRole(role);
    }

    @Override
    public Optional<Unit> withRole(Unit.Role role, Unit within) {
        return repo.all().stream().filter(u -> u.active() && u.hasRole(role) && u.path().startsWith(within.path()))
                .findFirst();
    }

    /** Fills an empty register from a unit tree file (the start-up loader); answers the number of units, 0 if not empty. */
    @Transactional
    public int loadIfEmpty(UnitTreeFile file) {
        if (repo.count() > 0) {
            return 0;
        }
        // a second node starting at the same time waits here and then finds the units present
        repo.lockTree();
        if (repo.count() > 0) {
            return 0;
        }
        return merge(file).created();
    }

    /** What an import did: units created and units changed (names, kind, parent, sort order or roles). */
    public record ImportResult(int created, int updated, int unchanged) {
    }

    /**
     * Imports a unit tree file into the register (administrators with the ALL scope): creates the units it lists
     * that do not exist, and gives existing ones (by code) the file's names, kind, parent, sort order and roles.
     * Units the file does not list are left alone (deactivate or delete them as usual). The file's city must be the
     * register's city.
     */
    @Transactional
    public ImportResult importTree(String text, CurrentUser user) {
        if (user.scopeKind() != DataScope.Kind.ALL) {
            throw new org.springframework.security.access.AccessDeniedException(Texts.msg("platform.error.unit-tree-city-wide"));
        }
        UnitTreeFile file = UnitTreeFile.parse(text);
        repo.lockTree();
        if (repo.count() > 0 && !city().code().equals(file.city().code())) {
            throw new ValidationException("units[0].code", Texts.msg("platform.error.register-city", city().code()));
        }
        return merge(file);
    }

    private ImportResult merge(UnitTreeFile file) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (UnitTreeFile.Entry e : file.units()) {
            Optional<Unit> existing = repo.byCode(e.code());
            if (existing.isEmpty()) {
                long id;
                if (e.parent() == null) {
                    id = repo.insertRoot(e.code(), e.nameZh(), e.nameEn(), e.sort(), e.roles());
                } else {
                    Unit parent = repo.byCode(e.parent()).orElseThrow();
                    id = repo.insert(e.code(), e.nameZh(), e.nameEn(), e.kind(), parent, e.sort());
                    repo.setRoles(id, e.roles());
                }
                Unit after = repo.byId(id).orElseThrow();
                audit.record("platform", "unit", after.code(), after.id(), "CREATE", null, after);
                created++;
                continue;
            }
            Unit before = existing.get();
            if (e.parent() != null && !e.parent().equals(before.parentCode())) {
                Unit parent = repo.byCode(e.parent()).orElseThrow();
                if (parent.path().startsWith(before.path())) {
                    throw new ValidationException("units", Texts.msg("platform.error.move-under-own-sub-unit", e.code(), e.parent()));
                }
                repo.move(before, parent);
            }
            if (!before.nameZh().equals(e.nameZh()) || !before.nameEn().equals(e.nameEn())
                    || before.sortOrder() != e.sort()) {
                repo.rename(before.id(), e.nameZh(), e.nameEn(), e.sort());
            }
            if (before.kind() != e.kind() && e.parent() != null) {
                repo.setKind(before.id(), e.kind());
            }
            if (!before.roles().equals(e.roles())) {
                repo.setRoles(before.id(), e.roles());
            }
            Unit after = repo.byId(before.id()).orElseThrow();
            if (after.equals(before)) {
                unchanged++;
            } else {
                audit.record("platform", "unit", after.code(), after.id(), "IMPORT", before, after);
                updated++;
            }
        }
        return new ImportResult(created, updated, unchanged);
    }

    @Override
    public List<Unit> areas() {
        return repo.all().stream().filter(Unit::isArea).toList();
    }

    @Override
    public List<Unit> visibleToAreas(CurrentUser user) {
        return visibleTo(user).stream().filter(u -> u.parentId() == null || u.isArea()).toList();
    }

    public List<Unit> visibleTo(CurrentUser user) {
        return repo.inScope(user.scope());
    }

    @Override
    public Unit requireVisible(String code, CurrentUser user) {
        return byCode(code).filter(u -> covers(user, u))
                .orElseThrow(() -> new NotFoundException("unit " + code));
    }

    @Override
    public Unit requireVisible(String code, CurrentUser user, String module) {
        return byCode(code).filter(u -> user.scope(module).covers(u.id(), u.path(), null))
                .orElseThrow(() -> new NotFoundException("unit " + code));
    }

    @Override
    public boolean isVisible(long unitId, CurrentUser user) {
        return repo.byId(unitId).map(u -> covers(user, u)).orElse(false);
    }

    static boolean covers(CurrentUser user, Unit u) {
        return user.scope().covers(u.id(), u.path(), null);
    }

    /** Outside the ALL scope a user manages only units strictly below its own unit. */
    private Unit requireManageable(String code, CurrentUser user) {
        Unit u = requireVisible(code, user);
        if (user.scopeKind() != DataScope.Kind.ALL && u.id() == user.unitId()) {
            throw new ConflictException(Texts.msg("platform.error.own-unit"));
        }
        return u;
    }

    @Transactional
    public Unit create(CreateUnit req, CurrentUser user) {
        Unit parent = requireVisible(req.parentCode(), user);
        if (req.kind() == Unit.Kind.CITY) {
            throw new ValidationException("kind", Texts.msg("platform.error.one-city"));
        }
        if (user.scopeKind() != DataScope.Kind.ALL && req.kind() != Unit.Kind.SUBUNIT) {
            throw new ValidationException("kind", Texts.msg("platform.error.sub-units-only"));
        }
        if (repo.byCode(req.code()).isPresent()) {
            throw new ValidationException("code", Texts.msg("platform.error.unit-code-taken", req.code()));
        }
        long id = repo.insert(req.code(), req.nameZh().trim(), req.nameEn().trim(), req.kind(), parent,
                req.sortOrder() == null ? 0 : req.sortOrder());
        Unit created = repo.byId(id).orElseThrow();
        audit.record("platform", "unit", created.code(), created.id(), "CREATE", null, created);
        return created;
    }

    @Transactional
    public Unit rename(String code, RenameUnit req, CurrentUser user) {
        Unit before = requireManageable(code, user);
        repo.rename(before.id(), req.nameZh().trim(), req.nameEn().trim(),
                req.sortOrder() == null ? before.sortOrder() : req.sortOrder());
        Unit after = repo.byId(before.id()).orElseThrow();
        audit.record("platform", "unit", code, before.id(), "UPDATE", before, after);
        return after;
    }

    @Transactional
    public Unit move(String code, MoveUnit req, CurrentUser user) {
        Unit before = requireManageable(code, user);
        Unit parent = requireVisible(req.parentCode(), user);
        if (before.parentId() == null) {
            throw new ValidationException("parentCode", Texts.msg("platform.error.city-cannot-move"));
        }
        if (parent.path().startsWith(before.path())) {
            throw new ValidationException("parentCode", Texts.msg("platform.error.move-under-itself"));
        }
        repo.move(before, parent);
        Unit after = repo.byId(before.id()).orElseThrow();
        audit.record("platform", "unit", code, before.id(), "MOVE", before, after);
        return after;
    }

    @Transactional
    public Unit setActive(String code, boolean active, CurrentUser user) {
        Unit before = requireManageable(code, user);
        if (before.parentId() == null) {
            throw new ConflictException(Texts.msg("platform.error.city-cannot-deactivate"));
        }
        if (!active && repo.countActiveChildren(before.id()) > 0) {
            throw new ConflictException(Texts.msg("platform.error.deactivate-sub-units-first", before.name(Texts.locale())));
        }
        repo.setActive(before.id(), active);
        Unit after = repo.byId(before.id()).orElseThrow();
        audit.record("platform", "unit", code, before.id(), active ? "ACTIVATE" : "DEACTIVATE", before, after);
        return after;
    }

    /** Deletes a unit that has no records at all; one that has records can only be deactivated. */
    @Transactional
    public void delete(String code, CurrentUser user) {
        Unit before = requireManageable(code, user);
        if (before.parentId() == null || repo.countChildren(before.id()) > 0) {
            throw new ConflictException(Texts.msg("platform.error.unit-has-sub-units"));
        }
        try {
            repo.delete(before.id());
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(Texts.msg("platform.error.unit-has-records"));
        }
        audit.record("platform", "unit", code, before.id(), "DELETE", before, null);
    }
}
