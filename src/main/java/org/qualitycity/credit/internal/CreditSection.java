package org.qualitycity.credit.internal;

import org.qualitycity.enterprise.EnterpriseDetailSection;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** The enterprise detail's credit grade with its reasons. */
@Component
class CreditSection implements EnterpriseDetailSection {

    private final CreditService credit;

    CreditSection(CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String key() {
        return "credit";
    }

    @Override
    public Object section(EnterpriseRef enterprise, CurrentUser user) {
        return user.can("credit:record:view") ? credit.grade(enterprise) : null;
    }
}
