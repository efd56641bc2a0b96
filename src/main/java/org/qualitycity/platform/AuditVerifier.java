package org.qualitycity.platform;

import java.time.Instant;
import java.util.List;

/**
 * Verification of the audit trail's hash chain, for modules that run it (for example as a background
 * job). Read-only; the caller decides who may run it.
 */
public interface AuditVerifier {

    /**
     * Recomputes every entry's hash and checks each link to the entry before.
     *
     * @return how many entries were checked and the first ids (at most 100) whose hash or link is wrong
     */
    Verification verify();

    /** Result of a verification: how many entries were checked and the ids whose hash or link is wrong. */
    record Verification(long checked, boolean intact, List<Long> brokenIds, Instant verifiedAt) {
    }
}
