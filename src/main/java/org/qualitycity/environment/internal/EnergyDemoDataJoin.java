package org.qualitycity.environment.internal;

import org.qualitycity.platform.DemoDataContributor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Random;

/**
 * Order 899, after the other contributors: waits until the demo energy meters' readings, stored in the background
 * since order 251, are all in ({@link EnergyDemoData}), so that start-up ends with the demo data complete.
 */
@Component
class EnergyDemoDataJoin implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EnergyDemoDataJoin.class);

    private final EnergyDemoData energy;

    EnergyDemoDataJoin(EnergyDemoData energy) {
        this.energy = energy;
    }

    @Override
    public int order() {
        return 899;
    }

    @Override
    public void generate(Random random) {
        log.info("Energy demo data: waited {} ms for the background store", energy.awaitStored());
    }
}
