package org.qualitycity.support;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test against the whole application on a random port, backed by the embedded
 * PostgreSQL of this test run (a fresh data directory per Maven run, demo data generated once).
 * Every test class with this annotation shares one Spring context, so keep the configuration here.
 * Tests create their own records with unique names, or read the deterministic demo data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {org.qualitycity.QualityCityApplication.class, TestClockConfig.class},
        properties = {"qc.data-dir=${qc.test.data-dir:target/test-data}", "qc.demo=true",
                "spring.main.allow-bean-definition-overriding=true",
                // every test request comes from 127.0.0.1: the per-address login throttle would otherwise add up the
                // failed logins of unrelated tests (AccountSecurityTest proves the throttle with the configured value)
                "qc.security.address-max-failures=500"})
public @interface QcIntegrationTest {
}
