package org.qualitycity.complaint.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start, after the unit tree is loaded ({@code UnitTreeLoader}, order -20), gives every district and zone
 * its default dispatch rules (its market regulator); rules edited later are kept.
 */
@Component
@Order(-15)
class DispatchDefaults implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DispatchDefaults.class);

    private final DispatchRules rules;

    DispatchDefaults(DispatchRules rules) {
        this.rules = rules;
    }

    @Override
    public void run(ApplicationArguments args) {
        int n = rules.seedDefaultsIfEmpty();
        if (n > 0) {
            log.info("Created {} default complaint dispatch rules (each area's market regulator)", n);
        }
    }
}
