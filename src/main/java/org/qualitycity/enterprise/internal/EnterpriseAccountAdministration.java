package org.qualitycity.enterprise.internal;

import org.qualitycity.platform.AccountAdministration;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The accounts of enterprises (users linked to an enterprise) are administered only by the regulator
 * that registered the enterprise: a user who holds {@value #MANAGE} and whose scope covers the
 * enterprise in the register. A district's officers, who may edit the register of their district, do
 * not thereby administer the enterprises' accounts.
 */
@Component
class EnterpriseAccountAdministration implements AccountAdministration {

    static final String MANAGE = "enterprise:account:manage";

    private final EnterpriseService enterprises;

    EnterpriseAccountAdministration(EnterpriseService enterprises) {
        this.enterprises = enterprises;
    }

    @Override
    public Optional<Boolean> mayAdminister(long userId, CurrentUser by) {
        return enterprises.linkedEnterprise(userId).map(enterpriseId -> by.can(MANAGE) && visible(enterpriseId, by));
    }

    private boolean visible(long enterpriseId, CurrentUser by) {
        try {
            enterprises.requireVisible(enterpriseId, by);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
