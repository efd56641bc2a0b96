package org.qualitycity.plan.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads the city's plan file ({@code qc.city.plan}, {@code QC_CITY_PLAN}; default the bundled Xianning plan
 * {@code plans/xianning-2017.yaml}) as the current plan on the first start, when no plan is stored yet. It runs after
 * the unit tree ({@code UnitTreeLoader}, order -20): the plan names its units by code. It is reference data, loaded with or without demo data, and before the demo data
 * ({@code DemoDataLoader} runs at order 0; its contributors read the plan).
 */
@Component
@Order(-10)
class BundledPlanLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BundledPlanLoader.class);

    private final PlanService plans;
    private final Resource file;

    BundledPlanLoader(PlanService plans, @Value("${qc.city.plan}") Resource file) {
        this.plans = plans;
        this.file = file;
    }

    @Override
    public void run(ApplicationArguments args) {
        plans.loadBundledIfEmpty(file).ifPresent(p -> log.info("Loaded the bundled plan {} ({}) as the current plan",
                p.id(), p.documentNumber()));
    }
}
