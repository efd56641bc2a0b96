package org.qualitycity.platform.internal;

import org.qualitycity.platform.Permission;
import org.qualitycity.platform.PermissionCatalog;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** All permissions the modules declare, and expansion of role patterns against them. */
@Component
public class PermissionRegistry {

    private final Map<String, Permission> all = new LinkedHashMap<>();

    PermissionRegistry(List<PermissionCatalog> catalogs) {
        catalogs.stream().flatMap(c -> c.permissions().stream())
                .sorted(Comparator.comparing(Permission::code))
                .forEach(p -> all.put(p.code(), p));
    }

    public Collection<Permission> all() {
        return all.values();
    }

    public boolean isValidPattern(String pattern) {
        return !expand(List.of(pattern.startsWith("!") ? pattern.substring(1) : pattern)).isEmpty();
    }

    /**
     * Expands patterns such as {@code *}, {@code complaint:*}, {@code *:*:view} to known permissions; a pattern
     * with a leading {@code !} removes what it matches from the result, whatever the order of the patterns.
     */
    public Set<String> expand(Collection<String> patterns) {
        Set<String> result = new TreeSet<>();
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                continue;
            }
            for (String code : all.keySet()) {
                if (matches(pattern, code)) {
                    result.add(code);
                }
            }
        }
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                result.removeIf(code -> matches(pattern.substring(1), code));
            }
        }
        return result;
    }

    static boolean matches(String pattern, String code) {
        if (pattern.equals("*") || pattern.equals(code)) {
            return true;
        }
        String[] p = pattern.split(":");
        String[] c = code.split(":");
        for (int i = 0; i < c.length; i++) {
            if (i >= p.length) {
                return false;
            }
            if (p[i].equals("*") && i == p.length - 1) {
                return true;
            }
            if (!p[i].equals("*") && !p[i].equals(c[i])) {
                return false;
            }
        }
        return p.length == c.length;
    }
}
