package org.qualitycity.platform.internal;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code /actuator/info} tells operators the state of the demo data set: {@code PRESENT}, {@code NONE}, or
 * {@code GENERATING} with the contributors done of all (the background generation after readiness).
 */
@Component
class DemoDataInfo implements InfoContributor {

    private final DemoStatus status;

    DemoDataInfo(DemoStatus status) {
        this.status = status;
    }

    @Override
    public void contribute(Info.Builder builder) {
        if (status.generating()) {
            builder.withDetail("demoData", Map.of("state", "GENERATING", "done", status.done(), "of", status.total()));
        } else {
            builder.withDetail("demoData", Map.of("state", status.present() ? "PRESENT" : "NONE"));
        }
    }
}
