package org.qualitycity.platform.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QcProperties.class)
class PlatformConfig {

    /** The one clock of the application: tests replace it to move time (deadlines, lock-outs). */
    @Bean
    Clock clock() {
        return Clock.system(org.qualitycity.platform.ApplicationZone.ZONE);
    }
}
