package org.qualitycity.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL side of the module boundaries: a module's SQL names its own tables only. Tables (and views, functions,
 * sequences, types) are named after their module ({@code <module>_...}, as created in
 * {@code db/migration/<module>/}); the SQL of a module is every string literal and text block of its Java sources
 * that reads like SQL, and its {@code .sql} resources other than its own migrations. Another module's data is
 * read through that module's Java API ({@code UserDirectory}, {@code AuditHistory}, {@code SpotcheckRecords}, ...).
 * The only exceptions are {@link #SHARED_TABLES}. Module dependencies in Java are {@link ModularityTest}'s.
 */
class SqlTableBoundaryTest {

    private static final String ALL = "*";

    /**
     * The one list of tables a module may name although another module owns them, and who may.
     * <ul>
     * <li>{@code platform_unit}: the unit tree is the shared kernel of the database. The data-scope predicate
     * ({@link DataScope#predicate}) is defined on its materialised path, every record carries a unit, and lists show
     * and filter by unit name, code and order; an API round trip per row would cost a query per page for nothing the
     * platform needs to hide (read only: units are written by the platform alone).</li>
     * <li>{@code enterprise}: spot checks and credit list, sort and search their records by the enterprise's name
     * and credit code, and their public pages show them (read only). A read view owned by the enterprise module
     * would make this explicit; until then it is the accepted exception of docs/architecture.md
     * ("Known boundary exceptions"). Both modules declare the dependency on {@code enterprise}.</li>
     * </ul>
     */
    static final Map<String, Set<String>> SHARED_TABLES = Map.of(
            "platform_unit", Set.of(ALL),
            "enterprise", Set.of("spotcheck", "credit"));

    /** Tables of frameworks (Spring Session, Spring Modulith's event registry), created by platform migrations. */
    static final Set<String> FRAMEWORK_TABLES = Set.of("spring_session", "spring_session_attributes",
            "event_publication", "event_publication_archive");

    private static final Path JAVA = Path.of("src/main/java/org/qualitycity");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path MIGRATIONS = RESOURCES.resolve("db/migration");

    private static final Pattern CREATED = Pattern.compile("(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(?:unlogged\\s+)?"
            + "(?:table|view|materialized\\s+view|function|procedure|sequence|type)\\s+(?:if\\s+not\\s+exists\\s+)?"
            + "(?:public\\.)?([a-z_][a-z0-9_]*)");
    /** A literal that reads like SQL (the code base writes keywords in capitals). */
    private static final Pattern SQL_LIKE = Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|WITH|TABLE)\\b");
    /** The name after a keyword that introduces a table. */
    private static final Pattern AFTER_KEYWORD = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|references)\\s+(?:only\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)");

    @Test
    void everyModuleNamesOnlyItsOwnTablesInSql() throws IOException {
        Map<String, String> owners = tableOwners();
        Set<String> modules = modules();
        List<String> violations = new ArrayList<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(JAVA.resolve(module))) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
                    for (String literal : literals(read(f))) {
                        if (SQL_LIKE.matcher(literal).find()) {
                            check(module, f, literal, owners, modules, violations);
                        }
                    }
                });
            }
        }
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String module = moduleOfResource(f, modules);
                if (f.startsWith(MIGRATIONS.resolve(module))) {
                    continue; // a module's own migrations create its tables and may reference the units (foreign keys)
                }
                check(module, f, read(f), owners, modules, violations);
            }
        }
        assertThat(violations).as("SQL naming another module's table (read it through that module's API, or add a "
                + "justified entry to SqlTableBoundaryTest.SHARED_TABLES)").isEmpty();
    }

    /** Every table a migration creates carries its module's prefix, so that the prefix says who owns it. */
    @Test
    void tablesCarryTheirModulesPrefix() {
        List<String> wrong = new ArrayList<>();
        tableOwners().forEach((table, module) -> {
            if (!FRAMEWORK_TABLES.contains(table) && !table.equals(module) && !table.startsWith(module + "_")) {
                wrong.add(table + " in db/migration/" + module);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(tableOwners()).containsEntry("platform_user", "platform").containsEntry("spotcheck_sample", "spotcheck");
    }

    /** The scanner finds a foreign table in a text block and in a concatenated literal, and ignores non-SQL text. */
    @Test
    void theScannerFindsForeignTablesInLiteralsAndTextBlocks() {
        String source = """
                class X {
                    // "SELECT * FROM platform_user" in a comment is no SQL
                    static final String A = \"\"\"
                            SELECT a.id FROM jobs_job a
                            LEFT JOIN platform_user u ON u.id = a.created_by
                            \"\"\";
                    String b = "SELECT count(*) FROM spotcheck_sample s " + "WHERE s.id = :id";
                    String c = "enterprise:account:manage"; char q = '"';
                    String d = "SELECT 1 FROM platform_unit WHERE owner_type = 'enterprise'";
                    String e = "UPDATE platform_audit_head SET x = 1";
                }
                """;
        Map<String, String> owners = Map.of("platform_user", "platform", "spotcheck_sample", "spotcheck",
                "jobs_job", "jobs", "platform_unit", "platform", "enterprise", "enterprise",
                "platform_audit_head", "platform");
        Set<String> modules = Set.of("platform", "jobs", "spotcheck", "enterprise");
        List<String> violations = new ArrayList<>();
        for (String literal : literals(source)) {
            if (SQL_LIKE.matcher(literal).find()) {
                check("jobs", Path.of("X.java"), literal, owners, modules, violations);
            }
        }
        assertThat(violations).containsExactlyInAnyOrder("X.java (jobs): platform_user of platform",
                "X.java (jobs): spotcheck_sample of spotcheck", "X.java (jobs): platform_audit_head of platform");
    }

    private static void check(String module, Path file, String sql, Map<String, String> owners, Set<String> modules,
                              List<String> violations) {
        Set<String> named = new TreeSet<>();
        for (Map.Entry<String, String> t : owners.entrySet()) {
            // the name as a whole word, not a bound parameter (:name), a column (x.name) or a quoted value ('name')
            Matcher m = Pattern.compile("(?<![\\w.:'])" + Pattern.quote(t.getKey()) + "(?![\\w'])").matcher(sql);
            if (m.find()) {
                named.add(t.getKey());
            }
        }
        Matcher k = AFTER_KEYWORD.matcher(sql);
        while (k.find()) { // a table not created by any migration (yet) but named with another module's prefix
            String name = k.group(1).toLowerCase();
            for (String other : modules) {
                if (name.equals(other) || name.startsWith(other + "_")) {
                    named.add(name);
                }
            }
        }
        for (String table : named) {
            String owner = owners.getOrDefault(table, ownerByPrefix(table, modules));
            if (owner == null || owner.equals(module) || FRAMEWORK_TABLES.contains(table)) {
                continue;
            }
            Set<String> allowed = SHARED_TABLES.getOrDefault(table, Set.of());
            if (!allowed.contains(ALL) && !allowed.contains(module)) {
                String v = file.toString().replace('\\', '/') + " (" + module + "): " + table + " of " + owner;
                if (!violations.contains(v)) {
                    violations.add(v);
                }
            }
        }
    }

    private static String ownerByPrefix(String table, Set<String> modules) {
        return modules.stream().filter(m -> table.equals(m) || table.startsWith(m + "_"))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
    }

    /** Table (view, function, ...) name → the module whose migrations create it. */
    static Map<String, String> tableOwners() {
        Map<String, String> owners = new TreeMap<>();
        try (Stream<Path> folders = Files.list(MIGRATIONS)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String module = folder.getFileName().toString();
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
                        Matcher m = CREATED.matcher(read(f));
                        while (m.find()) {
                            owners.put(m.group(1).toLowerCase(), module);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owners;
    }

    private static Set<String> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(JAVA)) {
            Set<String> modules = new TreeSet<>();
            dirs.filter(Files::isDirectory).forEach(d -> modules.add(d.getFileName().toString()));
            return modules;
        }
    }

    private static String moduleOfResource(Path file, Set<String> modules) {
        for (Path part : RESOURCES.relativize(file)) {
            if (modules.contains(part.toString())) {
                return part.toString();
            }
        }
        throw new AssertionError(file + ": an .sql resource belongs in a folder named after its module");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of the string literals and text blocks of a Java source (comments and char literals skipped). */
    static List<String> literals(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i++;
                while (i < n && src.charAt(i) != '\'') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i) + 1;
                int j = start;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(src.substring(start, Math.min(j, n)));
                i = j + 3;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder s = new StringBuilder();
                while (j < n && src.charAt(j) != '"' && src.charAt(j) != '\n') {
                    if (src.charAt(j) == '\\' && j + 1 < n) {
                        s.append(src.charAt(j + 1));
                        j += 2;
                    } else {
                        s.append(src.charAt(j++));
                    }
                }
                out.add(s.toString());
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
