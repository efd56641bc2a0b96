package org.qualitycity.credit.internal;

import org.qualitycity.enterprise.EnterpriseDetailSection;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** The enterprise detail's penalties and honours, serious-violation listings and repair applications. */
@Component
class CreditHistorySection implements EnterpriseDetailSection {

    private final CreditService credit;

    CreditHistorySection(CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String key() {
        return "creditHistory";
    }

    @Override
    public Object section(EnterpriseRef enterprise, CurrentUser user) {
        return user.can("credit:record:view") ? credit.history(enterprise) : null;
    }
}
