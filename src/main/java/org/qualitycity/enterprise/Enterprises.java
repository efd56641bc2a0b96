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

    /**
     * The registered enterprise with this credit code, whatever the caller's scope (a project in one district names
     * builders registered in another); for linking records to the register, not for showing an enterprise's record.
     */
    Optional<EnterpriseRef> byCreditCode(String creditCode);

    /**
     * Active enterprises whose industry code (GB/T 4754) starts with one of {@code industryPrefixes}, in register
     * order (oldest first), at most {@code limit}; with {@code demoOnly} only those labelled demo. One query; for demo
     * data and pickers, not for showing records (no data scope applies).
     */
    java.util.List<EnterpriseRef> active(java.util.Collection<String> industryPrefixes, boolean demoOnly, int limit);

    /**
     * The oldest registered enterprise of each area (unit), areas in the order of their oldest enterprise, at most
     * {@code limit} areas. One query; for demo data, not for showing records (no data scope applies).
     */
    java.util.List<EnterpriseRef> firstOfEachArea(int limit);

    /** The users linked to an enterprise (its accounts), for notices addressed to the enterprise (issue 17). */
    java.util.List<Long> linkedUsers(long enterpriseId);

    /** The enterprise an enterprise user is linked to, if any. */
    Optional<Long> linkedEnterprise(long userId);

    /**
     * The data scope of enterprise-owned records for this user, a typed filter the caller's repository renders over
     * its columns with {@link EnterpriseScope#predicate} and binds with {@link EnterpriseScope#params()}.
     */
    EnterpriseScope scope(CurrentUser user);

    /**
     * As {@link #scope(CurrentUser)} for the records of another module ({@code "spotcheck"}, {@code "credit"}): staff
     * see the units of their scope in that module ({@link CurrentUser#scope(String)}, the functional scope of issue 14).
     */
    EnterpriseScope scope(CurrentUser user, String module);
}
