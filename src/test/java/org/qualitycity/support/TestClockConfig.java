package org.qualitycity.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the application clock by a {@link MutableClock} that tests can move. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    /** Lets test helpers find this application's clock by its port (TOTP codes for its time). */
    @Bean
    org.springframework.context.ApplicationListener<org.springframework.boot.web.server.context.WebServerInitializedEvent>
            mutableClockByPort(MutableClock clock) {
        return e -> MutableClock.register(e.getWebServer().getPort(), clock);
    }
}
