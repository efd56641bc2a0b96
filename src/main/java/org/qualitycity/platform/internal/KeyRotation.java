package org.qualitycity.platform.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Master-key rotation: a new master key re-wraps every data key in one transaction; stored values and
 * hashes stay valid (they use the data keys). With a key file, the new key goes to
 * {@code master.key.new} first and replaces {@code master.key} after the commit (a start-up after an
 * interruption between the two completes it). With {@code QC_MASTER_KEY}, the new key is taken from
 * {@code QC_NEW_MASTER_KEY} or, when that is not set, generated and printed once.
 */
public final class KeyRotation {

    private final PrintStream out;

    public KeyRotation(PrintStream out) {
        this.out = out;
    }

    /** Returns the id of the new master key. */
    public String rotate(Path dataDir, String dbUrl, String dbUser, String dbPassword, String envKey, String newEnvKey)
            throws IOException, SQLException {
        try (DatabaseTarget db = DatabaseTarget.open(dataDir, dbUrl, dbUser, dbPassword)) {
            KeyRing ring = KeyRing.open(db.dataSource(), dataDir, envKey, false);
            MasterKey current = ring.master();
            boolean fromEnv = envKey != null && !envKey.isBlank();
            MasterKey next = newEnvKey != null && !newEnvKey.isBlank()
                    ? MasterKey.of(MasterKey.decode(newEnvKey, "QC_NEW_MASTER_KEY"), current.file())
                    : MasterKey.generate(current.file());
            Path pending = fromEnv ? null : next.writePending(current.file());
            int n;
            try (Connection c = db.connect()) {
                n = KeyRing.rewrap(c, current, next);
            } catch (SQLException | RuntimeException e) {
                if (pending != null) {
                    Files.deleteIfExists(pending);
                }
                throw e;
            }
            if (pending != null) {
                MasterKey.promote(pending, current.file());
                out.printf("Re-wrapped %d data keys: master key %s replaced by %s in %s%n", n, current.id(), next.id(),
                        current.file());
            } else {
                out.printf("Re-wrapped %d data keys: master key %s replaced by %s.%n", n, current.id(), next.id());
                if (newEnvKey == null || newEnvKey.isBlank()) {
                    out.printf("Set %s to this new key before the next start (shown once):%n%s%n", MasterKey.ENV,
                            next.encoded());
                } else {
                    out.printf("Set %s to the value of QC_NEW_MASTER_KEY before the next start.%n", MasterKey.ENV);
                }
            }
            return next.id();
        }
    }
}
