package org.qualitycity.spotcheck.internal;

import org.qualitycity.enterprise.EnterpriseDetailSection;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.springframework.stereotype.Component;

/** The enterprise detail's latest samples. */
@Component
class SampleSection implements EnterpriseDetailSection {

    private final SpotcheckService service;

    SampleSection(SpotcheckService service) {
        this.service = service;
    }

    @Override
    public String key() {
        return "samples";
    }

    @Override
    public Object section(EnterpriseRef enterprise, CurrentUser user) {
        if (!user.can("spotcheck:sample:view")) {
            return null;
        }
        return service.list(new SpotcheckService.Filter(null, null, null, null, enterprise.creditCode(), null, null),
                new ListQuery(0, 50, "sampledOn", "desc"), user).items();
    }
}
