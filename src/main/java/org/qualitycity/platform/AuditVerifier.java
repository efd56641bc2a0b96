package org.qualitycity.platform;

import java.time.Instant;
import java.util.List;

/**
 * Verification of the audit trail's hash chain, for modules that run it (for example as a background
 * job). Read-only; the caller decides who may run it.
 */
public interface AuditVerifier {

    /**
     * Seals what has been committed so far, then recomputes every sealed entry's hash, checks each link to
     * the entry before (the first remaining one links to the last archived one) and checks that every
     * recorded head (see the daily verification) is still in the chain with its hash.
     *
     * @return how many sealed entries were checked, the first ids (at most 100) whose hash or link is wrong,
     * the chain positions of recorded heads that are gone (truncation) and the unsealed tail
     */
    Verification verify();

    /**
     * Result of a verification.
     *
     * @param checked      sealed entries checked
     * @param intact       no broken entry and no missing head
     * @param brokenIds    ids of entries whose hash or link is wrong (at most 100)
     * @param verifiedAt   when
     * @param unsealed     entries committed after sealing, not yet covered (the unsealed tail)
     * @param headSeq      chain position of the newest sealed entry, or null
     * @param headHash     its hash, or null
     * @param missingHeads chain positions of recorded heads that are no longer in the chain (the newest
     *                     entries were cut off)
     */
    record Verification(long checked, boolean intact, List<Long> brokenIds, Instant verifiedAt, long unsealed,
                        Long headSeq, String headHash, List<Long> missingHeads) {
    }
}
