package org.qualitycity.environment.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Random;

/**
 * Order 299, just before the indicator demo (300) pulls G1a's days, G2 and G5: waits until the environment demo
 * stations' measurements, stored in the background since order 250, are all in ({@link EnvironmentDemoData}).
 */
@Component
class EnvironmentDemoDataJoin implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentDemoDataJoin.class);

    private final EnvironmentDemoData environment;

    EnvironmentDemoDataJoin(EnvironmentDemoData environment) {
        this.environment = environment;
    }

    @Override
    public int order() {
        return 299;
    }

    @Override
    public void generate(Random random) {
        log.info("Environment demo data: waited {} ms for the background store", environment.awaitStored());
    }
}
