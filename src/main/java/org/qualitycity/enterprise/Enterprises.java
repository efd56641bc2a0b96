package org.qualitycity.enterprise;

import org.qualitycity.platform.CurrentUser;

import java.util.Optional;

/**
 * Read access to the register for other modules, and the data scope of enterprise-owned records: an
 * enterprise user (role ENTERPRISE, linked to one enterprise) sees only its own enterprise's records;
 * everyone else sees the records of the units their data scope covers.
 */
public interface Enterprises {

    /** The enterprise if it exists and the user may see it; otherwise {@link org.qualitycity.platform.NotFoundException}. */
    EnterpriseRef requireVisible(String creditCode, CurrentUser user);

    /** As {@link #requireVisible(String, CurrentUser)} by id. */
    EnterpriseRef requireVisible(long id, CurrentUser user);

    Optional<EnterpriseRef> byId(long id);

    /** The enterprise with this credit code, whoever asks (for links between enterprises, issue 17). */
    Optional<EnterpriseRef> byCreditCode(String creditCode);

    /** The users linked to an enterprise (its accounts), for notices addressed to the enterprise (issue 17). */
    java.util.List<Long> linkedUsers(long enterpriseId);

    /** The enterprise an enterprise user is linked to, if any. */
    Optional<Long> linkedEnterprise(long userId);

    /**
     * The data scope of enterprise-owned records for this user, a typed filter the caller's repository renders over
     * its columns with {@link EnterpriseScope#predicate} and binds with {@link EnterpriseScope#params()}.
     */
    EnterpriseScope scope(CurrentUser user);
}
