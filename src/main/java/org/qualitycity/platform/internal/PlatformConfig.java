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
    Clock clock(@org.springframework.beans.factory.annotation.Value("${qc.timezone}") String zone) {
        if (!java.time.ZoneId.of(zone.trim()).equals(org.qualitycity.platform.ApplicationZone.ZONE)) {
            throw new IllegalStateException("qc.timezone " + zone + " differs from the zone read before start-up ("
                    + org.qualitycity.platform.ApplicationZone.ZONE + "): set it as QC_TIMEZONE or -Dqc.timezone");
        }
        return Clock.system(org.qualitycity.platform.ApplicationZone.ZONE);
    }
}
