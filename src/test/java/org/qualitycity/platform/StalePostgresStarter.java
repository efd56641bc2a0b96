package org.qualitycity.platform;

import org.qualitycity.platform.internal.EmbeddedPostgresDataSource;

import java.nio.file.Path;

/** Run in a child JVM by RestartTest: starts the embedded server, then halts like a killed process. */
public final class StalePostgresStarter {

    private StalePostgresStarter() {
    }

    public static void main(String[] args) {
        EmbeddedPostgresDataSource.jdbcUrl(Path.of(args[0]));
        System.out.flush();
        Runtime.getRuntime().halt(0); // no shutdown hooks: the postmaster keeps running
    }
}
