package org.qualitycity.plan.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the bundled plan ({@value PlanService#BUNDLED}) as the current plan on the first start, when no
 * plan is stored yet. It is reference data, loaded with or without demo data, and before the demo data
 * ({@code DemoDataLoader} runs at order 0; its contributors read the plan).
 */
@Component
@Order(-10)
class BundledPlanLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BundledPlanLoader.class);

    private final PlanService plans;

    BundledPlanLoader(PlanService plans) {
        this.plans = plans;
    }

    @Override
    public void run(ApplicationArguments args) {
        plans.loadBundledIfEmpty().ifPresent(p -> log.info("Loaded the bundled plan {} ({}) as the current plan",
                p.id(), p.documentNumber()));
    }
}
