package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.platform.internal.DemoStatus;
import org.qualitycity.platform.internal.EmbeddedPostgresDataSource;
import org.qualitycity.support.TestApi;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Data survives a restart; a PostgreSQL left running by a killed JVM is recovered from. */
class RestartTest {

    private static ConfigurableApplicationContext start(Path dir) {
        // as in production: the demo data beyond the accounts is generated after readiness, in the background, and the
        // embedded PostgreSQL is started on a background thread while the context is built (QualityCityApplication.main)
        return new SpringApplicationBuilder(QualityCityApplication.class)
                .listeners(new EmbeddedDatabaseEarlyStart())
                .run("--server.port=0", "--qc.data-dir=" + dir, "--qc.demo=true", "--spring.jmx.enabled=false",
                        "--qc.demo-background=true");
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @Test
    void aUserCreatedBeforeARestartStillLogsIn(@TempDir Path dir) throws Exception {
        var first = start(dir);
        // ready: the demo accounts log in, while the rest of the demo data may still be being generated
        TestApi api = new TestApi(port(first));
        String admin = api.login("admin", TestApi.DEMO_PASSWORD)
                .json().get("token").asText();
        var created = api.post("/api/v1/users", Map.of("username", "survivor", "displayName", "重启后仍在",
                "unitCode", "421222", "password", "Survive#2026", "roles", List.of("DISTRICT_OFFICER")), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        first.close();
        // the server started by the early start was taken over by the DataSource, and stopped with it
        assertThat(EmbeddedPostgresDataSource.isRunning(dir)).isFalse();
        assertThat(dir.resolve("pgdata").resolve("postmaster.pid")).doesNotExist();

        var second = start(dir);
        try {
            TestApi again = new TestApi(port(second));
            var login = again.post("/api/v1/auth/token", Map.of("username", "survivor", "password", "Survive#2026"), null);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            // demo data was generated once, not again on the second start
            String admin2 = again.login("admin", TestApi.DEMO_PASSWORD).json().get("token").asText();
            assertThat(again.get("/api/v1/users?q=secadmin", admin2).json().get("total").asLong()).isEqualTo(1);
            // the demo data set is completed in the background (again, if the first start ended before it was done),
            // and what runs after the demo data ran after it: the bulk-loaded personal data of the cases is encrypted
            assertThat(second.getBean(DemoStatus.class).generated().get(10, TimeUnit.MINUTES)).isTrue();
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM complaint_case").query(Long.class).single()).isGreaterThan(1000);
            assertThat(jdbc.sql("SELECT count(*) FROM complaint_case WHERE person_name NOT LIKE 'pd1:%' AND btrim(person_name) <> ''")
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM platform_user").query(Long.class).single()).isGreaterThanOrEqualTo(12);
        } finally {
            second.close();
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledJvmIsStoppedAndTheServerStartsAgain(@TempDir Path dir) throws Exception {
        // a child JVM starts the embedded server and dies without running its shutdown hooks (like kill -9)
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StalePostgresStarter.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "stale-postgres-child.log").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(0);
        Path pid = dir.resolve("pgdata").resolve("postmaster.pid");
        assertThat(pid).exists();
        long stalePid = Long.parseLong(Files.readAllLines(pid).get(0).trim());
        assertThat(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive)).contains(true);

        try {
            String url = EmbeddedPostgresDataSource.jdbcUrl(dir);
            assertThat(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (var c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        } finally {
            EmbeddedPostgresDataSource.stop(dir);
        }
    }
}
