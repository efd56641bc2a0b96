package org.qualitycity.platform.internal;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Backup and restore of a QualityCity installation (command line, no web server).
 *
 * <p>A backup folder holds {@code db/<schema>.<table>.copy.gz} (every table, COPY text format, all read
 * in one REPEATABLE READ snapshot: a consistent dump of any PostgreSQL version, without a
 * {@code pg_dump} binary of the server's version), {@code data/} (the data directory without the
 * database: attachments under {@code files/}, the master key file under {@code keys/}),
 * {@code backup.properties} (row counts, sequence values, applied migrations) and
 * {@code manifest.sha256} (SHA-256 of every other file, {@code sha256sum -c} format).
 *
 * <p>Restore verifies the manifest, refuses a non-empty target, creates the schema with the
 * migrations the backup had applied, loads every table, sets the sequences and checks the row counts.
 */
public final class BackupRestore {

    static final String MANIFEST = "manifest.sha256";
    static final String INFO = "backup.properties";
    private static final Set<String> NOT_COPIED = Set.of("pgdata", "qualitycity.lock");

    private final PrintStream out;

    private final java.time.Clock clock;

    public BackupRestore(PrintStream out) {
        this(out, java.time.Clock.systemUTC());
    }

    /** {@code clock}: the time written into the backup's description (the command runs without the application). */
    public BackupRestore(PrintStream out, java.time.Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------ backup

    /** Writes a backup of the installation in {@code dataDir} (and its database) into the new or empty folder {@code target}. */
    public Map<String, Long> backup(Path dataDir, String dbUrl, String dbUser, String dbPassword, Path target)
            throws IOException, SQLException {
        requireEmpty(target, "backup folder");
        Files.createDirectories(target.resolve("db"));
        Properties info = new Properties();
        Map<String, Long> counts = new TreeMap<>();
        long t0 = System.nanoTime();
        try (DatabaseTarget db = DatabaseTarget.open(dataDir, dbUrl, dbUser, dbPassword); Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<String> tables = tables(c);
            for (String table : tables) {
                List<String> cols = columns(c, table);
                Path file = target.resolve("db").resolve(table + ".copy.gz");
                long rows;
                try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    rows = copy.copyOut("COPY " + qualified(table) + " (" + String.join(", ", quoted(cols))
                            + ") TO STDOUT", o);
                }
                counts.put(table, rows);
                info.setProperty("table." + table + ".rows", Long.toString(rows));
                info.setProperty("table." + table + ".columns", String.join(",", cols));
            }
            info.setProperty("tables", String.join(",", tables));
            // partitions of partitioned tables (monitoring_point_yYYYYmMM …) are created at run time, not by the
            // migrations: the backup keeps each one's parent and bounds so that the restore can create it again
            List<String> partitions = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT n.nspname || '.' || c.relname, pn.nspname || '.' || p.relname, pg_get_expr(c.relpartbound, c.oid)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
                    JOIN pg_namespace pn ON pn.oid = p.relnamespace
                    WHERE c.relispartition AND c.relkind = 'r' ORDER BY 1""")) {
                while (rs.next()) {
                    partitions.add(rs.getString(1));
                    info.setProperty("partition." + rs.getString(1) + ".parent", rs.getString(2));
                    info.setProperty("partition." + rs.getString(1) + ".bound", rs.getString(3));
                }
            }
            info.setProperty("partitions", String.join(",", partitions));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences ORDER BY 1")) {
                List<String> seqs = new ArrayList<>();
                while (rs.next()) {
                    seqs.add(rs.getString(1));
                    String v = rs.getString(2);
                    info.setProperty("sequence." + rs.getString(1), v == null ? "" : v);
                }
                info.setProperty("sequences", String.join(",", seqs));
            }
            info.setProperty("migrations", String.join(",", appliedMigrations(c)));
            info.setProperty("serverVersion", c.getMetaData().getDatabaseProductVersion());
            c.rollback();
        }
        copyTree(dataDir, target.resolve("data"), true);
        info.setProperty("format", "1");
        info.setProperty("createdAt", Instant.now(clock).toString());
        info.setProperty("masterKey", Files.exists(MasterKey.keyFile(target.resolve("data")))
                ? "data/keys/master.key" : "not in the backup (" + MasterKey.ENV + ")");
        try (OutputStream o = Files.newOutputStream(target.resolve(INFO))) {
            info.store(o, "QualityCity backup");
        }
        writeManifest(target);
        out.printf("Backup written to %s: %d tables, %d rows (%d ms)%n", target, counts.size(),
                counts.values().stream().mapToLong(Long::longValue).sum(), (System.nanoTime() - t0) / 1_000_000);
        return counts;
    }

    // ------------------------------------------------------------------------------------ restore

    /**
     * Restores the backup in {@code source} into the new or empty data directory {@code dataDir} (and the
     * embedded database created there, or the empty external database given). Returns the row counts.
     */
    public Map<String, Long> restore(Path source, Path dataDir, String dbUrl, String dbUser, String dbPassword)
            throws IOException, SQLException {
        long t0 = System.nanoTime();
        verifyManifest(source);
        requireEmpty(dataDir, "data directory");
        Properties info = new Properties();
        try (InputStream in = Files.newInputStream(source.resolve(INFO))) {
            info.load(in);
        }
        if (!"1".equals(info.getProperty("format"))) {
            throw new IllegalStateException("unknown backup format " + info.getProperty("format"));
        }
        copyTree(source.resolve("data"), dataDir, false);
        Path key = MasterKey.keyFile(dataDir);
        if (Files.exists(key)) {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        List<String> tables = List.of(info.getProperty("tables").split(","));
        Map<String, Long> counts = new TreeMap<>();
        try (DatabaseTarget db = DatabaseTarget.open(dataDir, dbUrl, dbUser, dbPassword)) {
            try (Connection c = db.connect()) {
                if (!tables(c).isEmpty()) {
                    throw new IllegalStateException("the database is not empty: restore only into a new database");
                }
            }
            Set<String> migrations = new TreeSet<>(List.of(info.getProperty("migrations").split(",")));
            MigrationVersion last = migrations.stream().map(MigrationVersion::fromVersion).max(Comparator.naturalOrder())
                    .orElseThrow();
            Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                    .outOfOrder(true).target(last).load().migrate();
            try (Connection c = db.connect()) {
                Set<String> applied = new TreeSet<>(appliedMigrations(c));
                if (!applied.equals(migrations)) {
                    throw new IllegalStateException("this version of QualityCity has other migrations than the backup: "
                            + "backup " + migrations + ", applied " + applied);
                }
                load(c, source, info, tables);
                for (String t : tables) {
                    counts.put(t, count(c, t));
                    long expected = Long.parseLong(info.getProperty("table." + t + ".rows"));
                    if (counts.get(t) != expected) {
                        throw new IllegalStateException("table " + t + " has " + counts.get(t) + " rows, the backup "
                                + expected);
                    }
                }
            }
        }
        out.printf("Restored %s into %s: %d tables, %d rows, row counts verified (%d ms)%n", source, dataDir,
                counts.size(), counts.values().stream().mapToLong(Long::longValue).sum(),
                (System.nanoTime() - t0) / 1_000_000);
        return counts;
    }

    private void load(Connection c, Path source, Properties info, List<String> tables) throws SQLException, IOException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            boolean replica;
            try {
                // as a superuser: no triggers or foreign-key checks while loading (the data was consistent)
                st.execute("SAVEPOINT r");
                st.execute("SET LOCAL session_replication_role = replica");
                replica = true;
            } catch (SQLException notSuperuser) {
                st.execute("ROLLBACK TO SAVEPOINT r");
                replica = false;
            }
            createPartitions(st, info);
            List<String> existing = tables(c);
            if (!existing.isEmpty()) {
                // rows that the migrations insert (roles, rules) come back from the backup instead
                st.execute("TRUNCATE " + String.join(", ", existing.stream().filter(t -> !t.endsWith(".flyway_schema_history"))
                        .map(BackupRestore::qualified).toList()));
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String t : replica ? tables : foreignKeyOrder(c, tables)) {
                if (t.endsWith(".flyway_schema_history")) {
                    continue; // written by the migrations above
                }
                String cols = String.join(", ", quoted(List.of(info.getProperty("table." + t + ".columns").split(","))));
                try (InputStream in = new GZIPInputStream(Files.newInputStream(source.resolve("db").resolve(t + ".copy.gz")),
                        1 << 16)) {
                    copy.copyIn("COPY " + qualified(t) + " (" + cols + ") FROM STDIN", in);
                }
            }
            for (String s : info.getProperty("sequences", "").split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                String v = info.getProperty("sequence." + s);
                try (PreparedStatement ps = c.prepareStatement(v.isEmpty() ? "SELECT setval(CAST(? AS regclass), 1, false)"
                        : "SELECT setval(CAST(? AS regclass), ?, true)")) {
                    ps.setString(1, qualified(s));
                    if (!v.isEmpty()) {
                        ps.setLong(2, Long.parseLong(v));
                    }
                    ps.execute();
                }
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Tables ordered so that each comes after the tables its foreign keys reference. */
    private static List<String> foreignKeyOrder(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        tables.forEach(t -> deps.put(t, new LinkedHashSet<>()));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT sn.nspname || '.' || s.relname, tn.nspname || '.' || t.relname
                FROM pg_constraint k JOIN pg_class s ON s.oid = k.conrelid JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN pg_class t ON t.oid = k.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                WHERE k.contype = 'f'""")) {
            while (rs.next()) {
                if (deps.containsKey(rs.getString(1)) && !rs.getString(1).equals(rs.getString(2))) {
                    deps.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (order.size() < tables.size()) {
            boolean progress = false;
            for (String t : tables) {
                if (!done.contains(t) && done.containsAll(deps.get(t).stream().filter(deps::containsKey).toList())) {
                    order.add(t);
                    done.add(t);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle: restore as a superuser");
            }
        }
        return order;
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * Creates the partitions the backup lists and the migrations did not (DDL takes no bind parameters: the names are
     * quoted identifiers, and the bound is PostgreSQL's own text of it, from a backup whose manifest was verified).
     */
    private static void createPartitions(Statement st, Properties info) throws SQLException {
        for (String part : info.getProperty("partitions", "").split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String parent = info.getProperty("partition." + part + ".parent");
            String bound = info.getProperty("partition." + part + ".bound", "");
            if (parent == null || !bound.matches("(FOR VALUES [^;]*|DEFAULT)")) {
                throw new IllegalStateException("backup.properties: partition " + part + " has no valid parent and bound");
            }
            st.execute("CREATE TABLE IF NOT EXISTS " + qualified(part) + " PARTITION OF " + qualified(parent) + " " + bound);
        }
    }

    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_%'
                ORDER BY 1""")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT attname FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attnum > 0
                  AND NOT attisdropped AND attgenerated = '' ORDER BY attnum""")) {
            ps.setString(1, qualified(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + qualified(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> appliedMigrations(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** {@code schema.table} (names from the catalogue) as a quoted identifier. */
    static String qualified(String table) {
        int dot = table.indexOf('.');
        return quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(BackupRestore::quote).toList();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void requireEmpty(Path dir, String what) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalStateException("the " + what + " " + dir + " is not empty");
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Copies a directory tree; from a data directory, without the database and the lock file. */
    private static void copyTree(Path from, Path to, boolean fromDataDir) throws IOException {
        Files.createDirectories(to);
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (fromDataDir && rel.getNameCount() > 0 && NOT_COPIED.contains(rel.getName(0).toString())) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> filesOf(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !root.relativize(p).toString().equals(MANIFEST))
                    .sorted().toList();
        }
    }

    private static void writeManifest(Path target) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path p : filesOf(target)) {
            sb.append(sha256(p)).append("  ").append(target.relativize(p).toString().replace('\\', '/')).append('\n');
        }
        Files.writeString(target.resolve(MANIFEST), sb.toString(), StandardCharsets.UTF_8);
    }

    /** Checks every file against the manifest; a missing, changed or unlisted file fails the restore. */
    static void verifyManifest(Path source) throws IOException {
        Path manifest = source.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            throw new IllegalStateException("no " + MANIFEST + " in " + source + ": not a QualityCity backup");
        }
        Map<String, String> listed = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    listed.put(line.substring(66), line.substring(0, 64));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> present = new TreeSet<>();
        for (Path p : filesOf(source)) {
            String rel = source.relativize(p).toString().replace('\\', '/');
            present.add(rel);
            String expected = listed.get(rel);
            if (expected == null) {
                problems.add("not in the manifest: " + rel);
            } else if (!expected.equals(sha256(p))) {
                problems.add("checksum mismatch: " + rel);
            }
        }
        listed.keySet().stream().filter(k -> !present.contains(k)).forEach(k -> problems.add("missing: " + k));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the backup in " + source + " fails its manifest: " + problems);
        }
    }
}
