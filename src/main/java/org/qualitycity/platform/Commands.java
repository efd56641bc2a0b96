package org.qualitycity.platform;

import org.qualitycity.platform.internal.BackupRestore;
import org.qualitycity.platform.internal.KeyRotation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administrative commands of the jar, run instead of the web server:
 * {@code backup DIR}, {@code restore DIR} and {@code rotate-key}. They read the same environment
 * variables as the application ({@code QC_DATA_DIR}, {@code QC_DB_URL}, {@code QC_DB_USER},
 * {@code QC_DB_PASSWORD}, {@code QC_MASTER_KEY}); {@code --data-dir=…} overrides the data directory.
 */
public final class Commands {

    private static final Set<String> NAMES = Set.of("backup", "restore", "rotate-key");

    private Commands() {
    }

    /** Whether the arguments name a command (and not the web application). */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs the command; returns the process exit code (0 success, 1 failure, 2 usage). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        // no Spring Boot logging set-up here: keep the libraries' start-up chatter out of the command's output
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<String> positional = new ArrayList<>();
        String dataDir = env.getOrDefault("QC_DATA_DIR", "./var");
        for (String a : args) {
            if (a.startsWith("--data-dir=")) {
                dataDir = a.substring("--data-dir=".length());
            } else if (!a.startsWith("--")) {
                positional.add(a);
            }
        }
        String url = env.get("QC_DB_URL");
        String user = env.get("QC_DB_USER");
        String password = env.get("QC_DB_PASSWORD");
        Path dir = Path.of(dataDir);
        try {
            switch (positional.get(0)) {
                case "backup" -> {
                    if (positional.size() != 2) {
                        return usage(err);
                    }
                    new BackupRestore(out).backup(dir, url, user, password, Path.of(positional.get(1)));
                }
                case "restore" -> {
                    if (positional.size() != 2) {
                        return usage(err);
                    }
                    new BackupRestore(out).restore(Path.of(positional.get(1)), dir, url, user, password);
                }
                case "rotate-key" -> new KeyRotation(out).rotate(dir, url, user, password, env.get("QC_MASTER_KEY"),
                        env.get("QC_NEW_MASTER_KEY"));
                default -> {
                    return usage(err);
                }
            }
            return 0;
        } catch (Exception e) {
            err.println(positional.get(0) + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar qualitycity.jar backup DIR | restore DIR | rotate-key  [--data-dir=DIR]");
        return 2;
    }
}
