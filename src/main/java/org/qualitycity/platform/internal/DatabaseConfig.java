package org.qualitycity.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The one DataSource: the external PostgreSQL given by {@code QC_DB_URL} (with {@code QC_DB_USER},
 * {@code QC_DB_PASSWORD}), or else the embedded PostgreSQL under {@code QC_DATA_DIR}, which is
 * stopped when the application shuts down.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    DataSource dataSource(QcProperties props, @Value("${qc.db.pool-size:20}") int poolSize,
                          @Value("${qc.db.min-idle:2}") int minIdle,
                          @Value("${qc.db.embedded-shared-buffers:" + EmbeddedPostgresDataSource.DEFAULT_EMBEDDED_SHARED_BUFFERS
                                  + "}") String sharedBuffers,
                          @Value("${qc.db.embedded-max-connections:"
                                  + EmbeddedPostgresDataSource.DEFAULT_EMBEDDED_MAX_CONNECTIONS + "}") int maxConnections) {
        HikariDataSource ds;
        if (props.externalDatabase()) {
            ds = new HikariDataSource();
            ds.setJdbcUrl(props.db().url());
            ds.setUsername(props.db().user());
            ds.setPassword(props.db().password());
        } else {
            Path dir = Path.of(props.dataDir());
            ds = new EmbeddedDataSource(dir);
            ds.setJdbcUrl(EmbeddedPostgresDataSource.jdbcUrl(dir, sharedBuffers, maxConnections) + "&reWriteBatchedInserts=true");
        }
        ds.setMaximumPoolSize(poolSize);
        // connections beyond a few are opened under load and closed again after Hikari's idle timeout (10 min):
        // each idle PostgreSQL backend costs memory on a small machine
        ds.setMinimumIdle(Math.min(minIdle, poolSize));
        ds.setPoolName("qc");
        // every session in the platform's zone, whichever JVM default was in force when the connection was opened
        ds.setConnectionInitSql(org.qualitycity.platform.ApplicationZone.sessionSql());
        return ds;
    }

    /** A pool over the embedded server; closing it (application shutdown) stops the server too. */
    static final class EmbeddedDataSource extends HikariDataSource {

        private final Path dir;

        EmbeddedDataSource(Path dir) {
            this.dir = dir;
        }

        @Override
        public void close() {
            super.close();
            EmbeddedPostgresDataSource.stop(dir);
        }
    }
}
