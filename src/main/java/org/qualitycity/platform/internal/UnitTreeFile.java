package org.qualitycity.platform.internal;

import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.ValidationException.FieldProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A unit tree file ({@code format: qualitycity-units/1}): the city first (kind CITY, no parent), then every unit
 * after its parent, each with code, kind, names in Chinese and English, sort order and roles. The bundled default is
 * {@code plans/xianning-units.yaml}; {@code qc.city.units} names another. Problems name the entry and field
 * ({@code units[3].parent}).
 */
record UnitTreeFile(List<Entry> units) {

    static final String FORMAT = "qualitycity-units/1";
    private static final Pattern CODE = Pattern.compile("[0-9A-Z][0-9A-Z-]{1,31}");

    /** One unit of the file; {@code parent} is null for the city. */
    record Entry(String code, String parent, Unit.Kind kind, String nameZh, String nameEn, int sort,
                 Set<Unit.Role> roles) {
    }

    Entry city() {
        return units.get(0);
    }

    static UnitTreeFile parse(String text) {
        Object doc;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new ValidationException("file", Texts.msg("platform.error.unit-tree.not-yaml", e.getMessage()));
        }
        if (!(doc instanceof Map<?, ?> root) || !FORMAT.equals(String.valueOf(root.get("format")))) {
            throw new ValidationException("format", Texts.msg("platform.error.unit-tree.format", FORMAT));
        }
        if (!(root.get("units") instanceof List<?> list) || list.isEmpty()) {
            throw new ValidationException("units", Texts.msg("platform.error.unit-tree.units"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "units[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(new FieldProblem(at, Texts.msg("platform.error.unit-tree.unit")));
                continue;
            }
            String code = text(m, "code");
            String parent = text(m, "parent");
            String nameZh = text(m, "name_zh");
            String nameEn = text(m, "name_en");
            Unit.Kind kind = null;
            try {
                kind = Unit.Kind.valueOf(String.valueOf(m.get("kind")));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(at + ".kind", Texts.msg("error.one-of", "CITY, DISTRICT, ZONE, DEPARTMENT, SUBUNIT")));
            }
            if (code == null || !CODE.matcher(code).matches()) {
                problems.add(new FieldProblem(at + ".code", Texts.msg("platform.error.unit-tree.code")));
            } else if (!codes.add(code)) {
                problems.add(new FieldProblem(at + ".code", Texts.msg("platform.error.unit-tree.duplicate-code", code)));
            }
            if (i == 0 && (parent != null || kind != Unit.Kind.CITY)) {
                problems.add(new FieldProblem(at, Texts.msg("platform.error.unit-tree.first-is-city")));
            } else if (i > 0 && kind == Unit.Kind.CITY) {
                problems.add(new FieldProblem(at + ".kind", Texts.msg("platform.error.unit-tree.only-first-city")));
            } else if (i > 0 && (parent == null || !codes.contains(parent) || parent.equals(code))) {
                problems.add(new FieldProblem(at + ".parent", Texts.msg("platform.error.unit-tree.parent")));
            }
            if (nameZh == null || nameZh.length() > 100) {
                problems.add(new FieldProblem(at + ".name_zh", Texts.msg("error.required-max-chars", 100)));
            }
            if (nameEn == null || nameEn.length() > 200) {
                problems.add(new FieldProblem(at + ".name_en", Texts.msg("error.required-max-chars", 200)));
            }
            int sort = 0;
            Object s = m.get("sort");
            if (s instanceof Integer n) {
                sort = n;
            } else if (s != null) {
                problems.add(new FieldProblem(at + ".sort", Texts.msg("platform.error.unit-tree.whole-number")));
            }
            Set<Unit.Role> roles = EnumSet.noneOf(Unit.Role.class);
            Object r = m.get("roles");
            if (r instanceof List<?> rl) {
                for (Object o : rl) {
                    try {
                        roles.add(Unit.Role.valueOf(String.valueOf(o)));
                    } catch (IllegalArgumentException e) {
                        problems.add(new FieldProblem(at + ".roles", Texts.msg("platform.error.unit-tree.unknown-role", o, List.of(Unit.Role.values()))));
                    }
                }
            } else if (r != null) {
                problems.add(new FieldProblem(at + ".roles", Texts.msg("platform.error.unit-tree.roles")));
            }
            entries.add(new Entry(code, i == 0 ? null : parent, kind, nameZh, nameEn, sort, roles));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new UnitTreeFile(List.copyOf(entries));
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }
}
