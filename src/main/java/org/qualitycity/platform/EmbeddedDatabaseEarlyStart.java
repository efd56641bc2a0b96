package org.qualitycity.platform;

import org.qualitycity.platform.internal.EmbeddedPostgresDataSource;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;

/**
 * Issue 13 (start-up): as soon as the application's settings are read (before Spring builds its context), starts the
 * embedded PostgreSQL of {@code qc.data-dir} on a background thread, with the {@code shared_buffers} and
 * {@code max_connections} the DataSource would use, so that locating the binaries, the first start's unpacking and
 * initdb, and PostgreSQL's own start run on the second core while the first one builds the context; the DataSource
 * takes the server over when it is created. Nothing happens with an external database ({@code qc.db.url}). A start
 * that fails before the DataSource took the server over stops it again. Registered by the application's main method
 * only (tests start their contexts without it).
 */
public final class EmbeddedDatabaseEarlyStart implements ApplicationListener<SpringApplicationEvent> {

    private Path dataDir;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared && dataDir == null) {
            Environment env = prepared.getEnvironment();
            if (StringUtils.hasText(env.getProperty("qc.db.url"))
                    || !env.getProperty("qc.db.early-start", Boolean.class, true)) {
                return;
            }
            String dir = env.getProperty("qc.data-dir");
            dataDir = Path.of(StringUtils.hasText(dir) ? dir : "./var");
            EmbeddedPostgresDataSource.startInBackground(dataDir,
                    env.getProperty("qc.db.embedded-shared-buffers", EmbeddedPostgresDataSource.DEFAULT_EMBEDDED_SHARED_BUFFERS),
                    env.getProperty("qc.db.embedded-max-connections", Integer.class,
                            EmbeddedPostgresDataSource.DEFAULT_EMBEDDED_MAX_CONNECTIONS));
        } else if (event instanceof ApplicationFailedEvent && dataDir != null) {
            EmbeddedPostgresDataSource.abandonBackgroundStart(dataDir);
        }
    }
}
