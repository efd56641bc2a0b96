package org.qualitycity.platform.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database of a data directory for the command line: the external PostgreSQL when a JDBC URL is
 * given, else the embedded one of the data directory (started for the command and stopped after it,
 * unless this JVM already runs it). The embedded database of a running application is locked by it:
 * stop the application first.
 */
final class DatabaseTarget implements AutoCloseable {

    private final Path dataDir;
    private final String url;
    private final String user;
    private final String password;
    private final boolean startedHere;

    private DatabaseTarget(Path dataDir, String url, String user, String password, boolean startedHere) {
        this.dataDir = dataDir;
        this.url = url;
        this.user = user;
        this.password = password;
        this.startedHere = startedHere;
    }

    static DatabaseTarget open(Path dataDir, String externalUrl, String user, String password) {
        if (externalUrl != null && !externalUrl.isBlank()) {
            return new DatabaseTarget(dataDir, externalUrl, user, password, false);
        }
        boolean running = EmbeddedPostgresDataSource.isRunning(dataDir);
        return new DatabaseTarget(dataDir, EmbeddedPostgresDataSource.jdbcUrl(dataDir), null, null, !running);
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    javax.sql.DataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    @Override
    public void close() {
        if (startedHere) {
            EmbeddedPostgresDataSource.stop(dataDir);
        }
    }
}
