package org.qualitycity.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The one DataSource: the external PostgreSQL given by {@code QC_DB_URL} (with {@code QC_DB_USER},
 * {@code QC_DB_PASSWORD}), or else the embedded PostgreSQL under {@code QC_DATA_DIR}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    DataSource dataSource(QcProperties props,
                          @Value("${qc.db.pool-size:20}") int poolSize) {
        HikariDataSource ds = new HikariDataSource();
        if (props.externalDatabase()) {
            ds.setJdbcUrl(props.db().url());
            ds.setUsername(props.db().user());
            ds.setPassword(props.db().password());
        } else {
            String url = EmbeddedPostgresDataSource.jdbcUrl(Path.of(props.dataDir()));
            ds.setJdbcUrl(url + "&reWriteBatchedInserts=true");
        }
        ds.setMaximumPoolSize(poolSize);
        ds.setPoolName("qc");
        return ds;
    }

}
