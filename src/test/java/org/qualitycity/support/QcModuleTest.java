package org.qualitycity.support;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The database of a module test: put it beside Spring Modulith's {@code @ApplicationModuleTest}, which bootstraps
 * one module (and the modules it needs) instead of the whole application. Configured like
 * {@link QcIntegrationTest} (embedded PostgreSQL of this test run, the movable clock), but on a data directory of its
 * own, so that the slice migrates a fresh database and seeds only its modules' demo data, and never shares rows with
 * the full application's tests; the context (and its PostgreSQL) is closed after the test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {"qc.data-dir=${qc.test.data-dir:target/test-data}-modules/${random.uuid}",
        "qc.demo=true", "spring.main.allow-bean-definition-overriding=true"})
@Import(TestClockConfig.class)
@DirtiesContext
public @interface QcModuleTest {
}
